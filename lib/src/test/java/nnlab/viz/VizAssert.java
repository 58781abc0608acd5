package nnlab.viz;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;

import org.junit.jupiter.api.function.Executable;

/** Assertions the chart and diagram tests share. */
final class VizAssert {
    private VizAssert() {}

    /** The call throws an IllegalArgumentException whose message contains the fragment. */
    static void assertRefused(Executable call, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' should contain '" + fragment + "'");
    }

    /** Whether a pixel's RGB lies within a tolerance of a colour on every channel. */
    static boolean near(int rgb, Color c, int tolerance) {
        return Math.abs(((rgb >> 16) & 0xFF) - c.getRed()) <= tolerance
                && Math.abs(((rgb >> 8) & 0xFF) - c.getGreen()) <= tolerance
                && Math.abs((rgb & 0xFF) - c.getBlue()) <= tolerance;
    }
}
