package nnlab.net;

import nnlab.linalg.Products;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.List;

/**
 * Backpropagation, three ways that give the same numbers (tests hold them to 1e-12):
 * <ol>
 *   <li>{@link #vectorized}: the whole batch at once, one matrix product per step (used for training);</li>
 *   <li>{@link #single} / {@link #perExample}: one example at a time with column vectors, returning
 *       (nabla_b, nabla_w) like the classic textbook listing;</li>
 *   <li>{@link #recursive}: each layer computes its forward step, asks the layer above for ∂C/∂a, and
 *       hands ∂C/∂a_prev to the layer below.</li>
 * </ol>
 * The four equations, with δ(l) = ∂C/∂z(l):
 * BP1 δ(L) = ∇ₐC ⊙ g′(z(L)); BP2 δ(l) = (δ(l+1)·W(l+1)) ⊙ g′(z(l)); BP3 ∂C/∂b(l) = δ(l);
 * BP4 ∂C/∂W(l) = δ(l)ᵀ·a(l−1). None of these functions adds regularization: {@link Cost} does.
 */
public final class Backprop {
    private Backprop() {}

    /** Vectorized backprop over a batch x (n × in), y (n × K), at test time (no dropout masks). */
    public static Gradients vectorized(Network net, Loss loss, Reduction reduction, DMatrixRMaj x, DMatrixRMaj y) {
        ForwardPass fp = net.forward(x);
        Gradients grads = new Gradients(net);
        backward(net, loss, reduction, fp, y, grads);
        return grads;
    }

    /** The backward pass for a forward pass already done (any mode), into reusable buffers. */
    public static void backward(Network net, Loss loss, Reduction reduction, ForwardPass fp, DMatrixRMaj y, Gradients g) {
        int L = net.depth();
        int n = fp.batchSize();
        double s = reduction.scale(n);
        g.reshapeFor(n);
        Layer top = net.layer(L);
        loss.requireOutput(top.activation());
        loss.outputDelta(top.activation(), fp.z(L), fp.activated(L), y, g.delta(L));       // BP1
        for (int l = L; l >= 1; l--) {
            Layer layer = net.layer(l);
            if (l < L) {
                throughDropout(layer, fp, l, g.dA(l));
                layer.activation().backward(fp.z(l), fp.activated(l), g.dA(l), g.delta(l));    // BP2
            }
            layer.backward(fp.a(l - 1), g.delta(l), s, g.dW(l), g.db(l), l > 1 ? g.dA(l - 1) : null); // BP3, BP4
        }
    }

    /** ∂C/∂a(l) → ∂C/∂g(z(l)): through the same mask (training) or test-time scale (inference), in place. */
    private static void throughDropout(Layer layer, ForwardPass fp, int l, DMatrixRMaj dA) {
        DMatrixRMaj mask = fp.mask(l);
        int size = dA.getNumElements();
        if (mask != null) {
            for (int i = 0; i < size; i++) {
                dA.data[i] *= mask.data[i];
            }
        } else if (fp.mode() == Mode.INFERENCE && layer.dropout().testScale() != 1) {
            CommonOps_DDRM.scale(layer.dropout().testScale(), dA);
        }
    }

    /** The gradient of one example's cost C_x: lists indexed by layer − 1, shaped like b (units × 1) and W (units × in). */
    public record Nabla(List<DMatrixRMaj> nablaB, List<DMatrixRMaj> nablaW) {}

    /**
     * Backprop for one example x (in × 1) with target y (K × 1), column vectors as in the textbook:
     * z = W·a + b. Returns (nabla_b, nabla_w) for C_x alone.
     */
    public static Nabla single(Network net, Loss loss, DMatrixRMaj x, DMatrixRMaj y) {
        requireNoDropout(net, "single");
        Shapes.requireSame("x (one example as a column)", net.inputs(), 1, x);
        Shapes.requireSame("y (one target as a column)", net.outputs(), 1, y);
        int L = net.depth();
        // feedforward, keeping every z and activation
        List<DMatrixRMaj> activations = new ArrayList<>(List.of(x));
        List<DMatrixRMaj> zs = new ArrayList<>();
        DMatrixRMaj activation = x;
        for (int l = 1; l <= L; l++) {
            Layer layer = net.layer(l);
            DMatrixRMaj z = new DMatrixRMaj(layer.units(), 1);
            Products.mult(layer.W(), activation, z);
            CommonOps_DDRM.addEquals(z, layer.b());
            activation = new DMatrixRMaj(layer.out(), 1);
            layer.activation().forward(row(z), row(activation));
            zs.add(z);
            activations.add(activation);
        }
        List<DMatrixRMaj> nablaB = new ArrayList<>();
        List<DMatrixRMaj> nablaW = new ArrayList<>();
        for (int l = 1; l <= L; l++) {
            nablaB.add(null);
            nablaW.add(null);
        }
        // backward pass: output error, then one layer down at a time
        Layer top = net.layer(L);
        DMatrixRMaj delta = new DMatrixRMaj(top.units(), 1);
        loss.outputDelta(top.activation(), row(zs.get(L - 1)), row(activations.get(L)), row(y), row(delta));
        for (int l = L; l >= 1; l--) {
            Layer layer = net.layer(l);
            if (l < L) {
                DMatrixRMaj above = net.layer(l + 1).W();
                DMatrixRMaj dA = new DMatrixRMaj(layer.out(), 1);
                Products.multTransA(above, delta, dA);              // W(l+1)ᵀ · δ(l+1)
                delta = new DMatrixRMaj(layer.units(), 1);
                layer.activation().backward(row(zs.get(l - 1)), row(activations.get(l)), row(dA), row(delta));
            }
            DMatrixRMaj nw = new DMatrixRMaj(layer.units(), layer.in());
            Products.multTransB(delta, activations.get(l - 1), nw);  // δ · a(l−1)ᵀ
            nablaB.set(l - 1, delta);
            nablaW.set(l - 1, nw);
        }
        return new Nabla(nablaB, nablaW);
    }

