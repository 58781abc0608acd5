package nnlab.linalg;

import org.ejml.data.DMatrixRMaj;

import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The Octave one-liners of the course's exercise code, each as one Java call that returns a new
 * matrix, so a notebook cell can follow the Octave listing line by line:
 *
 * <pre>
 * a_1 = [ones(m, 1) X];                       →  Octave.withOnes(X)
 * z_2 = a_1 * Theta1';                        →  Octave.multTransB(a1, Theta1)
 * a_2 = sigmoid(z_2);                         →  Octave.sigmoid(z2)
 * delta_2 = delta_3 * Theta2 .* g;            →  Octave.elementMult(Octave.mult(delta3, Theta2), g)
 * Theta2_grad = delta_3' * a_2 / m;           →  Octave.multTransA(delta3, a2), then scale
 * delta_2 = delta_2(:, 2:end);                →  Octave.dropFirstColumn(delta2)
 * W = rand(10, 11) * 2 * eps - eps;           →  Octave.rand(10, 11, seed), then scale and shift
 * </pre>
 *
 * <p>Products go through {@link Products}, the same seam the library's own backprop uses. These helpers
 * allocate their result; they are for readable checks, not for the training loop.
 */
public final class Octave {
    private Octave() {}

    /** [ones(m, 1) X]: X (m × n) with a column of ones put in front, (m × (n + 1)). */
    public static DMatrixRMaj withOnes(DMatrixRMaj X) {
        DMatrixRMaj out = new DMatrixRMaj(X.numRows, X.numCols + 1);
        for (int r = 0; r < X.numRows; r++) {
            out.unsafe_set(r, 0, 1);
            for (int c = 0; c < X.numCols; c++) {
                out.unsafe_set(r, c + 1, X.unsafe_get(r, c));
            }
        }
        return out;
    }

    /** M(:, 2:end): every column but the first (the bias column of a Θ or of a δ with a bias entry). */
    public static DMatrixRMaj dropFirstColumn(DMatrixRMaj M) {
        if (M.numCols < 2) {
            throw new IllegalArgumentException("M(:, 2:end) needs at least 2 columns, got " + shape(M));
        }
        DMatrixRMaj out = new DMatrixRMaj(M.numRows, M.numCols - 1);
        for (int r = 0; r < M.numRows; r++) {
            for (int c = 1; c < M.numCols; c++) {
                out.unsafe_set(r, c - 1, M.unsafe_get(r, c));
            }
        }
        return out;
    }

    /** A * B: A (m × k), B (k × n) → (m × n). */
    public static DMatrixRMaj mult(DMatrixRMaj A, DMatrixRMaj B) {
        return product(A.numRows, B.numCols, C -> Products.mult(A, B, C));
    }

    /** A' * B: A (k × m), B (k × n) → (m × n). */
    public static DMatrixRMaj multTransA(DMatrixRMaj A, DMatrixRMaj B) {
        return product(A.numCols, B.numCols, C -> Products.multTransA(A, B, C));
    }

    /** A * B': A (m × k), B (n × k) → (m × n). */
    public static DMatrixRMaj multTransB(DMatrixRMaj A, DMatrixRMaj B) {
        return product(A.numRows, B.numRows, C -> Products.multTransB(A, B, C));
    }

    /** A .* B, element by element; A and B have the same shape. */
    public static DMatrixRMaj elementMult(DMatrixRMaj A, DMatrixRMaj B) {
        if (A.numRows != B.numRows || A.numCols != B.numCols) {
            throw new IllegalArgumentException("A .* B needs equal shapes, got A " + shape(A) + " and B " + shape(B)
                    + "; did you forget to add or drop the bias column?");
        }
        DMatrixRMaj C = new DMatrixRMaj(A.numRows, A.numCols);
        for (int i = 0; i < A.getNumElements(); i++) {
            C.data[i] = A.data[i] * B.data[i];
        }
        return C;
    }

    /** sigmoid(Z) = 1 ./ (1 + exp(−Z)), element by element. */
    public static DMatrixRMaj sigmoid(DMatrixRMaj Z) {
        DMatrixRMaj A = new DMatrixRMaj(Z.numRows, Z.numCols);
        for (int i = 0; i < Z.getNumElements(); i++) {
            double z = Z.data[i];
            // never exponentiate a large positive number
            A.data[i] = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
        }
        return A;
    }

    /** sigmoidGradient(Z) = g(Z) .* (1 − g(Z)), the course's g′(z) = g(z)(1 − g(z)). */
    public static DMatrixRMaj sigmoidGradient(DMatrixRMaj Z) {
        DMatrixRMaj G = sigmoid(Z);
        for (int i = 0; i < G.getNumElements(); i++) {
            G.data[i] = G.data[i] * (1 - G.data[i]);
        }
        return G;
    }

    /** rand(rows, cols): uniform numbers in [0, 1), drawn row by row from a seeded stream. */
    public static DMatrixRMaj rand(int rows, int cols, long seed) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("rand(" + rows + ", " + cols + "): both sizes must be ≥ 1");
        }
        SplittableRandom random = new SplittableRandom(seed);
        DMatrixRMaj R = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < R.getNumElements(); i++) {
            R.data[i] = random.nextDouble();
        }
        return R;
    }

    /** Allocates the (rows × cols) result and lets {@link Products} fill it (Products checks the shapes). */
    private static DMatrixRMaj product(int rows, int cols, Consumer<DMatrixRMaj> into) {
        DMatrixRMaj C = new DMatrixRMaj(rows, cols);
        into.accept(C);
        return C;
    }

    private static String shape(DMatrixRMaj m) {
        return "(" + m.numRows + " × " + m.numCols + ")";
    }
}
