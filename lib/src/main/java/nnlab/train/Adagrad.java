package nnlab.train;

import org.ejml.data.DMatrixRMaj;

/**
 * Adagrad with the formula of the deep-learning notes (seed 003):
 * <pre>
 *   w^{t+1} ← w^t − η / √(Σ_{i=0..t} (g^i)²) · g^t
 * </pre>
 * per parameter, where the sum includes the current gradient g^t. A parameter whose gradients were
 * large gets a small step and vice versa. The running Σ (g^i)² is {@link Optimizer.State#first()}.
 *
 * <p>A zero sum: the denominator is √(Σ) + ε with ε = {@link #DEFAULT_EPSILON} = 1e-8 unless chosen,
 * which only matters while every gradient of that parameter so far was (nearly) 0. With ε = 0 the
 * formula is exactly the document's; a zero sum then means g^t = 0 too, and the step is taken as 0.
 *
 * @param eta     the learning rate η &gt; 0
 * @param epsilon ε ≥ 0 added to √(Σ g²)
 */
public record Adagrad(double eta, double epsilon) implements Optimizer {

    /** The ε added to √(Σ g²) by {@link Optimizer#adagrad(double)}. */
    public static final double DEFAULT_EPSILON = 1e-8;

    public Adagrad {
        Preconditions.requireLearningRate(eta);
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("Adagrad's ε must be finite and ≥ 0 (1e-8 is usual; 0 gives the document's formula), got " + epsilon);
        }
    }

    @Override
    public String name() {
        return "Adagrad(η=" + eta + (epsilon == DEFAULT_EPSILON ? "" : ", ε=" + epsilon) + ")";
    }

    @Override
    public void update(DMatrixRMaj w, DMatrixRMaj g, State state) {
        state.requireFits(w, g);
        state.forEachElement(this, w, g, Adagrad::step);
        state.steps++;
    }

    private static void step(Adagrad rule, double[] w, double[] g, State state, int from, int to) {
        double[] sumOfSquares = state.first;
        for (int i = from; i < to; i++) {
            double gi = g[i];
            sumOfSquares[i] += gi * gi;
            double denominator = Math.sqrt(sumOfSquares[i]) + rule.epsilon;
            if (denominator > 0) {
                w[i] -= rule.eta / denominator * gi;
            }
        }
    }
}
