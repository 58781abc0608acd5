package nnlab.linalg;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OctaveTest {
    private static final DMatrixRMaj A = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}});
    private static final DMatrixRMaj B = new DMatrixRMaj(new double[][] {{5, 6}, {7, 8}});

    @Test
    void withOnesPutsABiasColumnInFront() {
        DMatrixRMaj a1 = Octave.withOnes(A);
        assertArrayEquals(new double[] {1, 1, 2, 1, 3, 4}, a1.data);
        assertEquals(3, a1.numCols);
    }

    @Test
    void dropFirstColumnKeepsColumnsTwoToEnd() {
        DMatrixRMaj m = new DMatrixRMaj(new double[][] {{9, 1, 2}, {9, 3, 4}});
        assertArrayEquals(A.data, Octave.dropFirstColumn(m).data);
        assertThrows(IllegalArgumentException.class, () -> Octave.dropFirstColumn(new DMatrixRMaj(2, 1)));
    }

    @Test
    void productsMatchHandComputedValues() {
        // [1 2; 3 4] * [5 6; 7 8] = [19 22; 43 50]
        assertArrayEquals(new double[] {19, 22, 43, 50}, Octave.mult(A, B).data);
        // A' * B = [1 3; 2 4] * B = [26 30; 38 44]
        assertArrayEquals(new double[] {26, 30, 38, 44}, Octave.multTransA(A, B).data);
        // A * B' = [1 2; 3 4] * [5 7; 6 8] = [17 23; 39 53]
        assertArrayEquals(new double[] {17, 23, 39, 53}, Octave.multTransB(A, B).data);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Octave.mult(A, new DMatrixRMaj(3, 2)));
        assertTrue(e.getMessage().contains("inner dimensions"), e.getMessage());
    }

    @Test
    void elementMultNamesBothShapesOnMismatch() {
        assertArrayEquals(new double[] {5, 12, 21, 32}, Octave.elementMult(A, B).data);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Octave.elementMult(A, new DMatrixRMaj(2, 3)));
        assertTrue(e.getMessage().contains("(2 × 2)") && e.getMessage().contains("(2 × 3)"), e.getMessage());
    }

    @Test
    void sigmoidAndItsGradientAtKnownPoints() {
        // σ(0) = 1/2, σ(ln 3) = 3/4, σ(−ln 3) = 1/4; σ′ = σ(1 − σ)
        DMatrixRMaj z = new DMatrixRMaj(new double[][] {{0, Math.log(3), -Math.log(3)}});
        assertArrayEquals(new double[] {0.5, 0.75, 0.25}, Octave.sigmoid(z).data, 1e-15);
        assertArrayEquals(new double[] {0.25, 0.1875, 0.1875}, Octave.sigmoidGradient(z).data, 1e-15);
        DMatrixRMaj big = new DMatrixRMaj(new double[][] {{-1000, 1000}});
        assertArrayEquals(new double[] {0, 1}, Octave.sigmoid(big).data, 1e-300);
    }

    @Test
    void sigmoidGradientMatchesAFiniteDifference() {
        double h = 1e-5;
        for (double z = -6; z <= 6; z += 0.75) {
            double plus = Octave.sigmoid(new DMatrixRMaj(new double[][] {{z + h}})).get(0, 0);
            double minus = Octave.sigmoid(new DMatrixRMaj(new double[][] {{z - h}})).get(0, 0);
            double analytic = Octave.sigmoidGradient(new DMatrixRMaj(new double[][] {{z}})).get(0, 0);
            assertEquals((plus - minus) / (2 * h), analytic, 1e-10, "z = " + z);
        }
    }

    @Test
    void randIsSeededAndInTheUnitInterval() {
        DMatrixRMaj r1 = Octave.rand(10, 11, 7);
        DMatrixRMaj r2 = Octave.rand(10, 11, 7);
        assertArrayEquals(r1.data, r2.data);
        for (double v : r1.data) {
            assertTrue(v >= 0 && v < 1, "rand value " + v);
        }
        assertTrue(r1.data[0] != Octave.rand(10, 11, 8).data[0]);
        assertThrows(IllegalArgumentException.class, () -> Octave.rand(0, 3, 1));
    }
}
