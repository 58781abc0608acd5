package nnlab.net;

import org.ejml.data.DMatrixRMaj;

/** Shape preconditions with messages that name the matrix, the expected and the actual shape. */
public final class Shapes {
    private Shapes() {}

    /** Throws unless {@code m} is (rows × cols). */
    public static void requireSame(String what, int rows, int cols, DMatrixRMaj m) {
        if (m == null) {
            throw new IllegalArgumentException(what + " is null; expected a (" + rows + " × " + cols + ") matrix");
        }
        if (m.numRows != rows || m.numCols != cols) {
            throw new IllegalArgumentException(String.format("%s must be (%d × %d) but is (%d × %d)",
                    what, rows, cols, m.numRows, m.numCols));
        }
    }

    /** Throws unless every entry of {@code m} is finite, naming the first bad row and column. */
    public static void requireFinite(String what, DMatrixRMaj m) {
        for (int r = 0; r < m.numRows; r++) {
            for (int c = 0; c < m.numCols; c++) {
                double v = m.unsafe_get(r, c);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(String.format(
                            "%s has a non-finite value %s at row %d, column %d (0-based); clean or drop that row",
                            what, v, r, c));
                }
            }
        }
    }

    /** "(rows × cols)", for messages and shape tables. */
    public static String of(DMatrixRMaj m) {
        return "(" + m.numRows + " × " + m.numCols + ")";
    }
}
