package nnlab.net;

/**
 * How per-example costs C_x combine into the cost over a batch of n examples.
 *
 * <p>The documents differ here, so the choice is always explicit: the course notes (seed 000) and
 * Nielsen's notes average ({@link #MEAN}, C = (1/n) Σ C_x), the worked example and the "total loss" of
 * the deep-learning notes add up ({@link #SUM}, L = Σ C_x). Regularization terms are added to the sum
 * before the reduction, so with MEAN an L2 term λ/2 ‖w‖² becomes λ/(2n) ‖w‖², exactly as in the course.
 */
public enum Reduction {
    /** L = Σ_x C_x. */
    SUM,
    /** C = (1/n) Σ_x C_x. */
    MEAN;

    /** The factor that turns a sum over n examples into this reduction. */
    public double scale(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("cannot reduce over " + n + " examples; the batch is empty");
        }
        return this == SUM ? 1.0 : 1.0 / n;
    }
}
