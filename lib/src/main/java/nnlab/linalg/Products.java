package nnlab.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The one place where the forward and backward pass multiply matrices.
 *
 * <p>Every method writes into {@code c}, which must already have the result's shape (callers reuse
 * their buffers, so training allocates nothing per batch). The {@code Add} variants accumulate
 * ({@code c += ...}) instead of overwriting. Shapes are checked here, with both shapes named in the
 * message, because a wrong shape is the most common bug in a hand-written backprop.
 */
public final class Products {
    private Products() {}

    /** c = a · b, with a (m × k), b (k × n), c (m × n). */
    public static void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        check("a · b", a.numRows, a.numCols, b.numRows, b.numCols, c);
        CommonOps_DDRM.mult(a, b, c);
    }

    /** c = aᵀ · b, with a (k × m), b (k × n), c (m × n). */
    public static void multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        check("aᵀ · b", a.numCols, a.numRows, b.numRows, b.numCols, c);
        CommonOps_DDRM.multTransA(a, b, c);
    }

    /** c = a · bᵀ, with a (m × k), b (n × k), c (m × n). */
    public static void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        check("a · bᵀ", a.numRows, a.numCols, b.numCols, b.numRows, c);
        CommonOps_DDRM.multTransB(a, b, c);
    }

    /** c += a · b. */
    public static void multAdd(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        check("a · b", a.numRows, a.numCols, b.numRows, b.numCols, c);
        CommonOps_DDRM.multAdd(a, b, c);
    }

    /** c += aᵀ · b. */
    public static void multAddTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        check("aᵀ · b", a.numCols, a.numRows, b.numRows, b.numCols, c);
        CommonOps_DDRM.multAddTransA(a, b, c);
    }

    /** c += a · bᵀ. */
    public static void multAddTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        check("a · bᵀ", a.numRows, a.numCols, b.numCols, b.numRows, c);
        CommonOps_DDRM.multAddTransB(a, b, c);
    }

    /** Checks (m × k)·(k2 × n) → c (m × n), where the operands' shapes are given after transposition. */
    private static void check(String op, int m, int k, int k2, int n, DMatrixRMaj c) {
        if (k != k2) {
            throw new IllegalArgumentException(String.format(
                    "%s: inner dimensions differ: (%d × %d) times (%d × %d); check which operand needs a transpose",
                    op, m, k, k2, n));
        }
        if (c.numRows != m || c.numCols != n) {
            throw new IllegalArgumentException(String.format(
                    "%s: result buffer is (%d × %d) but the product is (%d × %d); reshape it first",
                    op, c.numRows, c.numCols, m, n));
        }
    }
}
