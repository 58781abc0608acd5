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
        state.forEachElement(this, w, g, Momentum::step);
        state.steps++;
    }

    private static void step(Momentum rule, double[] w, double[] g, State state, int from, int to) {
        double[] v = state.first;
        for (int i = from; i < to; i++) {
            v[i] = rule.lambda * v[i] - rule.eta * g[i];
            w[i] += v[i];
        }
    }
}
