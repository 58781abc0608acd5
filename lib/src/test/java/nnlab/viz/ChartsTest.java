package nnlab.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static nnlab.viz.VizAssert.assertRefused;
import static nnlab.viz.VizAssert.near;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

import javax.imageio.ImageIO;

import nnlab.data.Datasets;
import nnlab.net.Activation;
import nnlab.net.Init;
import nnlab.net.Network;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    @TempDir
    Path tmp;

    private static final Frame SMALL = Frame.of("test chart", "x", "y").size(500, 300);

    private static Map<String, double[]> series(Object... nameThenValues) {
        return Charts.series(nameThenValues);
    }

    /** Pixels matching a test, over the whole image. */
    static int count(BufferedImage img, IntPredicate rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (rgb.test(img.getRGB(x, y) & 0xFFFFFF)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static void assertDrawn(BufferedImage img, int width, int height) {
        assertNotNull(img);
        assertEquals(width, img.getWidth(), "width");
        assertEquals(height, img.getHeight(), "height");
        int background = img.getRGB(0, 0) & 0xFFFFFF;
        int drawn = count(img, rgb -> rgb != background);
        assertTrue(drawn > width * height / 100, "only " + drawn + " pixels differ from the background");
    }



    // ------------------------------------------------------------------------- sizes and content

    @Test
    void everyXChartMethodDrawsAtTheRequestedSize() {
        Map<String, double[]> two = series("a", new double[] {3, 2, 1.5, 1}, "b", new double[] {4, 1, 0.5, 0.2});
        assertDrawn(Charts.line("t", "epoch", "cost", two), Frame.WIDTH, Frame.HEIGHT);
        assertDrawn(Charts.line(SMALL.logY(), two), 500, 300);
        assertDrawn(Charts.line(SMALL, new double[] {0, 10, 20, 30}, two), 500, 300);
        assertDrawn(Charts.gradientNorms(new double[][] {{1e-4, 2e-4}, {1e-1, 3e-1}}), Frame.WIDTH, Frame.HEIGHT);
        assertDrawn(Charts.gradientNorms(SMALL.logY(), new double[] {100, 200}, new double[][] {{1e-4, 2e-4}}), 500, 300);
        assertDrawn(Charts.histogram("h", "w", series("x", new double[] {0, 0.1, 0.1, 0.5, 2})), Frame.WIDTH, Frame.HEIGHT);
        assertDrawn(Charts.histogram(SMALL.logY(), 10, series("x", new double[] {0, 1, 1, 1, 5}, "y", new double[] {2})), 500, 300);
        assertDrawn(Charts.bars(SMALL, Map.of("one", 0.3)), 500, 300);
        assertDrawn(Charts.bars(SMALL, List.of("0", "1"), series("out", new double[] {0.2, 0.7}, "target", new double[] {0, 1})), 500, 300);
        assertDrawn(Charts.logLog(SMALL, new double[] {10, 100}, series("n", new double[] {21, 201})), 500, 300);
        assertDrawn(Charts.functions(SMALL, -1, 1, Map.of("square", z -> z * z)), 500, 300);
    }

    @Test
    void seriesKeepTheirOrderAndRefuseBadPairs() {
        assertEquals(List.of("c", "a", "b"), List.copyOf(Charts.series("c", new double[] {1}, "a", new double[] {2}, "b", new double[] {3}).keySet()));
        assertRefused(() -> Charts.series("a", new double[] {1}, "b"), "pairs");
        assertRefused(() -> Charts.series("a", new int[] {1}), "double[]");
        assertRefused(() -> Charts.series("a", new double[] {1}, "a", new double[] {2}), "twice");
    }

    @Test
    void histogramOverARangeCountsWhatFallsOutside() {
        Map<String, double[]> clipped = Charts.clip(series("w", new double[] {-2, -0.5, 0, 0.5, 3, 4}, "v", new double[] {0.1}), -1, 1);
        assertEquals(List.of("w (3 outside)", "v"), List.copyOf(clipped.keySet()));
        assertEquals(3, clipped.get("w (3 outside)").length);
        assertDrawn(Charts.histogram(SMALL.logY(), 20, -1, 1, series("w", new double[] {-2, -0.5, 0, 0.5})), 500, 300);
        assertRefused(() -> Charts.histogram(SMALL, 20, 1, -1, series("w", new double[] {0})), "lo < hi");
        assertDrawn(Charts.line("t", "epoch", "loss", new double[] {0, 1, 2}, series("a", new double[] {3, 2, 1})), Frame.WIDTH, Frame.HEIGHT);
    }

    @Test
    void activationPanelsFillTheFrame() {
        assertDrawn(Charts.activations(Charts.curve("sigmoid", z -> 1 / (1 + Math.exp(-z)), z -> 0.25)), 960, 420);
        assertDrawn(Charts.activations(Activation.sigmoid(), Activation.relu()), 960, 420);
        assertDrawn(Charts.activations(Frame.of("g", "z", "").size(600, 300), -2, 2,
                Charts.curve("id", z -> z, z -> 1)), 600, 300);
        assertRefused(() -> Charts.activations(Activation.softmax()), "not an element-wise");
        assertRefused(() -> Charts.activations(Charts.curve("log", Math::log, z -> 1 / z)), "function 'log' gives NaN at z = -6");
    }

    @Test
    void heatMapColoursFollowTheSignAroundZero() {
        BufferedImage signed = Charts.heatmap(SMALL, new DMatrixRMaj(new double[][] {{1, -1}, {0, 0.5}}));
        assertDrawn(signed, 500, 300);
        int red = count(signed, rgb -> near(rgb, Style.POSITIVE, 2));
        int blue = count(signed, rgb -> near(rgb, Style.NEGATIVE, 2));
        assertTrue(red > 5000, "the +1 cell (a quarter of the plot) is full red, found " + red);
        assertTrue(blue > 5000, "the -1 cell is full blue, found " + blue);
        BufferedImage zeros = Charts.heatmap(SMALL, new DMatrixRMaj(3, 4));
        assertEquals(0, count(zeros, rgb -> near(rgb, Style.POSITIVE, 2)), "zero is drawn white, not red");
        assertDrawn(Charts.heatmap(SMALL, new double[] {0, 1, 2, 3, 4, 5}, 3, 2), 500, 300);
        assertDrawn(Charts.heatmap(SMALL, new DMatrixRMaj(100, 784)), 500, 300);
    }

    @Test
    void divergingScaleEndsAndCentre() {
        assertEquals(Style.ZERO, Style.diverging(0, 2));
        assertEquals(Style.POSITIVE, Style.diverging(2, 2));
        assertEquals(Style.NEGATIVE, Style.diverging(-2, 2));
        assertEquals(Style.POSITIVE, Style.diverging(5, 2), "values beyond the limit saturate");
        Color half = Style.diverging(1, 2);
        assertEquals((Style.ZERO.getRed() + Style.POSITIVE.getRed()) / 2.0, half.getRed(), 0.5 + 1e-9);
    }

    @Test
    void digitGridShowsInkAsBlackBlocks() {
        DMatrixRMaj images = new DMatrixRMaj(3, 16);
        java.util.Arrays.fill(images.data, 0, 16, 1.0);   // image 0 all ink
        BufferedImage img = Charts.digits("three images", images, 4, 4, 2, List.of("a", "b", "c"));
        int black = count(img, rgb -> rgb == 0);
        int scale = 84 / 4;
        assertEquals(4 * scale * 4 * scale, black, "one fully inked 4×4 image, each pixel a " + scale + "² block");
        BufferedImage mnist = Charts.digits(Datasets.mnist(10), 10, 5);
        assertTrue(mnist.getWidth() >= 5 * 84 && mnist.getHeight() >= 2 * 84, "5 × 2 images of 84 px");
        int[] predicted = Datasets.mnist(4).labels();
        predicted[0] = (predicted[0] + 1) % 10;
        BufferedImage marked = Charts.digits(Datasets.mnist(4), predicted, 4, 4);
        assertTrue(count(marked, rgb -> near(rgb, Style.series(3), 40)) > 10, "the wrong prediction is captioned in vermillion");
    }

    @Test
    void weightImagesShareOneSignedScale() {
        DMatrixRMaj w = new DMatrixRMaj(new double[][] {{2, 2, 2, 2}, {-1, -1, -1, -1}});
        BufferedImage img = Charts.weightImages("two units", w, 2, 2, 2);
        int block = (84 / 2) * (84 / 2) * 4;
        // unit 0 holds the largest |w| and is full red; unit 1 (-1 = half the limit) is half-way blue, not full blue
        assertTrue(count(img, rgb -> near(rgb, Style.POSITIVE, 1)) >= block, "unit 0 full red");
        Color halfBlue = Style.diverging(-1, 2);
        assertTrue(count(img, rgb -> near(rgb, halfBlue, 1)) >= block, "unit 1 at half strength");
        assertRefused(() -> Charts.weightImages("w", new DMatrixRMaj(new double[][] {{Double.NaN}}), 1, 1, 1), "pixel 0 is NaN");
    }

    @Test
    void networkDiagramsColourEdgesBySign() {
        IntPredicate orange = rgb -> ((rgb >> 16) & 0xFF) > (rgb & 0xFF) + 80;
        IntPredicate blue = rgb -> (rgb & 0xFF) > ((rgb >> 16) & 0xFF) + 80;
        DMatrixRMaj positive = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}});
        DMatrixRMaj negative = new DMatrixRMaj(new double[][] {{-1, -2}, {-3, -4}});
        BufferedImage pos = NetworkDiagram.of(2, 2, 2).weights(List.of(positive, positive)).image();
        BufferedImage neg = NetworkDiagram.of(2, 2, 2).weights(List.of(negative, negative)).image();
        assertDrawn(pos, Frame.WIDTH, Frame.HEIGHT);
        // the legend shows one short sample line of each colour; edges add thousands of pixels
        assertTrue(count(pos, orange) > 10 * count(pos, blue), "positive weights are orange");
        assertTrue(count(neg, blue) > 10 * count(neg, orange), "negative weights are blue");
        assertDrawn(Charts.network(5, 2, 4, 3, 3, 1), Frame.WIDTH, Frame.HEIGHT);
        assertDrawn(NetworkDiagram.of(784, 100, 10).size(900, 500).image(), 900, 500);
        Network net = Network.builder(2).dense(2, Activation.sigmoid()).dense(1, Activation.sigmoid())
                .init(Init.uniform(1), 5).build();
        assertDrawn(NetworkDiagram.of(net).activations(net.forward(new DMatrixRMaj(new double[][] {{1, 0}})), 0).image(),
                Frame.WIDTH, Frame.HEIGHT);
        assertDrawn(Charts.network(net), Frame.WIDTH, Frame.HEIGHT);
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}});
        nnlab.net.Gradients g = nnlab.net.Backprop.vectorized(net, nnlab.net.Loss.quadratic(),
                nnlab.net.Reduction.MEAN, x, new DMatrixRMaj(new double[][] {{1}, {0}}));
        assertDrawn(NetworkDiagram.of(net).deltas(g, 1).image(), Frame.WIDTH, Frame.HEIGHT);
        assertRefused(() -> NetworkDiagram.of(net).deltas(g, 2), "example 2 is outside the batch of 2");
        assertDrawn(Charts.weights(net, 1), Frame.WIDTH, Frame.HEIGHT);
    }

    @Test
    void trainingHistoriesChartWithoutTheUntrainedRow() {
        Network net = Network.builder(2).dense(3, Activation.sigmoid()).dense(1, Activation.sigmoid())
                .init(Init.uniform(1), 9).build();
        nnlab.data.Dataset xor = Datasets.xor();
        nnlab.train.History h = nnlab.train.Trainer.builder(net,
                        nnlab.net.Cost.of(nnlab.net.Loss.crossEntropy(), nnlab.net.Reduction.MEAN),
                        nnlab.train.Optimizer.sgd(0.5))
                .epochs(5).batchSize(4).seed(1).build()
                .fit(xor.x(), xor.labelColumn(), xor.labels());
        // row 0 of "batch loss" and of the per-layer metrics is NaN: the charts must start at row 1, not refuse
        assertTrue(Double.isNaN(h.series(nnlab.train.History.BATCH_LOSS)[0]), "premise: row 0 has no batch loss");
        assertDrawn(Charts.history(h), Frame.WIDTH, Frame.HEIGHT);
        assertDrawn(Charts.gradientNorms(h), Frame.WIDTH, Frame.HEIGHT);
        assertDrawn(Charts.history(SMALL, h, nnlab.train.History.BATCH_LOSS, nnlab.train.History.TRAIN_LOSS), 500, 300);
        assertRefused(() -> Charts.history(SMALL, h), "name at least one column");
        assertRefused(() -> Charts.history(SMALL, h, "validation loss"), "no column");
    }

    // ------------------------------------------------------------------------------- bad input

    @Test
    void badSeriesAreRefusedNamingSeriesAndIndex() {
        assertRefused(() -> Charts.line(SMALL, Map.of()), "no series");
        assertRefused(() -> Charts.line(SMALL, series("cost", new double[0])), "series 'cost' is empty");
        assertRefused(() -> Charts.line(SMALL, series("cost", new double[] {1, Double.NaN})), "series 'cost' has NaN at index 1");
        assertRefused(() -> Charts.line(SMALL.logY(), series("cost", new double[] {1, 0})), "series 'cost' has 0.0 at index 1, which a log axis");
        assertRefused(() -> Charts.line(SMALL, new double[] {1, 2, 3}, series("a", new double[] {1, 2})), "'a' has 2 values but there are 3 x values");
        assertRefused(() -> Charts.logLog(SMALL, new double[] {0, 1}, series("a", new double[] {1, 2})), "x values has 0.0 at index 0");
        assertRefused(() -> Charts.gradientNorms(new double[][] {{1, -1}}), "series 'layer 1' has -1.0 at index 1");
        assertRefused(() -> Charts.histogram(SMALL, 0, series("w", new double[] {1})), "bins must be");
        assertRefused(() -> Charts.histogram("h", "w", series("w", new double[] {Double.POSITIVE_INFINITY})), "Infinity at index 0");
        assertRefused(() -> Charts.bars(SMALL, List.of("a", "b"), series("s", new double[] {1})), "has 1 values but there are 2");
        assertRefused(() -> Charts.functions(SMALL, 1, -1, Map.of("f", z -> z)), "from < to");
    }

    @Test
    void badImagesAndMatricesAreRefused() {
        assertRefused(() -> Charts.digits("d", new DMatrixRMaj(1, 10), 3, 3, 1, null), "image size is 3 × 3 = 9");
        assertRefused(() -> Charts.digits("d", new DMatrixRMaj(new double[][] {{0, 2}}), 2, 1, 1, null), "pixel 1 is 2.0");
        assertRefused(() -> Charts.digits("d", new DMatrixRMaj(2, 4), 2, 2, 1, List.of("one")), "1 captions for 2 images");
        assertRefused(() -> Charts.digits(Datasets.xor(), 2, 2), "not an image data set");
        assertRefused(() -> Charts.heatmap(SMALL, new DMatrixRMaj(new double[][] {{1, Double.NaN}})), "entry (0, 1) is NaN");
        assertRefused(() -> Charts.heatmap(SMALL, new double[] {1, 2, 3}, 2, 2), "cannot reshape 3 values into 2 × 2");
        assertRefused(() -> NetworkDiagram.of(2, 2).weights(List.of(new DMatrixRMaj(2, 3))), "W(1) must be (2 × 2) but is (2 × 3)");
        assertRefused(() -> NetworkDiagram.of(2, 2).values(List.of(new double[] {1, 2})), "expected 2 arrays");
        assertRefused(() -> NetworkDiagram.of(2, 0), "layer 1 has 0 nodes");
        assertRefused(() -> Frame.of("t", "x", "y").size(20, 20), "picture size 20 × 20");
    }

    // ----------------------------------------------------------------------------------- files

    @Test
    void saveWritesAPngThatReadsBack() throws Exception {
        BufferedImage img = Charts.line("t", "x", "y", series("a", new double[] {1, 2, 3}));
        Path file = Charts.save(img, tmp.resolve("sub/dir/chart.png"));
        assertTrue(Files.size(file) > 1000);
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(file), 8);
        assertEquals(0x89, head[0] & 0xFF);
        assertEquals("PNG", new String(head, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
        BufferedImage back = ImageIO.read(file.toFile());
        assertEquals(img.getWidth(), back.getWidth());
        assertEquals(img.getRGB(100, 100) & 0xFFFFFF, back.getRGB(100, 100) & 0xFFFFFF);
    }

    @Test
    void histogramBinsAgreeWithADirectCount() {
        double[] values = {-1, -0.99, -0.5, 0, 0.2, 0.25, 0.999, 1};
        int bins = 4;   // [-1,-0.5) [-0.5,0) [0,0.5) [0.5,1]
        int[] counts = Histogram.counts(values, -1, 1, bins);
        int[] expected = new int[bins];
        for (double v : values) {
            if (v < -0.5) {
                expected[0]++;
            } else if (v < 0) {
                expected[1]++;
            } else if (v < 0.5) {
                expected[2]++;
            } else {
                expected[3]++;
            }
        }
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(counts));
        double[][] outline = Histogram.outline(counts, -1, 1, 0.5);
        assertEquals(2 * bins + 2, outline[0].length);
        assertEquals(-1, outline[0][0]);
        assertEquals(1, outline[0][outline[0].length - 1]);
        assertEquals(0.5, outline[1][0], 0, "starts at the floor");
        assertEquals(expected[0], outline[1][1], 0);
    }
}
