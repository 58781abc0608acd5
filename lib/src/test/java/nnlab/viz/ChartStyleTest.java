package nnlab.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static nnlab.viz.VizAssert.assertRefused;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;

import nnlab.data.Dataset;
import nnlab.data.Datasets;
import nnlab.net.Activation;
import nnlab.net.Cost;
import nnlab.net.Init;
import nnlab.net.Loss;
import nnlab.net.Network;
import nnlab.net.Reduction;
import nnlab.train.History;
import nnlab.train.Optimizer;
import nnlab.train.Trainer;
import org.junit.jupiter.api.Test;

/** Chart style: one tick-label rule, a visible eighth colour, the caller's series order, epoch markers. */
class ChartStyleTest {

    private static final Frame SMALL = Frame.of("style", "x", "y").size(500, 300);


    /** How XChart prints a tick with the pattern the rule chose (it formats with the JVM's locale). */
    private static String label(String pattern, double v) {
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT)).format(v);
    }

    @Test
    void tickLabelsFollowOneRulePerAxis() {
        // a linear axis of small costs: plain, with the leading zero
        String costs = Style.tickPattern(0.01, 0.16, false);
        assertEquals("0.05", label(costs, 0.05));
        assertEquals("0.1", label(costs, 0.1));
        assertEquals("0.3", label(costs, 0.1 + 0.2), "float noise never reaches the label");
        // a log axis from 1e-5 to 1: every decade in scientific notation, 0.001 too
        String decades = Style.tickPattern(1e-5, 1, true);
        assertEquals("1E-03", label(decades, 0.001));
        assertEquals("1E-04", label(decades, 1e-4));
        assertEquals("1E00", label(decades, 1));
        // a log axis that stays at or above 0.001 is plain throughout
        String shallow = Style.tickPattern(0.002, 3, true);
        assertEquals("0.001", label(shallow, 0.001));
        assertEquals("10", label(shallow, 10));
        // tiny or huge linear axes are scientific
        assertEquals(Style.SCIENTIFIC, Style.tickPattern(0, 4e-4, false));
        assertEquals(Style.SCIENTIFIC, Style.tickPattern(0, 2e6, false));
        assertEquals(Style.PLAIN, Style.tickPattern(-3, 250_000, false));
        assertEquals("2.5E-05", label(Style.SCIENTIFIC, 2.5e-5));
    }

    @Test
    void logAxesLabelMoreThanOneTick() {
        assertTrue(!Style.decadesOnly(0.03, 0.6), "only 0.1 in range: label 0.03 … 0.6 at 2, 3, … too");
        assertTrue(!Style.decadesOnly(0.2, 0.9), "no power of ten in range");
        assertTrue(Style.decadesOnly(0.003, 0.9), "0.01 and 0.1 in range");
        assertTrue(Style.decadesOnly(0.01, 0.1), "both ends are powers of ten");
        assertTrue(Style.decadesOnly(1e-6, 10));
    }

    @Test
    void theEighthSeriesColourIsVisibleAndDistinct() {
        Color eighth = Style.series(7);
        assertTrue(Style.contrastOnWhite(eighth) >= 3, "contrast " + Style.contrastOnWhite(eighth));
        // the contrast formula against published values: black 21:1, white 1:1
        assertEquals(21, Style.contrastOnWhite(Color.BLACK), 1e-9);
        assertEquals(1, Style.contrastOnWhite(Color.WHITE), 1e-9);
        for (int k = 0; k < 7; k++) {
            Color c = Style.series(k);
            double d = Math.hypot(Math.hypot(c.getRed() - eighth.getRed(), c.getGreen() - eighth.getGreen()), c.getBlue() - eighth.getBlue());
            assertTrue(d > 80, "series 7 differs from series " + k + " (distance " + d + ")");
        }
        assertRefused(() -> Style.series(-1), "0 or more");
    }

    @Test
    void eightSeriesAreAllSolidAndTheLegendFits() {
        double[][] layers = new double[8][40];
        for (int l = 0; l < 8; l++) {
            for (int t = 0; t < 40; t++) {
                layers[l][t] = l + 1 + 0.1 * t;
            }
        }
        BufferedImage img = Charts.gradientNorms(Frame.of("eight", "step", "norm"), null, layers);
        // the olive line: many pixels close to the eighth colour
        Color olive = Style.series(7);
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                if (Math.abs(((rgb >> 16) & 0xFF) - olive.getRed()) < 12 && Math.abs(((rgb >> 8) & 0xFF) - olive.getGreen()) < 12
                        && Math.abs((rgb & 0xFF) - olive.getBlue()) < 12) {
                    n++;
                }
            }
        }
        assertTrue(n > 400, "a solid olive line of the eighth layer, got " + n + " pixels");
    }

    @Test
    void unorderedMapsAreRefusedNamingTheWayOut() {
        double[] a = {1, 2, 3};
        double[] b = {2, 3, 4};
        assertRefused(() -> Charts.line(SMALL, Map.of("a", a, "b", b)), "Charts.series");
        Map<String, double[]> hash = new HashMap<>();
        hash.put("a", a);
        hash.put("b", b);
        assertRefused(() -> Charts.line(SMALL, hash), "HashMap");
        assertRefused(() -> Charts.histogram(SMALL, 10, hash), "LinkedHashMap");
        assertRefused(() -> Charts.bars(SMALL, List.of("x", "y", "z"), hash), "no defined order");
        Map<String, DoubleUnaryOperator> fs = new HashMap<>();
        fs.put("sin", Math::sin);
        fs.put("cos", Math::cos);
        assertRefused(() -> Charts.functions(SMALL, 0, 1, fs), "no defined order");
        assertRefused(() -> Charts.bars(SMALL, Map.of("p", 1.0, "q", 2.0)), "no defined order");
        // ordered ones, and a single entry, are fine
        Charts.line(SMALL, Charts.series("a", a, "b", b));
        Charts.line(SMALL, new TreeMap<>(hash));
        Charts.line(SMALL, Map.of("a", a));
        Map<String, double[]> linked = new LinkedHashMap<>();
        linked.put("b", b);
        linked.put("a", a);
        Charts.line(SMALL, linked);
    }

    @Test
    void markersDrawTheBestAndTheStopEpoch() {
        Dataset.Split split = Datasets.optdigits().split(0.1, 0.1, 3);
        Network net = Network.builder(64).dense(20, Activation.sigmoid()).dense(10, Activation.softmax()).init(Init.xavier(), 2).build();
        History h = Trainer.builder(net, Cost.of(Loss.softmaxCrossEntropy(), Reduction.MEAN), Optimizer.sgd(2))
                .epochs(60).batchSize(10).seed(4).earlyStopping(4)
                .validation(split.validation().x(), split.validation().oneHot(), split.validation().labels())
                .build().fit(split.train().x(), split.train().oneHot(), split.train().labels());
        double[] validation = h.series(History.VALIDATION_LOSS);
        int lowest = 0;
        for (int r = 1; r < validation.length; r++) {
            if (validation[r] < validation[lowest]) {
                lowest = r;
            }
        }
        List<Marker> marks = Marker.earlyStopping(h);
        assertEquals("best epoch " + (long) h.series(History.EPOCH)[lowest], marks.get(0).label());
        assertEquals(Style.GREEN, marks.get(0).color());
        if (marks.size() > 1) {
            assertEquals((long) h.last(History.EPOCH), (long) marks.get(1).x());
            assertEquals(Style.VERMILLION, marks.get(1).color());
        }
        Frame frame = Frame.of("early stopping", "epoch", "loss").size(600, 360);
        BufferedImage img = Charts.history(frame, h, marks, History.TRAIN_LOSS, History.VALIDATION_LOSS);
        int green = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                if (Math.abs(((rgb >> 16) & 0xFF) - Style.GREEN.getRed()) < 10 && Math.abs(((rgb >> 8) & 0xFF) - Style.GREEN.getGreen()) < 10
                        && Math.abs((rgb & 0xFF) - Style.GREEN.getBlue()) < 10) {
                    green++;
                }
            }
        }
        assertTrue(green > 100, "a green dashed line at the best epoch, got " + green + " pixels");
        double[] x = {1, 2, 3};
        assertRefused(() -> Charts.line(SMALL, x, Charts.series("a", x), List.of(Marker.at(7, "late"))), "outside the data's x range");
        assertRefused(() -> Marker.at(Double.NaN, "x"), "finite x");
    }

    @Test
    void aFixedYRangeZoomsAndIsChecked() {
        Frame zoom = Frame.of("z", "x", "y").yRange(0.5, 0.7);
        assertTrue(zoom.hasYRange());
        assertEquals(0.5, zoom.logY().size(300, 200).title("t").yMin());
        assertRefused(() -> Frame.of("z", "x", "y").yRange(1, 1), "lo < hi");
        assertRefused(() -> Frame.of("z", "x", "y").logY().yRange(0, 1), "positive on a log axis");
        assertTrue(!Frame.of("z", "x", "y").hasYRange());
        Charts.line(zoom.size(300, 200), Charts.series("a", new double[] {0.4, 0.6, 0.9}));
    }
}
