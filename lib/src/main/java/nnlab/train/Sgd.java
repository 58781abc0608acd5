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
        int size = w.getNumElements();
        for (int i = 0; i < size; i++) {
            w.data[i] -= eta * g.data[i];
        }
        state.steps++;
    }
}
