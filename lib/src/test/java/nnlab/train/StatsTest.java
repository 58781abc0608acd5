package nnlab.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatsTest {
    @Test
    void meanAndSampleSd() {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, Σ(x − 5)² = 32, sample variance 32/7
        Stats.MeanSd s = Stats.meanSd(2, 4, 4, 4, 5, 5, 7, 9);
        assertEquals(5, s.mean(), 1e-15);
        assertEquals(Math.sqrt(32.0 / 7), s.sd(), 1e-15);
        assertEquals(8, s.n());
        assertEquals("5.00 ± 2.14", s.format(2));
    }

    /** Two-sided 5 % and 1 % critical values of Student's t from printed tables (e.g. NIST/SEMATECH e-Handbook, 1.3.6.7.2). */
    @Test
    void criticalValuesOfPrintedTablesGiveTheirLevels() {
        double[][] table = {
                {1, 12.706, 0.05}, {2, 4.303, 0.05}, {3, 3.182, 0.05}, {4, 2.776, 0.05}, {5, 2.571, 0.05},
                {9, 2.262, 0.05}, {10, 2.228, 0.05}, {30, 2.042, 0.05},
                {4, 4.604, 0.01}, {5, 4.032, 0.01}, {9, 3.250, 0.01}};
        for (double[] row : table) {
            double p = Stats.twoSidedP(row[1], (int) row[0]);
            assertEquals(row[2], p, row[2] * 2e-3, "df " + (int) row[0] + ", t " + row[1]);
            assertEquals(p, Stats.twoSidedP(-row[1], (int) row[0]), 0, "symmetric in t");
        }
        assertEquals(1, Stats.twoSidedP(0, 4), 1e-15);
        assertEquals(0, Stats.twoSidedP(Double.POSITIVE_INFINITY, 4));
    }

    /** A second implementation: the tail integral of the t density by Simpson's rule. */
    @Test
    void agreesWithTheIntegralOfTheDensity() {
        for (int df = 1; df <= 8; df++) {
            for (double t : new double[] {0.3, 1.0, 2.5}) {
                double c = gamma((df + 1) / 2.0) / (Math.sqrt(df * Math.PI) * gamma(df / 2.0));
                int steps = 20_000;
                double h = t / steps;
                double inside = 0;
                for (int i = 0; i <= steps; i++) {
                    double x = i * h;
                    double f = c * Math.pow(1 + x * x / df, -(df + 1) / 2.0);
                    inside += f * (i == 0 || i == steps ? 1 : (i % 2 == 1 ? 4 : 2));
                }
                inside *= h / 3 * 2;   // both sides of 0
                assertEquals(1 - inside, Stats.twoSidedP(t, df), 1e-9, "df " + df + ", t " + t);
            }
        }
    }

    private static double gamma(double x) {
        // half-integer and integer arguments only: Γ(1) = 1, Γ(1/2) = √π, Γ(x + 1) = xΓ(x)
        double g = x % 1 == 0 ? 1 : Math.sqrt(Math.PI);
        for (double y = x % 1 == 0 ? 1 : 0.5; y < x; y++) {
            g *= y;
        }
        return g;
    }

    @Test
    void pairedDifferencesSeedBySeed() {
        double[] a = {0.40, 0.42, 0.45, 0.41, 0.43};
        double[] b = {0.50, 0.49, 0.55, 0.52, 0.50};
        // differences −0.10, −0.07, −0.10, −0.11, −0.07: mean −0.09, Σ(d + 0.09)² = 0.0014
        Stats.Paired d = Stats.paired(a, b);
        assertEquals(-0.09, d.mean(), 1e-15);
        assertEquals(Math.sqrt(0.0014 / 4), d.sd(), 1e-15);
        assertEquals(-0.09 / (Math.sqrt(0.0014 / 4) / Math.sqrt(5)), d.t(), 1e-12);
        assertTrue(d.significant());
        assertTrue(d.format(3).startsWith("-0.090 ± 0.019 (p = "), d.format(3));
    }

    @Test
    void aDifferenceWithinTheSpreadIsNotSignificant() {
        Stats.Paired d = Stats.paired(new double[] {1, 3, 2, 4, 2}, new double[] {2, 2, 3, 3, 2});
        // differences −1, 1, −1, 1, 0: mean 0
        assertEquals(0, d.mean(), 1e-15);
        assertEquals(1, d.p(), 1e-12);
        assertFalse(d.significant());
    }

    @Test
    void identicalSamplesDifferByNothing() {
        Stats.Paired d = Stats.paired(new double[] {1, 2, 3}, new double[] {1, 2, 3});
        assertEquals(0, d.t());
        assertEquals(1, d.p());
        Stats.Paired shift = Stats.paired(new double[] {2, 3, 4}, new double[] {1, 2, 3});
        assertEquals(0, shift.p());
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Stats.meanSd(1));
        assertThrows(IllegalArgumentException.class, () -> Stats.meanSd(1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Stats.paired(new double[] {1, 2}, new double[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> Stats.twoSidedP(1, 0));
    }

    @Test
    void pValuesAreWrittenWithTwoSignificantDigits() {
        assertEquals("p = 0.05", Stats.formatP(0.0501));
        assertEquals("p = 0.0012", Stats.formatP(0.00123));
        assertEquals("p < 0.0001", Stats.formatP(3e-6));
    }

    /**
     * 10⁹ + 0, 1, 1: mean 10⁹ + 2/3, Σ(x − mean)² = 4/9 + 1/9 + 1/9 = 2/3, sd √(1/3) by hand. The mean rounds
     * (spacing 1.2e-7 there), so Σ(x − mean) is not 0 in doubles, and Σ(x + mean)(x − mean), which equals
     * Σ(x − mean)² only when it is, would be off by 2·mean·Σ(x − mean), hundreds.
     */
    @Test
    void theSdIsSummedAroundTheMean() {
        Stats.MeanSd s = Stats.meanSd(1e9, 1e9 + 1, 1e9 + 1);
        assertEquals(1e9 + 2.0 / 3, s.mean(), 1e-6);
        assertEquals(Math.sqrt(1.0 / 3), s.sd(), 1e-6);
    }

    @Test
    void boundariesOfTheWrittenPAndOfSignificance() {
        assertEquals("p = 0.00010", Stats.formatP(1e-4), "p < 0.0001 only below 10⁻⁴");
        assertEquals("p = 0.01", Stats.formatP(0.01), "two decimals from 0.01 up");
        assertEquals("p = 0.0099", Stats.formatP(0.0099));
        assertFalse(new Stats.Paired(0.1, 0.1, 3, 1, Stats.ALPHA).significant(), "p = α is not below α");
        assertTrue(new Stats.Paired(0.1, 0.1, 3, 1, Math.nextDown(Stats.ALPHA)).significant());
    }

    @Test
    void refusalsNameTheSample() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Stats.meanSd((double[]) null)).getMessage().endsWith("got 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Stats.paired(new double[] {Double.NaN, 1}, new double[] {1, 2}))
                .getMessage().startsWith("paired: first sample: value 0 is NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Stats.paired(new double[] {1, 2}, new double[] {1, Double.POSITIVE_INFINITY}))
                .getMessage().startsWith("paired: second sample: value 1 is Infinity"));
    }
}
