package nnlab.train;

import org.ejml.data.DMatrixRMaj;

/**
 * Momentum as the deep-learning notes (seed 003) describe it: the next movement is the previous one
 * times a coefficient λ in [0, 1) — it decays, because the last step already used part of it — minus
 * η times the gradient:
 * <pre>
 *   v ← λ v − η g
 *   w ← w + v
 * </pre>
 * v starts at 0, so the first step equals SGD's; λ = 0 is SGD throughout. The velocity is
 * {@link Optimizer.State#first()}.
 *
 * @param eta    the learning rate η &gt; 0
 * @param lambda the momentum coefficient λ in [0, 1)
 */
public record Momentum(double eta, double lambda) implements Optimizer {

    public Momentum {
        Preconditions.requireLearningRate(eta);
        if (!(lambda >= 0 && lambda < 1)) {
            throw new IllegalArgumentException("momentum coefficient λ must be in [0, 1) (it scales the previous movement "
                    + "down each step; 0.9 is usual), got " + lambda);
        }
    }

    @Override
    public String name() {
        return "momentum(η=" + eta + ", λ=" + lambda + ")";
    }

    @Override
    public void update(DMatrixRMaj w, DMatrixRMaj g, State state) {
        state.requireFits(w, g);
        double[] v = state.first;
        int size = w.getNumElements();
        for (int i = 0; i < size; i++) {
            v[i] = lambda * v[i] - eta * g.data[i];
            w.data[i] += v[i];
        }
        state.steps++;
    }
}
