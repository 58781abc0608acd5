package nnlab.data;

import nnlab.linalg.Parallel;
import org.ejml.data.DMatrixRMaj;

/**
 * Copies the examples of one mini-batch, rows order[start … start+rows−1] of the inputs x (n × d) and
 * targets y (n × K), into batch buffers xBatch (rows × d) and yBatch (rows × K), which it reshapes.
 *
 * <p>A training loop makes one and reuses it: a batch is copied without allocating. A large batch is
 * copied in two or more parts at once on the product threads ({@link Parallel}): reading rows spread
 * over a large training set waits on main memory, and two cores wait in parallel.
 */
public final class BatchGather {
    /** From this many numbers per batch the copy is split: about 5 µs of copying. */
    static final int PARALLEL_MIN_VALUES = 8_192;

    private final DMatrixRMaj x;
    private final DMatrixRMaj y;
    private int[] order;
    private int start;
    private DMatrixRMaj xBatch;
    private DMatrixRMaj yBatch;
    /** Made once, so that a batch allocates nothing. */
    private final Parallel.Ranges copyRows = this::copyRows;

    /** Gathers from inputs x (n × d) and targets y (n × K), one example per row. */
    public BatchGather(DMatrixRMaj x, DMatrixRMaj y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("BatchGather needs the inputs x and the targets y; got null for "
                    + (x == null ? "x" : "y"));
        }
        if (x.numRows != y.numRows) {
            throw new IllegalArgumentException(String.format(
                    "x has %d examples (rows) but y has %d; they must have one row per example each",
                    x.numRows, y.numRows));
        }
        this.x = x;
        this.y = y;
    }

    /** Fills xBatch and yBatch with the examples order[start … start+rows−1] (see the class comment). */
    public void gather(int[] order, int start, int rows, DMatrixRMaj xBatch, DMatrixRMaj yBatch) {
        if (rows < 0 || start < 0 || start + rows > order.length) {
            throw new IllegalArgumentException(String.format(
                    "gather: rows %d … %d of an order of %d indices; start and rows must stay inside it",
                    start, start + rows - 1, order.length));
        }
        xBatch.reshape(rows, x.numCols);
        yBatch.reshape(rows, y.numCols);
        for (int i = start; i < start + rows; i++) {
            if (order[i] < 0 || order[i] >= x.numRows) {
                throw new IllegalArgumentException("gather: order[" + i + "] = " + order[i]
                        + " is not an example; indices go from 0 to " + (x.numRows - 1));
            }
        }
        this.order = order;
        this.start = start;
        this.xBatch = xBatch;
        this.yBatch = yBatch;
        try {
            Parallel.forRanges(rows, PARALLEL_MIN_VALUES / Math.max(1, x.numCols + y.numCols), copyRows);
        } finally {
            this.order = null;
            this.xBatch = null;
            this.yBatch = null;
        }
    }

    /** Copies batch rows [from, to). */
    private void copyRows(int from, int to) {
        int d = x.numCols;
        int k = y.numCols;
        for (int i = from; i < to; i++) {
            int row = order[start + i];
            System.arraycopy(x.data, row * d, xBatch.data, i * d, d);
            System.arraycopy(y.data, row * k, yBatch.data, i * k, k);
        }
    }
}
