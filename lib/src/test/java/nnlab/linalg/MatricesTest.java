package nnlab.linalg;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MatricesTest {

    @Test
    void sameSeedSameNumbersWithinTheRange() {
        DMatrixRMaj a = Matrices.random(3, 4, 9);
        assertArrayEquals(a.data, Matrices.random(3, 4, 9).data, 0);
        assertTrue(!java.util.Arrays.equals(a.data, Matrices.random(3, 4, 10).data), "another seed, other numbers");
        for (double v : a.data) {
            assertTrue(v >= -1 && v < 1, v + " outside [-1, 1)");
        }
        for (double v : Matrices.random(50, 50, 0.05, 0.95, 1).data) {
            assertTrue(v >= 0.05 && v < 0.95, v + " outside [0.05, 0.95)");
        }
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Matrices.random(-1, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> Matrices.random(2, 2, 1, 1, 0));
    }
}
