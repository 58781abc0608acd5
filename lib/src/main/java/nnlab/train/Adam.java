package nnlab.train;

import org.ejml.data.DMatrixRMaj;

/**
 * Adam (Kingma and Ba, 2015) with bias correction, per parameter, at step t = 1, 2, …:
 * <pre>
 *   m ← β₁ m + (1 − β₁) g          v ← β₂ v + (1 − β₂) g²
 *   m̂ = m / (1 − β₁ᵗ)              v̂ = v / (1 − β₂ᵗ)
 *   w ← w − η m̂ / (√v̂ + ε)
 * </pre>
 * m is {@link Optimizer.State#first()}, v is {@link Optimizer.State#second()}, t is
 * {@link Optimizer.State#steps()}. The correction undoes the pull of the zero start on m and v.
 *
 * @param eta     the learning rate η &gt; 0 (0.001 is usual)
 * @param beta1   decay of the first moment, in [0, 1)
 * @param beta2   decay of the second moment, in [0, 1)
 * @param epsilon ε &gt; 0 in the denominator
 */
public record Adam(double eta, double beta1, double beta2, double epsilon) implements Optimizer {

    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPSILON = 1e-8;

    public Adam {
        Preconditions.requireLearningRate(eta);
        requireDecay("β₁", beta1, DEFAULT_BETA1);
        requireDecay("β₂", beta2, DEFAULT_BETA2);
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("Adam's ε must be finite and > 0 (1e-8 is usual), got " + epsilon);
        }
    }

    private static void requireDecay(String name, double beta, double usual) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException("Adam's " + name + " must be in [0, 1) (" + usual + " is usual), got " + beta);
        }
    }

    @Override
    public String name() {
        return "Adam(η=" + eta + ", β₁=" + beta1 + ", β₂=" + beta2 + ")";
    }

    @Override
    public void update(DMatrixRMaj w, DMatrixRMaj g, State state) {
        state.requireFits(w, g);
        state.steps++;
        state.forEachElement(this, w, g, Adam::step);
    }

    /** Step t = state.steps(), already counted for this update. */
    private static void step(Adam rule, double[] w, double[] g, State state, int from, int to) {
        double[] m = state.first;
        double[] v = state.second;
        double correction1 = 1 - Math.pow(rule.beta1, state.steps);
        double correction2 = 1 - Math.pow(rule.beta2, state.steps);
        for (int i = from; i < to; i++) {
            double gi = g[i];
            m[i] = rule.beta1 * m[i] + (1 - rule.beta1) * gi;
            v[i] = rule.beta2 * v[i] + (1 - rule.beta2) * gi * gi;
            double mHat = m[i] / correction1;
            double vHat = v[i] / correction2;
            w[i] -= rule.eta * mHat / (Math.sqrt(vHat) + rule.epsilon);
        }
    }
}
