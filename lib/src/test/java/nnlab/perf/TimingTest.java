package nnlab.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class TimingTest {
    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, Timing.median(new double[] {3, 1, 2}));
        assertEquals(2.5, Timing.median(new double[] {4, 1, 3, 2}));
        assertThrows(IllegalArgumentException.class, () -> Timing.median(new double[0]));
    }

    @Test
    void medianSecondsRunsWarmUpsAndRepetitions() {
        int[] calls = {0};
        Timing.medianSeconds(2, 5, () -> calls[0]++);
        assertEquals(7, calls[0]);
    }

    @Test
    void randomMatricesAreSeededAndInRange() {
        DMatrixRMaj a = Timing.randomMatrix(3, 4, 9);
        DMatrixRMaj b = Timing.randomMatrix(3, 4, 9);
        for (int i = 0; i < a.data.length; i++) {
            assertEquals(a.data[i], b.data[i], "same seed, same numbers");
            assertEquals(true, a.data[i] >= -1 && a.data[i] < 1, "entry " + a.data[i] + " outside [-1, 1)");
        }
    }
}
