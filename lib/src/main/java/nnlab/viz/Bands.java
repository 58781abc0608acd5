package nnlab.viz;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Curves of several runs per series (e.g. one per seed) drawn as their mean with a shaded band of ± one
 * sample standard deviation around it: the spread over seeds next to the differences between methods.
 */
final class Bands {
    /** Opacity of a band (0–255): light enough that overlapping bands stay readable. */
    static final int BAND_ALPHA = 56;

    private Bands() {}

    /**
     * The chart; only the points with x ≥ {@code fromX} are drawn, so the y axis spans what is shown
     * there (e.g. the epochs after the first rapid fall, where the methods differ).
     */
    static BufferedImage chart(Frame frame, double[] x, Map<String, double[][]> runs, double fromX) {
        Inputs.requireValues(x, frame.title() + ": x values", false);
        if (runs == null || runs.isEmpty()) {
            throw new IllegalArgumentException(frame.title() + ": no series given; pass name → runs (one double[] per run)");
        }
        int first = 0;
        while (first < x.length && x[first] < fromX) {
            first++;
        }
        if (x.length - first < 2) {
            throw new IllegalArgumentException(String.format("%s: fewer than 2 points have x ≥ %s; lower the start", frame.title(), fromX));
        }
        double[] shownX = Arrays.copyOfRange(x, first, x.length);
        XYChart chart = Charts.xyChart(frame);
        Map<String, double[]> means = new LinkedHashMap<>();
        int k = 0;
        // every band first, so that no band covers another series' line
        for (Map.Entry<String, double[][]> e : runs.entrySet()) {
            double[][] stats = meanSd(frame.title() + ": series '" + e.getKey() + "'", e.getValue(), x.length);
            double[] mean = Arrays.copyOfRange(stats[0], first, x.length);
            addBand(chart, frame, e.getKey(), Style.series(k++), shownX, mean, Arrays.copyOfRange(stats[1], first, x.length));
            means.put(e.getKey(), mean);
        }
        for (Map.Entry<String, double[]> e : means.entrySet()) {
            Charts.addLine(chart, e.getKey(), shownX, e.getValue());
        }
        Charts.evenTicks(chart, shownX[0] + (shownX[shownX.length - 1] - shownX[0]) * Charts.OFF_GRID, means.values().iterator().next()[0]);
        return Charts.render(chart);
    }

    /**
     * {mean, sd} point by point over the runs (sd with n − 1 in the denominator); every run as long as
     * the x values, at least two runs, finite values.
     */
    static double[][] meanSd(String what, double[][] runs, int points) {
        if (runs == null || runs.length < 2) {
            throw new IllegalArgumentException(what + ": a band needs at least 2 runs, got " + (runs == null ? 0 : runs.length));
        }
        double[] mean = new double[points];
        double[] sd = new double[points];
        for (int k = 0; k < runs.length; k++) {
            Inputs.requireValues(runs[k], what + ", run " + k, false);
            if (runs[k].length != points) {
                throw new IllegalArgumentException(String.format("%s, run %d has %d values but there are %d x values; give one y per x",
                        what, k, runs[k].length, points));
            }
            for (int i = 0; i < points; i++) {
                mean[i] += runs[k][i] / runs.length;
            }
        }
        for (double[] run : runs) {
            for (int i = 0; i < points; i++) {
                sd[i] += (run[i] - mean[i]) * (run[i] - mean[i]) / (runs.length - 1);
            }
        }
        for (int i = 0; i < points; i++) {
            sd[i] = Math.sqrt(sd[i]);
        }
        return new double[][] {mean, sd};
    }

    /** The band as a filled polygon (upper edge forward, lower edge back) in the colour its line will get. */
    private static void addBand(XYChart chart, Frame frame, String name, Color c, double[] x, double[] mean, double[] sd) {
        int n = x.length;
        double[] px = new double[2 * n];
        double[] py = new double[2 * n];
        for (int i = 0; i < n; i++) {
            px[i] = x[i];
            py[i] = mean[i] + sd[i];
            px[2 * n - 1 - i] = x[i];
            py[2 * n - 1 - i] = mean[i] - sd[i];
            if (frame.isLogY() && !(mean[i] - sd[i] > 0)) {
                throw new IllegalArgumentException(String.format(
                        "%s: series '%s' at x = %s has mean − sd = %s, which a log axis cannot show; use a linear axis",
                        frame.title(), name, x[i], mean[i] - sd[i]));
            }
        }
        XYSeries band = chart.addSeries(name + " ± sd", px, py);
        band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        band.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), BAND_ALPHA));
        band.setLineColor(new Color(0, 0, 0, 0));
        band.setMarker(SeriesMarkers.NONE);
        band.setShowInLegend(false);
    }
}
