package nnlab.viz;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;

/** Precondition checks shared by the charts; every message names the series and the index at fault. */
final class Inputs {
    private Inputs() {}

    /** A non-empty map of named, non-empty series of finite values; on a log axis, positive values too. */
    static void requireSeries(Map<String, double[]> series, String what, boolean positive) {
        if (series == null || series.isEmpty()) {
            throw new IllegalArgumentException(what + ": no series given; pass at least one name → values entry");
        }
        requireOrdered(series, what);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) {
                throw new IllegalArgumentException(what + ": every series needs a non-blank name for the legend");
            }
            requireValues(e.getValue(), what + ": series '" + e.getKey() + "'", positive);
        }
    }

    /**
     * A map whose iteration order is the caller's, because legend order and colours follow it: a
     * LinkedHashMap, a sorted map, or a single entry. {@code Map.of} and {@code HashMap} have no defined
     * order, so with several entries they are refused. (A LinkedHashMap copied from a Map.of keeps that
     * undefined order; build it entry by entry.)
     */
    static void requireOrdered(Map<?, ?> map, String what) {
        if (map.size() > 1 && !(map instanceof LinkedHashMap) && !(map instanceof SortedMap)) {
            throw new IllegalArgumentException(String.format(
                    "%s: the %d entries come in a %s, which has no defined order (so neither would the legend, the colours or "
                            + "the numbering); give them in order with Charts.series(\"a\", a, \"b\", b) or a LinkedHashMap filled entry by entry",
                    what, map.size(), map.getClass().getSimpleName()));
        }
    }

    /** Non-empty, finite values; positive ones when {@code positive} (a log axis). */
    static void requireValues(double[] values, String what, boolean positive) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(what + " is empty; give at least one value");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(String.format(
                        "%s has %s at index %d; charts need finite numbers (did training diverge?)", what, values[i], i));
            }
            if (positive && values[i] <= 0) {
                throw new IllegalArgumentException(String.format(
                        "%s has %s at index %d, which a log axis cannot show; use a linear axis or keep only positive values",
                        what, values[i], i));
            }
        }
    }

    /** Every series has exactly {@code n} values (the length of the shared x values). */
    static void requireLength(Map<String, double[]> series, int n, String what) {
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            if (e.getValue().length != n) {
                throw new IllegalArgumentException(String.format(
                        "%s: series '%s' has %d values but there are %d x values; give one y per x",
                        what, e.getKey(), e.getValue().length, n));
            }
        }
    }
}
