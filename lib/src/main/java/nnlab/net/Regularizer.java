package nnlab.net;

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
        // one loop per case: a term with λ = 0 adds exactly 0, so leaving it out keeps every bit
        double sum = 0;
        double half = 0.5 * l2;
        for (int l = 1; l <= net.depth(); l++) {
            double[] w = net.layer(l).W().data;
            int n = net.layer(l).W().getNumElements();
            if (l1 == 0) {
                for (int i = 0; i < n; i++) {
                    sum += half * w[i] * w[i];
                }
            } else if (l2 == 0) {
                for (int i = 0; i < n; i++) {
                    sum += l1 * Math.abs(w[i]);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    sum += l1 * Math.abs(w[i]) + half * w[i] * w[i];
                }
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
            double[] w = net.layer(l).W().data;
            double[] dW = grads.dW(l).data;
            int n = net.layer(l).W().getNumElements();
            if (l1 == 0) {
                for (int i = 0; i < n; i++) {
                    dW[i] += scale * (l2 * w[i]);
                }
            } else if (l2 == 0) {
                for (int i = 0; i < n; i++) {
                    dW[i] += scale * l1Sign(w[i]);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    dW[i] += scale * (l1Sign(w[i]) + l2 * w[i]);
                }
            }
        }
    }

    /**
     * λ₁ sgn(w), bit for bit {@code l1 * Math.signum(w)} (±0 and NaN included): a sign copied is cheaper
     * than the call, and than a branch on the sign, which weights of both signs keep mispredicting.
     */
    private double l1Sign(double w) {
        return w == 0 || w != w ? l1 * w : Math.copySign(l1, w);
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
