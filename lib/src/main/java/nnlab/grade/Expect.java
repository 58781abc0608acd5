package nnlab.grade;

import org.ejml.data.DMatrixRMaj;

import java.util.Locale;

/**
 * Comparisons for grading a student's result. Each failure says what was expected and what came back,
 * naming the first mismatching index, so the student knows where to look. A null, a wrong shape or a
 * NaN is reported as such instead of surfacing as an exception from inside the comparison.
 */
public final class Expect {
    private Expect() {}

    /** Thrown when a student's result is wrong; the grader shows the message and scores the part zero. */
    public static final class Mismatch extends RuntimeException {
        public Mismatch(String message) {
            super(message);
        }
    }

    public static void close(String what, double expected, Double actual, double tol) {
        if (actual == null) {
            throw new Mismatch(what + ": your method returned null; expected " + fmt(expected));
        }
        if (Double.isNaN(actual) || Double.isInfinite(actual)) {
            throw new Mismatch(what + ": your method returned " + actual + "; expected " + fmt(expected)
                    + " (look for a log of 0, a division by zero, or an overflow)");
        }
        if (!(Math.abs(actual - expected) <= tol)) {
            throw new Mismatch(String.format(Locale.ROOT, "%s: expected %s, got %s (tolerance %.1g)", what, fmt(expected), fmt(actual), tol));
        }
    }

    public static void close(String what, double[] expected, double[] actual, double tol) {
        if (actual == null) {
            throw new Mismatch(what + ": your method returned null; expected an array of length " + expected.length);
        }
        if (actual.length != expected.length) {
            throw new Mismatch(what + ": expected an array of length " + expected.length + ", got length " + actual.length);
        }
        for (int i = 0; i < expected.length; i++) {
            if (Double.isNaN(actual[i])) {
                throw new Mismatch(what + ": entry " + i + " (0-based) is NaN; expected " + fmt(expected[i]));
            }
            if (!(Math.abs(actual[i] - expected[i]) <= tol)) {
                throw new Mismatch(String.format(Locale.ROOT, "%s: first mismatch at index %d (0-based): expected %s, got %s (tolerance %.1g)",
                        what, i, fmt(expected[i]), fmt(actual[i]), tol));
            }
        }
    }

    public static void close(String what, DMatrixRMaj expected, DMatrixRMaj actual, double tol) {
        if (actual == null) {
            throw new Mismatch(what + ": your method returned null; expected a (" + expected.numRows + " × " + expected.numCols + ") matrix");
        }
        if (actual.numRows != expected.numRows || actual.numCols != expected.numCols) {
            throw new Mismatch(String.format("%s: expected shape (%d × %d), got (%d × %d)%s", what, expected.numRows, expected.numCols,
                    actual.numRows, actual.numCols, actual.numRows == expected.numCols && actual.numCols == expected.numRows
                            ? " — transposed?" : ""));
        }
        for (int r = 0; r < expected.numRows; r++) {
            for (int c = 0; c < expected.numCols; c++) {
                double a = actual.get(r, c);
                double e = expected.get(r, c);
                if (Double.isNaN(a)) {
                    throw new Mismatch(what + ": entry (" + r + ", " + c + ") (0-based) is NaN; expected " + fmt(e));
                }
                if (!(Math.abs(a - e) <= tol)) {
                    throw new Mismatch(String.format(Locale.ROOT, "%s: first mismatch at (%d, %d) (0-based): expected %s, got %s (tolerance %.1g)",
                            what, r, c, fmt(e), fmt(a), tol));
                }
            }
        }
    }

    public static void that(String what, boolean condition) {
        if (!condition) {
            throw new Mismatch(what);
        }
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.8g", v);
    }
}
