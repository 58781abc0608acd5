package nnlab.net;

import org.ejml.data.DMatrixRMaj;

/**
 * Unrolling matrices into one parameter vector and back, column-major exactly like Octave's
 * {@code Theta(:)} and {@code reshape}. Positions in {@link #reshape} are 1-based and inclusive, as in
 * the course: with three 10×11 matrices, {@code reshape(thetaVec, 111, 220, 10, 11)} is Θ⁽²⁾.
 */
public final class Params {
    private Params() {}

    /** [m1(:); m2(:); …]: each matrix column by column, one after another. */
    public static double[] unroll(DMatrixRMaj... matrices) {
        if (matrices == null) {
            throw new IllegalArgumentException("no matrices to unroll; pass e.g. Params.unroll(theta1, theta2)");
        }
        int n = 0;
        for (int k = 0; k < matrices.length; k++) {
            if (matrices[k] == null) {
                throw new IllegalArgumentException("matrix " + (k + 1) + " of " + matrices.length + " to unroll is null");
            }
        }
        for (DMatrixRMaj m : matrices) {
            n += m.getNumElements();
        }
        double[] v = new double[n];
        int i = 0;
        for (DMatrixRMaj m : matrices) {
            for (int c = 0; c < m.numCols; c++) {
                for (int r = 0; r < m.numRows; r++) {
                    v[i++] = m.unsafe_get(r, c);
                }
            }
        }
        return v;
    }

    /** [b W]: the course's Θ layout, bias column first, from W (units × in) and b (units × 1); a new matrix. */
    public static DMatrixRMaj withBiasColumn(DMatrixRMaj W, DMatrixRMaj b) {
        Shapes.requireSame("bias column b", W.numRows, 1, b);
        DMatrixRMaj t = new DMatrixRMaj(W.numRows, W.numCols + 1);
        for (int r = 0; r < W.numRows; r++) {
            t.unsafe_set(r, 0, b.get(r, 0));
            for (int c = 0; c < W.numCols; c++) {
                t.unsafe_set(r, c + 1, W.unsafe_get(r, c));
            }
        }
        return t;
    }

    /** Octave's {@code reshape(v(from:to), rows, cols)}: from and to are 1-based and inclusive. */
    public static DMatrixRMaj reshape(double[] v, int from, int to, int rows, int cols) {
        if (v == null) {
            throw new IllegalArgumentException("the vector to reshape is null; pass the unrolled parameters, e.g. net.parameters()");
        }
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException(String.format(
                    "a reshaped matrix needs at least one row and one column, got %d × %d (give the sizes of Θ, e.g. 25 × 401)",
                    rows, cols));
        }
        if (from < 1 || to > v.length || from > to) {
            throw new IllegalArgumentException(String.format(
                    "positions %d:%d are outside the vector's 1:%d (positions are 1-based and inclusive, like Octave)",
                    from, to, v.length));
        }
        if (to - from + 1 != rows * cols) {
            throw new IllegalArgumentException(String.format(
                    "positions %d:%d hold %d numbers but a %d × %d matrix needs %d",
                    from, to, to - from + 1, rows, cols, rows * cols));
        }
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        int i = from - 1;
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                m.unsafe_set(r, c, v[i++]);
            }
        }
        return m;
    }
}
