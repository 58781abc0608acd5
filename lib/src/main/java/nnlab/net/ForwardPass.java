package nnlab.net;

import org.ejml.data.DMatrixRMaj;

/**
 * Everything a forward pass computed, kept for backprop and for display: a(0) = x, and for every
 * layer l = 1 … L its z(l) (n × units) and a(l) (n × out). Buffers are reused from batch to batch
 * (reshaped for a short last batch), so the training loop allocates nothing in steady state.
 *
 * <p>With dropout in {@link Mode#TRAINING}, a(l) is g(z(l)) ⊙ mask(l); {@link #activated(int)} is g(z(l))
 * before the mask. {@link #freezeMasks()} keeps the current masks for later passes, which makes the cost
 * a deterministic function of the parameters (needed for a gradient check).
 */
public final class ForwardPass {
    private final Mode mode;
    private final DMatrixRMaj[] z;
    private final DMatrixRMaj[] g;
    private final DMatrixRMaj[] a;
    private final DMatrixRMaj[] mask;
    private boolean masksFrozen;

    ForwardPass(Network net, Mode mode) {
        this.mode = mode;
        int depth = net.depth();
        z = new DMatrixRMaj[depth + 1];
        g = new DMatrixRMaj[depth + 1];
        a = new DMatrixRMaj[depth + 1];
        mask = new DMatrixRMaj[depth + 1];
        for (int l = 1; l <= depth; l++) {
            Layer layer = net.layer(l);
            z[l] = new DMatrixRMaj(1, layer.units());
            g[l] = new DMatrixRMaj(1, layer.out());
            boolean separate = layer.dropout().active()
                    && (mode == Mode.TRAINING || layer.dropout().testScale() != 1);
            a[l] = separate ? new DMatrixRMaj(1, layer.out()) : g[l];
            if (mode == Mode.TRAINING && layer.dropout().active()) {
                mask[l] = new DMatrixRMaj(1, layer.out());
            }
        }
    }

    public Mode mode() {
        return mode;
    }

    /** The number of layers L (not counting the input). */
    public int depth() {
        return z.length - 1;
    }

    /** The batch size n of the last pass. */
    public int batchSize() {
        return a[0] == null ? 0 : a[0].numRows;
    }

    /** a(l): a(0) is the input x (n × in), a(L) the output (n × K). */
    public DMatrixRMaj a(int l) {
        checkLayer(l, 0);
        return a[l];
    }

    /** z(l) (n × units), l = 1 … L. */
    public DMatrixRMaj z(int l) {
        checkLayer(l, 1);
        return z[l];
    }

    /** g(z(l)) before any dropout mask or test-time scaling (the same matrix as a(l) without dropout). */
    public DMatrixRMaj activated(int l) {
        checkLayer(l, 1);
        return g[l];
    }

    /** The dropout mask of layer l (entries 0 or the kept scale), or null when layer l has no mask. */
    public DMatrixRMaj mask(int l) {
        checkLayer(l, 1);
        return mask[l];
    }

    /** The network's output a(L) (n × K). */
    public DMatrixRMaj output() {
        return a[depth()];
    }

    /** Keeps the current dropout masks for every later pass with this object. */
    public void freezeMasks() {
        if (mode != Mode.TRAINING) {
            throw new IllegalStateException("only a TRAINING pass has dropout masks to freeze");
        }
        if (batchSize() == 0) {
            throw new IllegalStateException("run a forward pass first, then freeze the masks it drew");
        }
        masksFrozen = true;
    }

    public boolean masksFrozen() {
        return masksFrozen;
    }

    /** Whether any layer drew a dropout mask in this pass. */
    public boolean hasMasks() {
        for (DMatrixRMaj m : mask) {
            if (m != null) {
                return true;
            }
        }
        return false;
    }

    void setInput(DMatrixRMaj x) {
        if (masksFrozen && a[0] != null && a[0].numRows != x.numRows) {
            throw new IllegalArgumentException("the masks were frozen for a batch of " + a[0].numRows
                    + " rows, but this batch has " + x.numRows + "; use a new pass for another batch size");
        }
        a[0] = x;
        for (int l = 1; l <= depth(); l++) {
            z[l].reshape(x.numRows, z[l].numCols);
            g[l].reshape(x.numRows, g[l].numCols);
            if (a[l] != g[l]) {
                a[l].reshape(x.numRows, a[l].numCols);
            }
            if (mask[l] != null && !masksFrozen) {
                mask[l].reshape(x.numRows, mask[l].numCols);
            }
        }
    }

    DMatrixRMaj rawZ(int l) {
        return z[l];
    }

    DMatrixRMaj rawG(int l) {
        return g[l];
    }

    DMatrixRMaj rawA(int l) {
        return a[l];
    }

    DMatrixRMaj rawMask(int l) {
        return mask[l];
    }

    private void checkLayer(int l, int first) {
        if (l < first || l > depth()) {
            throw new IllegalArgumentException("layer index " + l + " is out of range " + first + " … " + depth()
                    + " (layers are numbered from 1; a(0) is the input)");
        }
    }
}
