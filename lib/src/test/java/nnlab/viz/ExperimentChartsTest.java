package nnlab.viz;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nnlab.data.Dataset;
import nnlab.data.Datasets;
import nnlab.net.Activation;
import nnlab.net.Cost;
import nnlab.net.Init;
import nnlab.net.Loss;
import nnlab.net.Network;
import nnlab.net.Reduction;
import nnlab.net.Regularizer;
import nnlab.train.Experiment;
import nnlab.train.Optimizer;
import org.junit.jupiter.api.Test;

import static nnlab.viz.VizAssert.assertRefused;
import static nnlab.viz.ChartsTest.count;
import static nnlab.viz.VizAssert.near;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExperimentChartsTest {
    private static final Frame FRAME = Frame.of("t", "x", "y").size(600, 400);

    // ---------------------------------------------------------------------------------- bands

    @Test
    void bandsAreTheMeanAndSampleSdPointByPoint() {
        // runs 1, 2, 3 | 3, 4, 5 | 2, 6, 4: means 2, 4, 4; sample sd 1, 2, 1
        double[][] s = Bands.meanSd("t", new double[][] {{1, 2, 3}, {3, 4, 5}, {2, 6, 4}}, 3);
        assertArrayEquals(new double[] {2, 4, 4}, s[0], 1e-15);
        assertArrayEquals(new double[] {1, 2, 1}, s[1], 1e-15);
    }

    @Test
    void aBandIsShadedInItsLinesColourUnderTheLine() {
        Map<String, double[][]> runs = new LinkedHashMap<>();
        runs.put("a", new double[][] {{1, 2, 3, 4}, {3, 4, 5, 6}});
        runs.put("b", new double[][] {{10, 10, 10, 10}, {12, 12, 12, 12}});
        BufferedImage img = Charts.bands(FRAME, new double[] {0, 1, 2, 3}, runs, 0);
        assertEquals(600, img.getWidth());
        Color first = Style.series(0);
        Color shade = blend(first, Bands.BAND_ALPHA);
        assertTrue(count(img, rgb -> near(rgb, shade, 6)) > 500, "the first series' band, in its colour at low opacity");
        assertTrue(count(img, rgb -> near(rgb, blend(Style.series(1), Bands.BAND_ALPHA), 6)) > 500, "the second series' band");
        assertTrue(count(img, rgb -> near(rgb, first, 10)) > 100, "the mean line drawn over the band");
    }

    private static Color blend(Color c, int alpha) {
        double a = alpha / 255.0;
        return new Color((int) Math.round(255 + (c.getRed() - 255) * a), (int) Math.round(255 + (c.getGreen() - 255) * a),
                (int) Math.round(255 + (c.getBlue() - 255) * a));
    }

    @Test
    void theStartOfTheXRangeDropsEarlierPointsAndIsChecked() {
        Map<String, double[][]> runs = Map.of("a", new double[][] {{100, 2, 3}, {100, 4, 5}});
        assertRefused(() -> Charts.bands(FRAME, new double[] {0, 1, 2}, runs, 2), "fewer than 2 points");
        BufferedImage shown = Charts.bands(FRAME, new double[] {0, 1, 2}, runs, 1);
        assertEquals(400, shown.getHeight());
    }

    @Test
    void badBandsAreRefused() {
        double[] x = {0, 1};
        assertRefused(() -> Charts.bands(FRAME, x, Map.of("a", new double[][] {{1, 2}}), 0), "at least 2 runs");
        assertRefused(() -> Charts.bands(FRAME, x, Map.of("a", new double[][] {{1, 2}, {1, 2, 3}}), 0), "run 1 has 3 values");
        assertRefused(() -> Charts.bands(FRAME, x, Map.of("a", new double[][] {{1, 2}, {1, Double.NaN}}), 0), "run 1");
        assertRefused(() -> Charts.bands(FRAME.logY(), x, Map.of("a", new double[][] {{0.1, 2}, {1.9, 2}}), 0), "log axis");
    }

    // ------------------------------------------------------------------------- log histogram

    @Test
    void logBinsAreEqualInLog10AndValuesBelowTheFirstEdgeAreCounted() {
        // 40 bins over 1e-8 … 1: width 0.2 in log10. 1e-5 → (−5 + 8)/0.2 = bin 15; 2e-3 → 5.30/0.2 = bin 26; 0.5 → 7.70/0.2 = bin 38
        double[] values = {1e-5, 2e-3, 0.5, 0};
        double[] p = LogHistogram.percentages(values, -8, 0, 40);
        assertEquals(25, p[15], 1e-12);
        assertEquals(25, p[26], 1e-12);
        assertEquals(25, p[38], 1e-12);
        assertEquals(75, java.util.Arrays.stream(p).sum(), 1e-12, "the zero is below the axis");
        assertEquals(1, LogHistogram.below(values, 1e-8));
    }

    @Test
    void logHistogramDrawsAndRefusesSignedValues() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("a", new double[] {1e-5, 2e-3, 0.5, 0});
        m.put("b", new double[] {0.1, 0.2});
        BufferedImage img = Charts.logHistogram(Frame.of("|w|", "|w|", "%").size(800, 400), m, 1e-8, 1e-3);
        assertTrue(count(img, rgb -> near(rgb, Style.series(1), 10)) > 50, "the second sample's outline");
        assertRefused(() -> Charts.logHistogram(FRAME, Map.of("w", new double[] {0.1, -0.2}), 1e-8, 1e-3), "magnitudes");
        assertRefused(() -> Charts.logHistogram(FRAME, Map.of("w", new double[] {0.1}), 0, 1e-3), "positive");
    }

    // ----------------------------------------------------------------------------- pixel map

    @Test
    void pixelValuesRunFromWhiteToBlueAndMarksAreOrangeFrames() {
        assertEquals(Style.ZERO, PixelMap.colour(0));
        assertEquals(Style.NEGATIVE, PixelMap.colour(1));
        double[] v = new double[16];
        v[5] = 1;
        boolean[] marked = new boolean[16];
        marked[10] = true;
        BufferedImage img = Charts.pixelMap(Frame.of("map", "under", "beside").size(500, 420), v, 4, 4, marked, "marked");
        int full = count(img, rgb -> near(rgb, Style.NEGATIVE, 2));
        assertTrue(full > 1500, "one cell of about 70 × 70 screen pixels in full blue, plus the top of the colour bar: " + full);
        assertTrue(count(img, rgb -> near(rgb, Style.series(1), 10)) > 200, "the marked cell's frame and the legend's square");
    }

    @Test
    void badPixelMapsAreRefused() {
        assertRefused(() -> Charts.pixelMap(FRAME, new double[5], 2, 2, null, null), "2 × 2");
        assertRefused(() -> Charts.pixelMap(FRAME, new double[] {0, 1.5, 0, 0}, 2, 2, null, null), "row 0, column 1");
        assertRefused(() -> Charts.pixelMap(FRAME, new double[4], 2, 2, new boolean[3], "m"), "3 marks");
        assertRefused(() -> Charts.pixelMap(FRAME, new double[4], 2, 2, new boolean[4], ""), "legend");
    }

    // ------------------------------------------------------------------------------- sweeps

    @Test
    void strengthsSpanningAFactorOfTenGoOnALogAxis() {
        assertTrue(SweepChart.logX(new double[] {0.001, 0.01}));
        assertFalse(SweepChart.logX(new double[] {0.2, 0.4, 0.8}));
        assertFalse(SweepChart.logX(new double[] {0, 0.1, 1}));
    }

    @Test
    void oneSweepPanelPerSweptMethodTwoToARow() {
        List<Dataset> p = Datasets.optdigits().head(150).split(3, 0.4, 0.3, 0.3);
        Cost ce = Cost.of(Loss.softmaxCrossEntropy(), Reduction.MEAN);
        java.util.function.LongFunction<Network> net = s -> Network.builder(64).dense(8, Activation.relu()).dense(10, Activation.softmax())
                .init(Init.he(), s).build();
        Experiment.Result r = Experiment.on(p.get(0), p.get(1), p.get(2)).seeds(1, 2).epochs(2).batchSize(20)
                .method("none", Experiment.setup(net, ce, Optimizer.sgd(0.2)))
                .sweep("L2", "λ₂", new double[] {0.01, 0.1}, l -> Experiment.setup(net, ce.with(Regularizer.l2(l)), Optimizer.sgd(0.2)))
                .sweep("L1", "λ₁", new double[] {0.01, 0.1}, l -> Experiment.setup(net, ce.with(Regularizer.l1(l)), Optimizer.sgd(0.2)))
                .sweep("stop", "patience", new double[] {1, 2}, k -> Experiment.setup(net, ce, Optimizer.sgd(0.2)).earlyStopping((int) k))
                .run();
        BufferedImage img = Charts.sweeps("sweeps", r, "none");
        assertEquals(2 * SweepChart.PANEL_WIDTH, img.getWidth());
        assertEquals(40 + 2 * SweepChart.PANEL_HEIGHT + 40, img.getHeight(), "three panels take two rows, with the title and legend bands");
        assertTrue(count(img, rgb -> near(rgb, Style.series(3), 10)) > 3 * 40, "a chosen marker in each panel and the legend");
        assertRefused(() -> Charts.sweeps("t", Experiment.on(p.get(0), p.get(1), p.get(2)).seeds(1, 2).epochs(1)
                .method("none", Experiment.setup(net, ce, Optimizer.sgd(0.2))).run(), "none"), "no sweeps");
    }
}
