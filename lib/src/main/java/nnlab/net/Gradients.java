package nnlab.net;

import org.ejml.data.DMatrixRMaj;

/**
 * The result of backprop for one batch: per layer l = 1 … L the partial derivatives of the cost
 * dW(l) = ∂J/∂W (units × in) and db(l) = ∂J/∂b (units × 1), and the error δ(l) (n × units).
 *
 * <p>δ(l) row i is ∂C_i/∂z(l) for example i alone, before the reduction over the batch; dW and db are
 * the derivatives of the reduced cost J (and include the regularization term when they come from
 * {@link Cost}). So with {@link Reduction#MEAN}, dW(l) = (1/n) δ(l)ᵀ·a(l−1), the course's D = Δ/m.
 */
public final class Gradients {
    private final DMatrixRMaj[] dW;
    private final DMatrixRMaj[] db;
    private final DMatrixRMaj[] delta;
    private final DMatrixRMaj[] dA;

    /** Zeroed buffers shaped for the given network. */
    public Gradients(Network net) {
        int depth = net.depth();
        dW = new DMatrixRMaj[depth + 1];
        db = new DMatrixRMaj[depth + 1];
        delta = new DMatrixRMaj[depth + 1];
        dA = new DMatrixRMaj[depth + 1];
        for (int l = 1; l <= depth; l++) {
            Layer layer = net.layer(l);
            dW[l] = new DMatrixRMaj(layer.units(), layer.in());
            db[l] = new DMatrixRMaj(layer.units(), 1);
            delta[l] = new DMatrixRMaj(1, layer.units());
            dA[l] = new DMatrixRMaj(1, layer.out());
        }
    }

    public int depth() {
        return dW.length - 1;
    }

    /** ∂J/∂W of layer l (units × in). */
    public DMatrixRMaj dW(int l) {
        check(l);
        return dW[l];
    }

    /** ∂J/∂b of layer l (units × 1). */
    public DMatrixRMaj db(int l) {
        check(l);
        return db[l];
    }

    /** δ(l) = ∂C_i/∂z(l) per example (n × units). */
    public DMatrixRMaj delta(int l) {
        check(l);
        return delta[l];
    }

    /** ∂C_i/∂a(l) per example (n × out): what layer l+1 sends back to layer l (after any dropout mask). */
    public DMatrixRMaj dA(int l) {
        check(l);
        return dA[l];
    }

    /** The gradient of layer l in the course's shape [∂J/∂b ∂J/∂W] (units × (in + 1)), a copy. */
    public DMatrixRMaj thetaGrad(int l) {
        check(l);
        return Params.withBiasColumn(dW[l], db[l]);
    }

    /** The gradient unrolled in the order of {@link Network#parameters()} (the course's DVec). */
    public double[] unrolled() {
        DMatrixRMaj[] thetas = new DMatrixRMaj[depth()];
        for (int l = 1; l <= depth(); l++) {
            thetas[l - 1] = thetaGrad(l);
        }
        return Params.unroll(thetas);
    }

    /**
     * The Euclidean norm of dW(l) (weights only). Four running sums over interleaved entries: one
     * running sum makes every addition wait for the one before, which made this the slowest part of a
     * monitored training step.
     */
    public double weightNorm(int l) {
        check(l);
        double[] d = dW[l].data;
        int size = dW[l].getNumElements();
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < size; i += 4) {
            s0 += d[i] * d[i];
            s1 += d[i + 1] * d[i + 1];
            s2 += d[i + 2] * d[i + 2];
            s3 += d[i + 3] * d[i + 3];
        }
        for (; i < size; i++) {
            s0 += d[i] * d[i];
        }
        return Math.sqrt((s0 + s1) + (s2 + s3));
    }

    /** The mean of |δ(l)| over the batch and units. */
    public double meanAbsDelta(int l) {
        check(l);
        double s = 0;
        int n = delta[l].getNumElements();
        for (int i = 0; i < n; i++) {
            s += Math.abs(delta[l].data[i]);
        }
        return n == 0 ? 0 : s / n;
    }

    void reshapeFor(int n) {
        for (int l = 1; l <= depth(); l++) {
            delta[l].reshape(n, delta[l].numCols);
            dA[l].reshape(n, dA[l].numCols);
        }
    }

    private void check(int l) {
        if (l < 1 || l > depth()) {
            throw new IllegalArgumentException("layer " + l + " is out of range 1 … " + depth() + " (layers are 1-based)");
        }
    }
}
