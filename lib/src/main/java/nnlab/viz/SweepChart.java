package nnlab.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import nnlab.train.Experiment;
import nnlab.train.Stats;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The sweeps of an {@link Experiment}: one panel per swept method, its mean validation loss over the
 * seeds against the strength with ± sd error bars, the chosen strength marked, and the baseline
 * method's mean ± sd as a grey band across the panel. The strength axis is logarithmic when the
 * strengths are positive and span a factor of 10 or more.
 */
final class SweepChart {
    static final int PANEL_WIDTH = 480;
    static final int PANEL_HEIGHT = 330;
    private static final int COLUMNS = 2;
    private static final int TITLE_BAND = 40;
    private static final int LEGEND_BAND = 40;
    private static final Color BASELINE = new Color(0x77, 0x77, 0x77);

    private SweepChart() {}

    static BufferedImage grid(String title, Experiment.Result result, String baseline) {
        List<Experiment.Sweep> swept = new ArrayList<>();
        for (String m : result.methods()) {
            if (result.sweep(m).isSwept()) {
                swept.add(result.sweep(m));
            }
        }
        if (swept.isEmpty()) {
            throw new IllegalArgumentException(title + ": the experiment has no sweeps; add them with Experiment.sweep(...)");
        }
        Stats.MeanSd base = result.stat(baseline, Experiment.VALIDATION_LOSS);
        String baseName = result.sweep(baseline).label();
        int cols = Math.min(COLUMNS, swept.size());
        int rows = (swept.size() + cols - 1) / cols;
        BufferedImage out = Raster.canvas(cols * PANEL_WIDTH, TITLE_BAND + rows * PANEL_HEIGHT + LEGEND_BAND);
        Graphics2D g = Raster.graphics(out);
        Raster.title(g, title, out.getWidth(), 26);
        for (int k = 0; k < swept.size(); k++) {
            g.drawImage(panel(swept.get(k), base), (k % cols) * PANEL_WIDTH, TITLE_BAND + (k / cols) * PANEL_HEIGHT, null);
        }
        legend(g, out.getWidth(), out.getHeight() - LEGEND_BAND / 2, baseName, swept.get(0).runs(0).size());
        g.dispose();
        return out;
    }

    /** One legend for every panel, centred on one line: baseline band, the sweep's points, the chosen one. */
    private static void legend(Graphics2D g, int width, int y, String baseName, int seeds) {
        String[] texts = {baseName + ": mean ± sd over the seeds", "mean ± sd over " + seeds + " seeds", "chosen: lowest mean"};
        g.setFont(Style.LEGEND);
        int gap = 28;
        int symbol = 30;
        int total = -gap;
        for (String t : texts) {
            total += symbol + 6 + g.getFontMetrics().stringWidth(t) + gap;
        }
        int x = (width - total) / 2;
        for (int k = 0; k < texts.length; k++) {
            int cy = y - 4;
            if (k == 0) {
                g.setColor(new Color(BASELINE.getRed(), BASELINE.getGreen(), BASELINE.getBlue(), Bands.BAND_ALPHA));
                g.fillRect(x, cy - 7, symbol, 14);
                g.setColor(BASELINE);
                g.setStroke(new BasicStroke(2f));
                g.drawLine(x, cy, x + symbol, cy);
            } else if (k == 1) {
                g.setColor(Style.series(0));
                g.setStroke(new BasicStroke(2f));
                g.drawLine(x, cy, x + symbol, cy);
                g.drawLine(x + symbol / 2, cy - 7, x + symbol / 2, cy + 7);
                g.fillOval(x + symbol / 2 - 5, cy - 5, 10, 10);
            } else {
                g.setColor(Style.series(3));
                int c = x + symbol / 2;
                g.fillPolygon(new int[] {c, c + 6, c, c - 6}, new int[] {cy - 7, cy, cy + 7, cy}, 4);
            }
            g.setStroke(new BasicStroke(1f));
            g.setColor(Style.TEXT);
            x += symbol + 6;
            g.drawString(texts[k], x, y);
            x += g.getFontMetrics().stringWidth(texts[k]) + gap;
        }
    }

    /** Whether strengths are shown on a log axis: all positive and the largest at least 10 times the smallest. */
    static boolean logX(double[] strengths) {
        double lo = strengths[0];
        double hi = strengths[strengths.length - 1];
        return lo > 0 && hi / lo >= 10;
    }

    private static BufferedImage panel(Experiment.Sweep sweep, Stats.MeanSd base) {
        double[] x = sweep.strengths();
        boolean log = logX(x);
        int c = sweep.chosenIndex();
        Frame frame = Frame.of(sweep.method() + ": chosen " + sweep.parameter() + " = " + Numbers.sig(x[c], 3),
                sweep.parameter() + (log ? " (log scale)" : ""), "validation loss").size(PANEL_WIDTH, PANEL_HEIGHT);
        XYChart chart = Charts.xyChart(frame);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLogarithmic(log);
        // within about one decade, label 2, 3, 4 … too (decades alone would leave one label); over more they pile up
        chart.getStyler().setXAxisLogarithmicDecadeOnly(x[x.length - 1] / x[0] > 12);
        double[] mean = new double[x.length];
        double[] sd = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            Stats.MeanSd s = sweep.validationLoss(i);
            mean[i] = s.mean();
            sd[i] = s.sd();
        }
        double pad = log ? Math.pow(x[x.length - 1] / x[0], 0.06) : (x[x.length - 1] - x[0]) * 0.06;
        double left = log ? x[0] / pad : x[0] - pad;
        double right = log ? x[x.length - 1] * pad : x[x.length - 1] + pad;
        chart.getStyler().setXAxisMin(left);
        chart.getStyler().setXAxisMax(right);
        XYSeries band = chart.addSeries("baseline ± sd", new double[] {left, right, right, left},
                new double[] {base.mean() + base.sd(), base.mean() + base.sd(), base.mean() - base.sd(), base.mean() - base.sd()});
        band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        band.setFillColor(new Color(BASELINE.getRed(), BASELINE.getGreen(), BASELINE.getBlue(), Bands.BAND_ALPHA));
        band.setLineColor(new Color(0, 0, 0, 0));
        band.setMarker(SeriesMarkers.NONE);
        band.setShowInLegend(false);
        XYSeries line = chart.addSeries("baseline", new double[] {left, right}, new double[] {base.mean(), base.mean()});
        line.setLineColor(BASELINE);
        line.setMarker(SeriesMarkers.NONE);
        XYSeries s = chart.addSeries("mean ± sd", x, mean, sd);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineColor(Style.series(0));
        s.setMarkerColor(Style.series(0));
        XYSeries chosen = chart.addSeries("chosen", new double[] {x[c]}, new double[] {mean[c]});
        chosen.setMarker(SeriesMarkers.DIAMOND);
        chosen.setMarkerColor(Style.series(3));
        chosen.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(9);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        return Charts.render(chart);
    }
}
