package nnlab.net;

import org.ejml.data.DMatrixRMaj;

/**
 * Weight penalties added to the summed loss: λ₁ Σ|w| + (λ₂/2) Σ w², over weights only — biases are
 * never regularized (they shift the function, they do not make it less smooth).
 *
 * <p>Gradient terms: λ₁ sgn(w) and λ₂ w, with sgn(0) = 0. With {@link Reduction#SUM} and plain gradient
 * descent this gives the update forms w ← (1 − ηλ₂) w − η ∂L/∂w and w ← w − η ∂L/∂w − ηλ₁ sgn(w);
 * with {@link Reduction#MEAN} every λ is divided by n, the course's λ/(2m) Σθ² and (λ/m) Θ.
 *
 * <p>The L1 cost term is λ₁‖w‖₁ (without a ½): that is the term whose gradient is λ₁ sgn(w).
 */
public record Regularizer(double l1, double l2) {

    public static final Regularizer NONE = new Regularizer(0, 0);

    public Regularizer {
        if (!(l1 >= 0 && l1 < Double.POSITIVE_INFINITY) || !(l2 >= 0 && l2 < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("regularization strengths must be finite and ≥ 0 (λ₁ = " + l1 + ", λ₂ = " + l2
                    + "); typical λ: 1e-4 … 1 with Reduction.MEAN, 0 for none");
        }
    }

    /** L1 with strength λ. */
    public static Regularizer l1(double lambda) {
        return new Regularizer(lambda, 0);
    }

    /** L2 with strength λ. */
    public static Regularizer l2(double lambda) {
        return new Regularizer(0, lambda);
    }

    /** λ₁ Σ|w| + (λ₂/2) Σ w² over the weights of every layer. */
    public double penalty(Network net) {
        if (l1 == 0 && l2 == 0) {
            return 0;
        }
        double sum = 0;
        for (int l = 1; l <= net.depth(); l++) {
            DMatrixRMaj W = net.layer(l).W();
            for (int i = 0; i < W.getNumElements(); i++) {
                double w = W.data[i];
                sum += l1 * Math.abs(w) + 0.5 * l2 * w * w;
            }
        }
        return sum;
    }

    /** dW(l) += scale · (λ₁ sgn(w) + λ₂ w) for every layer. */
    public void addGradient(Network net, Gradients grads, double scale) {
        if (l1 == 0 && l2 == 0) {
            return;
        }
        for (int l = 1; l <= net.depth(); l++) {
            DMatrixRMaj W = net.layer(l).W();
            DMatrixRMaj dW = grads.dW(l);
            for (int i = 0; i < W.getNumElements(); i++) {
                double w = W.data[i];
                dW.data[i] += scale * (l1 * Math.signum(w) + l2 * w);
            }
        }
    }

    @Override
    public String toString() {
        if (l1 == 0 && l2 == 0) {
            return "none";
        }
        if (l2 == 0) {
            return "L1(λ=" + l1 + ")";
        }
        return l1 == 0 ? "L2(λ=" + l2 + ")" : "L1(λ=" + l1 + ") + L2(λ=" + l2 + ")";
    }
}
