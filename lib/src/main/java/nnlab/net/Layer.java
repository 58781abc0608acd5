package nnlab.net;

import nnlab.linalg.Products;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * One fully connected layer l: z = a_prev · Wᵀ + 1·bᵀ, a = g(z), optionally followed by dropout.
 *
 * <p>Shapes for a batch of n examples: a_prev (n × in), W (units × in), b (units × 1),
 * z (n × units), a (n × out). units = out for every activation except maxout, where each output has k
 * linear pieces (units = out·k).
 *
 * <p>{@link #forward} and {@link #backward} are a pair: backward takes the δ = ∂C/∂z of this layer and
 * returns the three local products of backprop — ∂C/∂W = δᵀ·a_prev (BP4), ∂C/∂b = Σ_rows δ (BP3), and
 * ∂C/∂a_prev = δ·W, which the layer below turns into its own δ (BP2).
 */
public final class Layer {
    private final int in;
    private final int out;
    private final Activation g;
    private final Dropout dropout;
    private final DMatrixRMaj W;
    private final DMatrixRMaj b;

    Layer(int in, int out, Activation g, Dropout dropout) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("a layer needs at least one input and one output, got " + in + " → " + out);
        }
        if (g == null) {
            throw new IllegalArgumentException("activation is null; use e.g. Activation.sigmoid()");
        }
        this.in = in;
        this.out = out;
        this.g = g;
        this.dropout = dropout == null ? Dropout.NONE : dropout;
        this.W = new DMatrixRMaj(out * g.piecesPerOutput(), in);
        this.b = new DMatrixRMaj(out * g.piecesPerOutput(), 1);
    }

    /** Number of inputs (the previous layer's outputs). */
    public int in() {
        return in;
    }

    /** Number of outputs a (n × out). */
    public int out() {
        return out;
    }

    /** Number of linear units z (n × units); out·k for maxout. */
    public int units() {
        return W.numRows;
    }

    public Activation activation() {
        return g;
    }

    public Dropout dropout() {
        return dropout;
    }

    /** The weights W (units × in), live: writing into it changes the layer. */
    public DMatrixRMaj W() {
        return W;
    }

    /** The biases b (units × 1), live. */
    public DMatrixRMaj b() {
        return b;
    }

    /** z = a_prev · Wᵀ + 1·bᵀ and a = g(z), written into the given buffers. */
    public void forward(DMatrixRMaj aPrev, DMatrixRMaj z, DMatrixRMaj a) {
        Shapes.requireSame("layer input a_prev", aPrev.numRows, in, aPrev);
        Products.multTransB(aPrev, W, z);
        addBiasToRows(z);
        g.forward(z, a);
    }

    /**
     * Local backward step. Given delta = ∂C/∂z (n × units) and the layer input a_prev (n × in), with
     * s the reduction's scale (1 for a sum, 1/n for a mean): dW = s·δᵀ·a_prev (units × in),
     * db = s·Σ over rows of δ (units × 1); and, when dAprev is not null, dAprev = δ·W (n × in), which
     * is not scaled (it carries δ down to the layer below).
     */
    public void backward(DMatrixRMaj aPrev, DMatrixRMaj delta, double s, DMatrixRMaj dW, DMatrixRMaj db,
                         DMatrixRMaj dAprev) {
        Shapes.requireSame("δ of this layer", aPrev.numRows, units(), delta);
        Products.multTransA(s, delta, aPrev, dW);
        Shapes.requireSame("∂C/∂b", units(), 1, db);
        db.zero();
        int units = units();
        for (int r = 0; r < delta.numRows; r++) {
            int row = r * units;
            for (int j = 0; j < units; j++) {
                db.data[j] += delta.data[row + j];
            }
        }
        CommonOps_DDRM.scale(s, db);
        if (dAprev != null) {
            Products.mult(delta, W, dAprev);
        }
    }

    private void addBiasToRows(DMatrixRMaj z) {
        int units = z.numCols;
        for (int r = 0; r < z.numRows; r++) {
            int row = r * units;
            for (int j = 0; j < units; j++) {
                z.data[row + j] += b.data[j];
            }
        }
    }

    @Override
    public String toString() {
        String drop = dropout.active() ? ", dropout " + dropout.rate() + " " + dropout.convention() : "";
        return in + " → " + out + " " + g.name() + drop;
    }
}
