package nnlab.linalg;

import org.ejml.data.DMatrixRMaj;

import java.util.SplittableRandom;

/** Seeded random matrices, for examples, tests and benchmarks. */
public final class Matrices {
    private Matrices() {}

    /** A (rows × cols) matrix of uniform numbers in [−1, 1) drawn from {@code seed}. */
    public static DMatrixRMaj random(int rows, int cols, long seed) {
        return random(rows, cols, -1, 1, seed);
    }

    /** A (rows × cols) matrix of uniform numbers in [lo, hi) drawn from {@code seed}, row by row. */
    public static DMatrixRMaj random(int rows, int cols, double lo, double hi, long seed) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("a matrix cannot have " + rows + " × " + cols + " entries");
        }
        if (!(lo < hi)) {
            throw new IllegalArgumentException("the range needs lo < hi, got [" + lo + ", " + hi + ")");
        }
        SplittableRandom random = new SplittableRandom(seed);
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.getNumElements(); i++) {
            m.data[i] = random.nextDouble(lo, hi);
        }
        return m;
    }
}
