package nnlab.check;

import nnlab.net.ForwardPass;
import nnlab.net.Layer;
import nnlab.net.Loss;
import nnlab.net.Network;
import nnlab.net.Shapes;
import org.ejml.data.DMatrixRMaj;

/**
 * The error δ(l) = ∂C_x/∂z(l) by finite differences, independent of backprop: nudge one
 * pre-activation z_j(l) of one example, run the rest of the network from there, and watch that
 * example's cost C_x change. This checks BP1 (l = L) and BP2 (l &lt; L) directly, before any weight
 * derivative is involved.
 */
public final class DeltaCheck {
    private DeltaCheck() {}

    /**
     * Central differences (C_x(z + ε) − C_x(z − ε)) / 2ε for every example and unit of layer l:
     * an (n × units) matrix shaped like {@code Gradients.delta(l)}. Costs 2·n·units partial forward passes.
     */
    public static DMatrixRMaj numeric(Network net, Loss loss, DMatrixRMaj x, DMatrixRMaj y, int l, double epsilon) {
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("ε must be > 0, got " + epsilon + " (1e-5 is a good choice for δ)");
        }
        if (net.hasDropout()) {
            throw new IllegalArgumentException("the network has dropout; δ by finite differences needs the test-time network without it");
        }
        Shapes.requireSame("targets y", x.numRows, net.outputs(), y);
        ForwardPass fp = net.forward(x);
        DMatrixRMaj z = fp.z(l);
        DMatrixRMaj delta = new DMatrixRMaj(z.numRows, z.numCols);
        for (int i = 0; i < z.numRows; i++) {
            DMatrixRMaj zi = new DMatrixRMaj(1, z.numCols);
            System.arraycopy(z.data, i * z.numCols, zi.data, 0, z.numCols);
            DMatrixRMaj yi = new DMatrixRMaj(1, y.numCols);
            System.arraycopy(y.data, i * y.numCols, yi.data, 0, y.numCols);
            for (int j = 0; j < z.numCols; j++) {
                double keep = zi.data[j];
                zi.data[j] = keep + epsilon;
                double plus = costFrom(net, loss, l, zi, yi);
                zi.data[j] = keep - epsilon;
                double minus = costFrom(net, loss, l, zi, yi);
                zi.data[j] = keep;
                delta.unsafe_set(i, j, (plus - minus) / (2 * epsilon));
            }
        }
        return delta;
    }

    /** C_x of one example whose layer-l pre-activations are z (1 × units): activation l, then layers l+1 … L. */
    private static double costFrom(Network net, Loss loss, int l, DMatrixRMaj z, DMatrixRMaj y) {
        Layer layer = net.layer(l);
        DMatrixRMaj a = new DMatrixRMaj(1, layer.out());
        layer.activation().forward(z, a);
        DMatrixRMaj zAbove = z;
        for (int m = l + 1; m <= net.depth(); m++) {
            Layer above = net.layer(m);
            zAbove = new DMatrixRMaj(1, above.units());
            DMatrixRMaj aAbove = new DMatrixRMaj(1, above.out());
            above.forward(a, zAbove, aAbove);
            a = aAbove;
        }
        return loss.value(net.layer(net.depth()).activation(), zAbove, a, y);
    }
}
