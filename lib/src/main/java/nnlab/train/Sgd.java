package nnlab.train;

import org.ejml.data.DMatrixRMaj;

/**
 * Gradient descent: w ← w − η g.
 *
 * @param eta the learning rate η &gt; 0
 */
public record Sgd(double eta) implements Optimizer {

    public Sgd {
        Preconditions.requireLearningRate(eta);
    }

    @Override
    public String name() {
        return "SGD(η=" + eta + ")";
    }

    @Override
    public void update(DMatrixRMaj w, DMatrixRMaj g, State state) {
        state.requireFits(w, g);
        state.forEachElement(this, w, g, Sgd::step);
        state.steps++;
    }

    private static void step(Sgd rule, double[] w, double[] g, State state, int from, int to) {
        for (int i = from; i < to; i++) {
            w[i] -= rule.eta * g[i];
        }
    }
}
