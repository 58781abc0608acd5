package nnlab.check;

import org.ejml.data.DMatrixRMaj;

import java.util.Locale;

/**
 * Checks for notebooks: each call compares a recomputed value with an expected one (usually a number
 * printed in a document), prints one line starting with "✔ " when it holds, and throws
 * {@link CheckFailed} when it does not, so a notebook that drifts from its document stops with a
 * message instead of printing a wrong number. Tolerances are absolute and always stated.
 *
 * <p>No check returns a value: a check that ends a cell must show nothing but its line under every Java
 * kernel (JJava and IJava display the value of a last expression even when it ends with a semicolon).
 */
public final class Check {
    private static int passed;

    private Check() {}

    /** Thrown when a check does not hold. */
    public static final class CheckFailed extends RuntimeException {
        public CheckFailed(String message) {
            super(message);
        }
    }

    /** |actual − expected| ≤ tol. */
    public static void close(String name, double expected, double actual, double tol) {
        requireTolerance(tol);
        double diff = Math.abs(actual - expected);
        if (!(diff <= tol)) {
            throw new CheckFailed(String.format(Locale.ROOT, "✘ %s: expected %s, got %s (|Δ| = %.3g > tol %.1g)",
                    name, fmt(expected), fmt(actual), diff, tol));
        }
        pass(String.format(Locale.ROOT, "%s = %s (expected %s, |Δ| = %.1g ≤ %.1g)", name, fmt(actual), fmt(expected), diff, tol));
    }

    /** |actual − expected| ≤ rtol·|expected|: for values whose size varies over decades. */
    public static void closeRelative(String name, double expected, double actual, double rtol) {
        requireTolerance(rtol);
        double rel = Math.abs(actual - expected) / Math.abs(expected);
        if (!(rel <= rtol)) {
            throw new CheckFailed(String.format(Locale.ROOT, "✘ %s: expected %s, got %s (relative error %.3g > %.1g)",
                    name, fmt(expected), fmt(actual), rel, rtol));
        }
        pass(String.format(Locale.ROOT, "%s = %s (expected %s, relative error %.1g ≤ %.1g)", name, fmt(actual), fmt(expected), rel, rtol));
    }

    /** Every entry within tol; on failure names the first mismatching entry. */
    public static void close(String name, DMatrixRMaj expected, DMatrixRMaj actual, double tol) {
        requireTolerance(tol);
        if (expected.numRows != actual.numRows || expected.numCols != actual.numCols) {
            throw new CheckFailed(String.format("✘ %s: expected a (%d × %d) matrix, got (%d × %d)", name,
                    expected.numRows, expected.numCols, actual.numRows, actual.numCols));
        }
        double worst = 0;
        for (int r = 0; r < expected.numRows; r++) {
            for (int c = 0; c < expected.numCols; c++) {
                double diff = Math.abs(expected.get(r, c) - actual.get(r, c));
                if (!(diff <= tol)) {
                    throw new CheckFailed(String.format(Locale.ROOT, "✘ %s: entry (%d, %d) (0-based) expected %s, got %s (|Δ| = %.3g > tol %.1g)",
                            name, r, c, fmt(expected.get(r, c)), fmt(actual.get(r, c)), diff, tol));
                }
                worst = Math.max(worst, diff);
            }
        }
        pass(String.format(Locale.ROOT, "%s: all %d entries match (max |Δ| = %.1g ≤ %.1g)", name, expected.getNumElements(), worst, tol));
    }

    /** Every entry within tol; on failure names the first mismatching index (0-based). */
    public static void close(String name, double[] expected, double[] actual, double tol) {
        close(name, DMatrixRMaj.wrap(1, expected.length, expected), DMatrixRMaj.wrap(1, actual.length, actual), tol);
    }

    /** An exact integer comparison (counts, sizes, labels). */
    public static void equal(String name, long expected, long actual) {
        if (expected != actual) {
            throw new CheckFailed("✘ " + name + ": expected " + expected + ", got " + actual);
        }
        pass(name + " = " + actual);
    }

    /** A condition that must hold; {@code what} says in words what was checked. */
    public static void that(String what, boolean condition) {
        if (!condition) {
            throw new CheckFailed("✘ not true: " + what);
        }
        pass(what);
    }

    /**
     * A number printed in a document that does NOT reproduce: checks that the recomputed value is
     * farther than tol from the published one (so the note stays honest if the computation changes) and
     * prints both side by side with the reason.
     */
    public static void differs(String name, double published, double recomputed, double tol, String reason) {
        requireTolerance(tol);
        double diff = Math.abs(recomputed - published);
        if (diff <= tol) {
            throw new CheckFailed(String.format(Locale.ROOT, "✘ %s: the published %s now reproduces (recomputed %s); remove the discrepancy note",
                    name, fmt(published), fmt(recomputed)));
        }
        pass(String.format(Locale.ROOT, "%s: published %s, recomputed %s (|Δ| = %.3g) — %s", name, fmt(published), fmt(recomputed), diff, reason));
    }

    /** How many checks have passed in this JVM (a notebook's session). */
    public static int passed() {
        return passed;
    }

    private static void pass(String line) {
        passed++;
        System.out.println("✔ " + line);
    }

    private static void requireTolerance(double tol) {
        if (!(tol >= 0)) {
            throw new IllegalArgumentException("tolerance must be ≥ 0, got " + tol);
        }
    }

    /** Ten significant digits: enough to compare with the documents' nine-digit numbers. */
    static String fmt(double v) {
        if (v == 0 || (Math.abs(v) >= 1e-4 && Math.abs(v) < 1e7)) {
            return new java.math.BigDecimal(v).round(new java.math.MathContext(10)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.9e", v);
    }
}
