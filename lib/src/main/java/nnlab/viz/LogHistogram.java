package nnlab.viz;

import java.awt.image.BufferedImage;
import java.util.Map;

import java.awt.BasicStroke;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Histograms of magnitudes (e.g. |w|) on a logarithmic x axis, so that values near zero — 1e-3, 1e-6 —
 * get as much room as values near 1: bins of equal width in log₁₀, {@value #BINS_PER_DECADE} per decade,
 * from {@code lo} to the first power of ten at or above the largest value. The y axis is the percentage
 * of each sample per bin, so samples of different sizes compare. Values below {@code lo} (zeros
 * included) cannot sit on a log axis; their number is added to the series' legend name, e.g.
 * "L1: 12 below 1e-08". A dashed vertical line marks a threshold (e.g. 1e-3); the legend sits right of the plot.
 */
final class LogHistogram {
    static final int BINS_PER_DECADE = 5;

    private LogHistogram() {}

    static BufferedImage chart(Frame frame, Map<String, double[]> samples, double lo, double threshold) {
        Inputs.requireSeries(samples, frame.title(), false);
        if (!(lo > 0) || !Double.isFinite(lo)) {
            throw new IllegalArgumentException(frame.title() + ": the lowest bin edge must be a positive number, got " + lo);
        }
        double max = lo;
        for (Map.Entry<String, double[]> e : samples.entrySet()) {
            for (int i = 0; i < e.getValue().length; i++) {
                double v = e.getValue()[i];
                if (v < 0) {
                    throw new IllegalArgumentException(String.format(
                            "%s: series '%s' has %s at index %d; give magnitudes (e.g. |w|), which are ≥ 0", frame.title(), e.getKey(), v, i));
                }
                max = Math.max(max, v);
            }
        }
        double logLo = Math.log10(lo);
        double logHi = Math.max(Math.ceil(Math.log10(max)), logLo + 1);
        int bins = (int) Math.round((logHi - logLo) * BINS_PER_DECADE);
        XYChart chart = Charts.xyChart(frame);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setXAxisMin(lo);
        chart.getStyler().setXAxisMax(Math.pow(10, logHi));
        double floor = frame.isLogY() ? 0.01 : 0;
        if (frame.isLogY()) {
            chart.getStyler().setYAxisMin(floor);
        }
        double top = 0;
        for (Map.Entry<String, double[]> e : samples.entrySet()) {
            double[] percent = percentages(e.getValue(), logLo, logHi, bins);
            double[][] outline = Histogram.outline(percent, logLo, logHi, floor);
            for (double p : percent) {
                top = Math.max(top, p);
            }
            for (int i = 0; i < outline[0].length; i++) {
                outline[0][i] = Math.pow(10, outline[0][i]);
            }
            long below = below(e.getValue(), lo);
            String name = below == 0 ? e.getKey() : e.getKey() + ": " + below + " below " + Numbers.sig(lo, 2);
            Charts.addLine(chart, name, outline[0], outline[1]);
        }
        if (threshold >= lo && threshold <= Math.pow(10, logHi)) {
            XYSeries line = chart.addSeries("|w| = " + Numbers.sig(threshold, 2), new double[] {threshold, threshold},
                    new double[] {Math.max(floor, frame.isLogY() ? floor : 0), top * 1.04});
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(Style.TEXT);
            line.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        // a legend entry per method: below the plot they would not fit side by side
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        return Charts.render(chart);
    }

    /** The percentage of all values of the sample that fall in each of the bins of equal log₁₀ width over [logLo, logHi]. */
    static double[] percentages(double[] values, double logLo, double logHi, int bins) {
        double[] percent = new double[bins];
        double width = (logHi - logLo) / bins;
        for (double v : values) {
            if (v < Math.pow(10, logLo)) {
                continue;
            }
            int k = (int) Math.floor((Math.log10(v) - logLo) / width);
            percent[Math.max(0, Math.min(bins - 1, k))] += 100.0 / values.length;
        }
        return percent;
    }

    static long below(double[] values, double lo) {
        long n = 0;
        for (double v : values) {
            n += v < lo ? 1 : 0;
        }
        return n;
    }
}
