package nnlab.train;

import nnlab.net.Network;
import org.ejml.data.DMatrixRMaj;

import java.util.Map;

/**
 * How far each layer's weights have moved from where a training run started:
 * ‖W(l) − W₀(l)‖ / ‖W₀(l)‖ (Frobenius norms, weights only), the {@link History#WEIGHT_MOVEMENT} columns.
 *
 * <p>A layer that barely learns stays near 0 however long it trains; a layer that has settled shows a
 * flat line. The update ratio ‖ΔW‖ / ‖W‖ measures one step, this measures the whole way so far.
 *
 * <p>W₀ is copied once, when {@code fit} starts; each record then costs one pass over the weights and
 * allocates nothing. A layer that starts at W₀ = 0 has no size to compare with: its movement is 0 while
 * it stays at 0 and +∞ once it has moved.
 */
final class WeightMovement {
    private final Network net;
    private final DMatrixRMaj[] start;
    private final double[] startNorm;

    /** Copies every layer's W as the starting point W₀. */
    WeightMovement(Network net) {
        this.net = net;
        int depth = net.depth();
        this.start = new DMatrixRMaj[depth + 1];
        this.startNorm = new double[depth + 1];
        for (int l = 1; l <= depth; l++) {
            start[l] = net.layer(l).W().copy();
            startNorm[l] = Math.sqrt(sumOfSquares(start[l].data));
        }
    }

    /** ‖W(l) − W₀(l)‖ / ‖W₀(l)‖ for the network's current W(l). */
    double of(int l) {
        double[] w = net.layer(l).W().data;
        double[] w0 = start[l].data;
        double change = 0;
        for (int i = 0; i < w0.length; i++) {
            double d = w[i] - w0[i];
            change += d * d;
        }
        if (startNorm[l] == 0) {
            return change == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return Math.sqrt(change) / startNorm[l];
    }

    /** Puts every layer's movement into a history row. */
    void record(Map<String, Double> row) {
        for (int l = 1; l < start.length; l++) {
            row.put(History.layerColumn(History.WEIGHT_MOVEMENT, l), of(l));
        }
    }

    private static double sumOfSquares(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return s;
    }
}