    /** {@link #single} for every row of x (n × in), summed and reduced: the same gradient as {@link #vectorized}. */
    public static Gradients perExample(Network net, Loss loss, Reduction reduction, DMatrixRMaj x, DMatrixRMaj y) {
        requireNoDropout(net, "perExample");
        Shapes.requireSame("targets y", x.numRows, net.outputs(), y);
        Gradients g = new Gradients(net);
        g.reshapeFor(x.numRows);
        for (int i = 0; i < x.numRows; i++) {
            Nabla nabla = single(net, loss, column(x, i), column(y, i));
            for (int l = 1; l <= net.depth(); l++) {
                CommonOps_DDRM.addEquals(g.dW(l), nabla.nablaW().get(l - 1));
                CommonOps_DDRM.addEquals(g.db(l), nabla.nablaB().get(l - 1));
                CommonOps_DDRM.insert(row(nabla.nablaB().get(l - 1)), g.delta(l), i, 0);
            }
        }
        double s = reduction.scale(x.numRows);
        for (int l = 1; l <= net.depth(); l++) {
            CommonOps_DDRM.scale(s, g.dW(l));
            CommonOps_DDRM.scale(s, g.db(l));
        }
        return g;
    }

    /** Recursive backprop: layer l runs forward, recurses into layer l+1, then runs its backward step. */
    public static Gradients recursive(Network net, Loss loss, Reduction reduction, DMatrixRMaj x, DMatrixRMaj y) {
        requireNoDropout(net, "recursive");
        Shapes.requireSame("input x", x.numRows, net.inputs(), x);
        Gradients g = new Gradients(net);
        g.reshapeFor(x.numRows);
        descend(net, loss, reduction.scale(x.numRows), 1, x, y, g);
        return g;
    }

    /** Forward through layer l, recurse, and return ∂C/∂a(l−1) for the layer below. */
    private static DMatrixRMaj descend(Network net, Loss loss, double s, int l, DMatrixRMaj aPrev, DMatrixRMaj y, Gradients g) {
        Layer layer = net.layer(l);
        int n = aPrev.numRows;
        DMatrixRMaj z = new DMatrixRMaj(n, layer.units());
        DMatrixRMaj a = new DMatrixRMaj(n, layer.out());
        layer.forward(aPrev, z, a);
        if (l == net.depth()) {
            loss.outputDelta(layer.activation(), z, a, y, g.delta(l));
        } else {
            DMatrixRMaj dA = descend(net, loss, s, l + 1, a, y, g);
            g.dA(l).setTo(dA);
            layer.activation().backward(z, a, dA, g.delta(l));
        }
        DMatrixRMaj dAprev = new DMatrixRMaj(n, layer.in());
        layer.backward(aPrev, g.delta(l), s, g.dW(l), g.db(l), dAprev);
        return dAprev;
    }

    private static void requireNoDropout(Network net, String method) {
        if (net.hasDropout()) {
            throw new IllegalArgumentException("Backprop." + method + " shows the plain algorithm and has no dropout; "
                    + "use Backprop.vectorized or Cost.gradient for a network with dropout");
        }
    }

    /** A column vector (k × 1) seen as one row (1 × k), sharing its data. */
    private static DMatrixRMaj row(DMatrixRMaj column) {
        return DMatrixRMaj.wrap(1, column.getNumElements(), column.data);
    }

    /** Row i of m as a new column vector. */
    private static DMatrixRMaj column(DMatrixRMaj m, int i) {
        DMatrixRMaj c = new DMatrixRMaj(m.numCols, 1);
        System.arraycopy(m.data, i * m.numCols, c.data, 0, m.numCols);
        return c;
    }
}
