package nnlab.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The library's exp against {@code StrictMath.exp} (fdlibm), and the sigmoid's array form against its scalar form. */
class ExpTest {

    /** Distance in units in the last place between two finite doubles of the same sign, or 0 for equal bits. */
    private static long ulps(double a, double b) {
        return Math.abs(Double.doubleToRawLongBits(a) - Double.doubleToRawLongBits(b));
    }

    @Test
    void expIsWithinOneUlpOfStrictMathAcrossTheWholeRange() {
        Random random = new Random(3L);
        double[][] ranges = {{-1, 1}, {-40, 40}, {-708, 709.7}, {-745.1, -708}};
        for (double[] range : ranges) {
            for (int i = 0; i < 200_000; i++) {
                double x = range[0] + random.nextDouble() * (range[1] - range[0]);
                long d = ulps(Exp.exp(x), StrictMath.exp(x));
                assertTrue(d <= 1, "exp(" + x + ") = " + Exp.exp(x) + " but StrictMath gives " + StrictMath.exp(x));
            }
        }
    }

    @Test
    void expAtSpecialValuesAndTheEdgesOfTheRange() {
        assertEquals(1.0, Exp.exp(0.0), 0.0);
        assertEquals(1.0, Exp.exp(-0.0), 0.0);
        assertEquals(Math.E, Exp.exp(1.0), Math.ulp(Math.E));
        assertTrue(Double.isNaN(Exp.exp(Double.NaN)));
        assertEquals(0.0, Exp.exp(Double.NEGATIVE_INFINITY), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, Exp.exp(Double.POSITIVE_INFINITY), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, Exp.exp(709.79), 0.0);
        assertEquals(0.0, Exp.exp(-745.2), 0.0);
        assertEquals(Double.MIN_VALUE, Exp.exp(-745.1), 0.0);
        double[] edges = {709.78, 709.0, -708.39, -708.4, -720, -740, -745.0};
        for (double x : edges) {
            assertTrue(ulps(Exp.exp(x), StrictMath.exp(x)) <= 1, "exp(" + x + ") = " + Exp.exp(x) + ", StrictMath " + StrictMath.exp(x));
        }
    }

    /** 2 ulp: both sides round their own exp (1 ulp each against the true value) before the same division. */
    @Test
    void sigmoidIsWithinTwoUlpsOfTheTwoBranchFormula() {
        Random random = new Random(5L);
        for (int i = 0; i < 200_000; i++) {
            double z = (random.nextDouble() - 0.5) * (i % 2 == 0 ? 20 : 1500);
            double expected = z >= 0 ? 1 / (1 + StrictMath.exp(-z)) : StrictMath.exp(z) / (1 + StrictMath.exp(z));
            assertTrue(ulps(Exp.sigmoid(z), expected) <= 2, "σ(" + z + ") = " + Exp.sigmoid(z) + ", expected " + expected);
        }
        assertEquals(0.5, Exp.sigmoid(-0.0), 0.0);
        assertEquals(1.0, Exp.sigmoid(Double.POSITIVE_INFINITY), 0.0);
        assertEquals(0.0, Exp.sigmoid(Double.NEGATIVE_INFINITY), 0.0);
        assertTrue(Double.isNaN(Exp.sigmoid(Double.NaN)));
    }

    /**
     * Short arrays, and lengths around the split threshold and of a 784-100-10 batch (ranges on two
     * threads) against the scalar σ, with special values mixed in, on one thread and on two.
     */
    @Test
    void theArrayFormHasTheBitsOfTheScalarForm() {
        int[] split = {Exp.SPLIT_MIN - 1, Exp.SPLIT_MIN, Exp.SPLIT_MIN + 1, Exp.SPLIT_MIN + 7, 3_200, 3_203};
        try {
            for (int threads = 1; threads <= 2; threads++) {
                Products.useThreads(threads);
                Random random = new Random(8L);
                for (int n = 0; n <= 27; n++) {
                    assertArrayFormMatches(n, random, threads);
                }
                for (int n : split) {
                    assertArrayFormMatches(n, random, threads);
                }
            }
        } finally {
            Products.useThreads(Runtime.getRuntime().availableProcessors());
        }
    }

    private static void assertArrayFormMatches(int n, Random random, int threads) {
        double[] specials = {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -0.0, 0.0, 1e-300,
                -1e-300, 745.5, -745.5, 1e9, -1e9, 36.5, -36.5, -709.5};
        double[] z = new double[n + 3];
        for (int i = 0; i < z.length; i++) {
            z[i] = i % 97 < 2 * specials.length && (i + n) % 2 == 1 ? specials[(i + n) % specials.length]
                    : (random.nextDouble() - 0.5) * (i % 2 == 0 ? 30 : 1600);
        }
        double[] a = new double[n + 3];
        Arrays.fill(a, Double.NaN);
        a[n] = 42;
        Exp.sigmoid(z, a, n);
        for (int i = 0; i < n; i++) {
            assertEquals(Double.doubleToRawLongBits(Exp.sigmoid(z[i])), Double.doubleToRawLongBits(a[i]),
                    "σ(" + z[i] + ") at " + i + " of " + n + " on " + threads + " thread(s)");
        }
        assertEquals(42, a[n], 0.0, "the array form wrote past n = " + n);
    }

    @Test
    void aLengthBeyondTheArraysIsRefusedWithBothLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Exp.sigmoid(new double[4], new double[3], 4));
        assertTrue(e.getMessage().contains("z has 4 and a has 3 elements"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Exp.sigmoid(new double[4], new double[4], -1));
    }
}
