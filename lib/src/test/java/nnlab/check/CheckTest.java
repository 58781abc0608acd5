package nnlab.check;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckTest {

    @Test
    void passingChecksCountAndPrintTheirLine() {
        int before = Check.passed();
        java.io.PrintStream out = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            Check.close("net_h1", 0.3775, 0.3775000001, 1e-9);
            Check.equal("rows", 3, 3);
            Check.that("one is positive", 1 > 0);
        } finally {
            System.setOut(out);
        }
        assertEquals(before + 3, Check.passed());
        assertEquals(String.join(System.lineSeparator(),
                "✔ net_h1 = 0.3775000001 (expected 0.3775, |Δ| = 1e-10 ≤ 1e-09)", "✔ rows = 3", "✔ one is positive", ""),
                printed.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void failingChecksThrowWithBothValues() {
        Check.CheckFailed e = assertThrows(Check.CheckFailed.class, () -> Check.close("out_o1", 0.75136507, 0.75136079, 5e-9));
        assertTrue(e.getMessage().contains("0.75136507") && e.getMessage().contains("0.75136079"), e.getMessage());
        Check.CheckFailed m = assertThrows(Check.CheckFailed.class, () -> Check.close("W",
                new DMatrixRMaj(new double[][]{{1, 2}, {3, 4}}), new DMatrixRMaj(new double[][]{{1, 2}, {3, 5}}), 1e-9));
        assertTrue(m.getMessage().contains("(1, 1)"), m.getMessage());
        assertThrows(Check.CheckFailed.class, () -> Check.closeRelative("tiny", 1e-9, 2e-9, 0.1));
    }

    @Test
    void differsRefusesANumberThatReproduces() {
        Check.differs("E after one update", 0.291027924, 0.291027774, 5e-10, "biases fixed");
        assertThrows(Check.CheckFailed.class, () -> Check.differs("x", 1.0, 1.0, 1e-9, "no reason"));
    }

    @Test
    void formatKeepsTenSignificantDigits() {
        assertEquals("0.593269992", Check.fmt(0.593269992));
        assertEquals("3.508500000e-05", Check.fmt(3.5085e-5));
    }
}
