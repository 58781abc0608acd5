package nnlab.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

import javax.imageio.ImageIO;

import nnlab.data.Dataset;
import nnlab.net.Activation;
import nnlab.net.Network;
import nnlab.train.History;
import org.ejml.data.DMatrixRMaj;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One call per chart. Every method returns a {@link BufferedImage} (Java notebook kernels show it inline
 * as PNG) with a title, axis labels and a legend; {@link #save} writes any of them to a PNG file.
 *
 * <p>Size and y scale come from a {@link Frame} ({@code Frame.of(title, x, y).logY().size(w, h)}); the
 * short forms use {@value Frame#WIDTH} × {@value Frame#HEIGHT} pixels. Series are given as an ordered map
 * from legend name to values ({@link #series}, a {@code LinkedHashMap}, or {@code Map.of} for one series;
 * unordered maps with several entries are refused), drawn in map order
 * with the colour-blind-safe Okabe–Ito colours.
 *
 * <p>Input rules: no empty series, no NaN or infinite values, x and y of equal length; on a log axis every
 * value must be positive. Violations throw {@link IllegalArgumentException} naming the series and index;
 * nothing is dropped silently.
 */
public final class Charts {
    private Charts() {}

    /** Default number of histogram bins. */
    public static final int BINS = 40;
    /** The range over which {@link #activations} plots by default: [-6, 6]. */
    public static final double ACTIVATION_RANGE = 6;
    private static final int CURVE_POINTS = 241;
    /** An irrational fraction of the x range: never on a grid of equally spaced x values. */
    static final double OFF_GRID = (3 - Math.sqrt(5)) / 2;

    // --------------------------------------------------------------------------------- line charts

    /**
     * Named series in the order given, for any chart that takes several: {@code series("train", a, "test", b)}.
     * Chart methods refuse {@code Map.of} and {@code HashMap} with several entries: their order (and so
     * legend order and colours) is not defined.
     */
    public static Map<String, double[]> series(Object... namesAndValues) {
        if (namesAndValues.length == 0 || namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("series: give pairs of a name and a double[] (e.g. series(\"train\", a, \"test\", b)), got "
                    + namesAndValues.length + " arguments");
        }
        Map<String, double[]> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!(namesAndValues[i] instanceof String name) || !(namesAndValues[i + 1] instanceof double[] values)) {
                throw new IllegalArgumentException("series: argument " + i + " must be a name (String) and argument " + (i + 1)
                        + " its values (double[])");
            }
            if (m.put(name, values) != null) {
                throw new IllegalArgumentException("series: the name '" + name + "' appears twice");
            }
        }
        return m;
    }

    /** Line chart of named series against shared x values (e.g. epochs 0, 1, 2, …), default size, linear y. */
    public static BufferedImage line(String title, String xLabel, String yLabel, double[] x, Map<String, double[]> series) {
        return line(Frame.of(title, xLabel, yLabel), x, series);
    }

    /** Line chart of named series against 1, 2, 3, … (e.g. cost per epoch), default size, linear y. */
    public static BufferedImage line(String title, String xLabel, String yLabel, Map<String, double[]> series) {
        return line(Frame.of(title, xLabel, yLabel), series);
    }

    /** Line chart of named series against 1, 2, 3, …; series may differ in length. */
    public static BufferedImage line(Frame frame, Map<String, double[]> series) {
        return line(frame, series, List.of());
    }

    /** Line chart of named series against 1, 2, 3, … with vertical {@link Marker}s (e.g. the best epoch). */
    public static BufferedImage line(Frame frame, Map<String, double[]> series, List<Marker> markers) {
        Inputs.requireSeries(series, frame.title(), frame.isLogY());
        XYChart chart = xyChart(frame);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            addLine(chart, e.getKey(), countingFrom1(e.getValue().length), e.getValue());
        }
        addMarkers(chart, markers);
        return render(chart);
    }

    /** Line chart of named series against shared x values (e.g. step numbers); each series as long as x. */
    public static BufferedImage line(Frame frame, double[] x, Map<String, double[]> series) {
        return line(frame, x, series, List.of());
    }

    /** Line chart against shared x values with vertical {@link Marker}s, e.g. {@code Marker.earlyStopping(history)}. */
    public static BufferedImage line(Frame frame, double[] x, Map<String, double[]> series, List<Marker> markers) {
        Inputs.requireValues(x, frame.title() + ": x values", false);
        Inputs.requireSeries(series, frame.title(), frame.isLogY());
        Inputs.requireLength(series, x.length, frame.title());
        XYChart chart = xyChart(frame);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            addLine(chart, e.getKey(), x, e.getValue());
        }
        addMarkers(chart, markers);
        return render(chart);
    }

    /**
     * Gradient magnitude of each layer over training on a log axis, one series per layer named "layer 1",
     * "layer 2", … ({@code perLayer[l-1][t]} is layer l's magnitude, e.g. the norm of dW, at record t).
     * Vanishing gradients show as the lower layers' lines sitting decades below the upper ones.
     */
    public static BufferedImage gradientNorms(double[][] perLayer) {
        return gradientNorms(Frame.of("Gradient magnitude per layer", "step", "‖dW‖ (log scale)").logY(), null, perLayer);
    }

    /**
     * Like {@link #gradientNorms(double[][])} with a frame and x values (pass null for 1, 2, 3, …). The y
     * scale is the frame's; {@code Frame.of(...)} is linear, so call {@code .logY()} for the usual picture.
     */
    public static BufferedImage gradientNorms(Frame frame, double[] steps, double[][] perLayer) {
        if (perLayer == null || perLayer.length == 0) {
            throw new IllegalArgumentException("gradientNorms: no layers given; pass one array of magnitudes per layer");
        }
        Map<String, double[]> series = new LinkedHashMap<>();
        for (int l = 1; l <= perLayer.length; l++) {
            series.put("layer " + l, perLayer[l - 1]);
        }
        return steps == null ? line(frame, series) : line(frame, steps, series);
    }

    /**
     * The cost during training from a trainer's {@link History}: train loss and, when recorded, validation
     * loss against the epoch. The y axis is logarithmic when every value is positive and they span more
     * than a factor of 30, linear otherwise.
     */
    public static BufferedImage history(History h) {
        List<String> columns = new ArrayList<>(List.of(History.TRAIN_LOSS));
        if (h.has(History.VALIDATION_LOSS)) {
            columns.add(History.VALIDATION_LOSS);
        }
        Map<String, double[]> series = historySeries(h, columns);
        Frame frame = Frame.of("Cost during training", History.EPOCH, "cost J");
        return history(spansDecades(series) ? frame.logY().withYLabel("cost J (log scale)") : frame, h, columns.toArray(String[]::new));
    }

    /**
     * Chosen columns of a trainer's {@link History} against the epoch (e.g. "train accuracy",
     * "validation accuracy"). Row 0 is the untrained network: columns that have no value there (batch
     * loss and the per-layer metrics, NaN in row 0) start at row 1, and then so do all columns of the
     * chart. Any other NaN is refused.
     */
    public static BufferedImage history(Frame frame, History h, String... columns) {
        return history(frame, h, List.of(), columns);
    }

    /** Chosen columns of a history with vertical {@link Marker}s, e.g. {@code Marker.earlyStopping(h)}. */
    public static BufferedImage history(Frame frame, History h, List<Marker> markers, String... columns) {
        if (columns == null || columns.length == 0) {
            throw new IllegalArgumentException("history: name at least one column, e.g. History.TRAIN_LOSS; this history has "
                    + h.columnNames());
        }
        Map<String, double[]> series = historySeries(h, List.of(columns));
        double[] epochs = h.series(History.EPOCH);
        int from = epochs.length - series.values().iterator().next().length;
        return line(frame, Arrays.copyOfRange(epochs, from, epochs.length), series, markers);
    }

    /**
     * Per-layer gradient magnitude ‖dW(l)‖ from a trainer's {@link History}, one series per layer on a log
     * axis against the optimizer step (from row 1: no step was taken before row 0).
     */
    public static BufferedImage gradientNorms(History h) {
        double[] steps = h.series(History.STEP);
        double[][] perLayer = new double[h.layers()][];
        for (int l = 1; l <= h.layers(); l++) {
            perLayer[l - 1] = h.layerSeries(History.GRAD_NORM, l);
        }
        double[][] trained = withoutUntrainedRow(perLayer);
        return gradientNorms(Frame.of("Gradient magnitude per layer", History.STEP, "‖dW‖ (log scale)").logY(),
                Arrays.copyOfRange(steps, steps.length - trained[0].length, steps.length), trained);
    }

    /** The named columns, all starting at row 1 when any of them is NaN in row 0 (the untrained network). */
    private static Map<String, double[]> historySeries(History h, List<String> columns) {
        double[][] values = new double[columns.size()][];
        for (int k = 0; k < values.length; k++) {
            values[k] = h.series(columns.get(k));
        }
        double[][] kept = withoutUntrainedRow(values);
        Map<String, double[]> series = new LinkedHashMap<>();
        for (int k = 0; k < values.length; k++) {
            series.put(columns.get(k), kept[k]);
        }
        return series;
    }

    private static double[][] withoutUntrainedRow(double[][] columns) {
        boolean drop = false;
        for (double[] c : columns) {
            drop |= c.length > 1 && Double.isNaN(c[0]);
        }
        double[][] out = new double[columns.length][];
        for (int k = 0; k < columns.length; k++) {
            out[k] = drop ? Arrays.copyOfRange(columns[k], 1, columns[k].length) : columns[k];
        }
        return out;
    }

    /** Whether all values are positive and the largest is more than 30 times the smallest. */
    private static boolean spansDecades(Map<String, double[]> series) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double[] s : series.values()) {
            for (double v : s) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return lo > 0 && hi / lo > 30;
    }

    /** A function and its derivative under one name, for {@link #activations}. */
    public record Curve(String name, DoubleUnaryOperator f, DoubleUnaryOperator df) {
        public Curve {
            if (name == null || name.isBlank() || f == null || df == null) {
                throw new IllegalArgumentException("a curve needs a name, a function and its derivative (none null)");
            }
        }
    }

    /** Shorthand for {@code new Curve(name, f, df)}. */
    public static Curve curve(String name, DoubleUnaryOperator f, DoubleUnaryOperator df) {
        return new Curve(name, f, df);
    }

    /**
     * The library's element-wise activations (e.g. {@code Activation.sigmoid(), Activation.relu()}) and
     * their derivatives on [-6, 6], named as the activations name themselves. Softmax and maxout are not
     * functions of one number and are refused.
     */
    public static BufferedImage activations(Activation... gs) {
        if (gs == null || gs.length == 0) {
            throw new IllegalArgumentException("activations: none given; pass e.g. Activation.sigmoid(), Activation.tanh()");
        }
        Curve[] curves = new Curve[gs.length];
        for (int k = 0; k < gs.length; k++) {
            if (!(gs[k] instanceof Activation.Elementwise e)) {
                throw new IllegalArgumentException(String.format(
                        "activations: %s is not an element-wise function of one number; plot sigmoid, tanh, ReLU, ...",
                        gs[k] == null ? "null" : gs[k].name()));
            }
            curves[k] = curve(e.name(), e::value, e::derivative);
        }
        return activations(curves);
    }

    /** Activation functions (left panel) and their derivatives (right panel) on [-6, 6]. */
    public static BufferedImage activations(Curve... curves) {
        return activations(Frame.of("Activation functions and their derivatives", "z", "").size(960, 420),
                -ACTIVATION_RANGE, ACTIVATION_RANGE, curves);
    }

    /**
     * Activation functions g(z) in the left panel and derivatives g′(z) in the right panel, sampled at 241
     * points of [from, to]. The frame gives the overall title and size; the panels are titled "g(z)" and
     * "g′(z)". A curve that gives NaN or ±∞ anywhere in the range is refused, naming the curve and z.
     */
    public static BufferedImage activations(Frame frame, double from, double to, Curve... curves) {
        if (curves == null || curves.length == 0) {
            throw new IllegalArgumentException("activations: no curves given; pass curve(name, f, df) for each function");
        }
        Map<String, DoubleUnaryOperator> fs = new LinkedHashMap<>();
        Map<String, DoubleUnaryOperator> dfs = new LinkedHashMap<>();
        for (Curve c : curves) {
            fs.put(c.name(), c.f());
            dfs.put(c.name(), c.df());
        }
        int panelWidth = frame.width() / 2;
        int panelHeight = frame.height() - 34;
        BufferedImage left = functions(new Frame("g(z)", frame.xLabel(), "g(z)", panelWidth, panelHeight, frame.yScale()), from, to, fs);
        BufferedImage right = functions(new Frame("g′(z)", frame.xLabel(), "g′(z)", panelWidth, panelHeight, frame.yScale()), from, to, dfs);
        BufferedImage out = Raster.canvas(frame.width(), frame.height());
        Graphics2D g = Raster.graphics(out);
        Raster.title(g, frame.title(), frame.width(), 24);
        g.drawImage(left, 0, 34, null);
        g.drawImage(right, panelWidth, 34, null);
        g.dispose();
        return out;
    }

    /** Named functions of one variable sampled at 241 points of [from, to], one line each. */
    public static BufferedImage functions(Frame frame, double from, double to, Map<String, DoubleUnaryOperator> functions) {
        if (!(from < to) || !Double.isFinite(from) || !Double.isFinite(to)) {
            throw new IllegalArgumentException(String.format(
                    "%s: range [%s, %s] is not a finite interval with from < to", frame.title(), from, to));
        }
        if (functions == null || functions.isEmpty()) {
            throw new IllegalArgumentException(frame.title() + ": no functions given");
        }
        Inputs.requireOrdered(functions, frame.title());
        double[] z = new double[CURVE_POINTS];
        for (int i = 0; i < z.length; i++) {
            z[i] = from + (to - from) * i / (z.length - 1);
        }
        Map<String, double[]> series = new LinkedHashMap<>();
        for (Map.Entry<String, DoubleUnaryOperator> e : functions.entrySet()) {
            double[] y = new double[z.length];
            for (int i = 0; i < z.length; i++) {
                y[i] = e.getValue().applyAsDouble(z[i]);
                if (!Double.isFinite(y[i])) {
                    throw new IllegalArgumentException(String.format(
                            "%s: function '%s' gives %s at z = %s; plot a range where it is finite",
                            frame.title(), e.getKey(), y[i], z[i]));
                }
            }
            series.put(e.getKey(), y);
        }
        return line(frame, z, series);
    }

    // ---------------------------------------------------------------------------------- histograms

    /** Overlaid histograms of several samples (e.g. weights without / with L1 / with L2), 40 shared bins. */
    public static BufferedImage histogram(String title, String xLabel, Map<String, double[]> samples) {
        return histogram(Frame.of(title, xLabel, "count"), BINS, samples);
    }

    /**
     * Overlaid histograms with {@code bins} equal-width bins shared by all samples, spanning the smallest to
     * the largest value of any sample; each sample is drawn as its outline so all stay visible. With
     * {@code frame.logY()} the counts are on a log axis: empty bins are drawn at 0.5, the bottom of that
     * axis, so every outline stays closed.
     */
    public static BufferedImage histogram(Frame frame, int bins, Map<String, double[]> samples) {
        Inputs.requireSeries(samples, frame.title(), false);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] s : samples.values()) {
            for (double v : s) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return lo == hi ? histogram(frame, bins, lo - 0.5, hi + 0.5, samples) : histogram(frame, bins, lo, hi, samples);
    }

    /**
     * Overlaid histograms over an explicit range [lo, hi], so a few outliers do not squeeze the bulk into
     * one bin. Values outside the range are not drawn; how many there were is added to the series' legend
     * name, e.g. "L2 (12 outside)".
     */
    public static BufferedImage histogram(Frame frame, int bins, double lo, double hi, Map<String, double[]> samples) {
        Inputs.requireSeries(samples, frame.title(), false);
        if (!(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException(frame.title() + ": the range needs finite lo < hi, got [" + lo + ", " + hi + "]");
        }
        if (bins < 1 || bins > 10_000) {
            throw new IllegalArgumentException(frame.title() + ": bins must be 1..10000, got " + bins);
        }
        Map<String, double[]> inside = clip(samples, lo, hi);
        double floor = frame.isLogY() ? 0.5 : 0;
        XYChart chart = xyChart(frame);
        if (frame.isLogY()) {
            chart.getStyler().setYAxisMin(floor);
        }
        for (Map.Entry<String, double[]> e : inside.entrySet()) {
            double[][] outline = Histogram.outline(Histogram.counts(e.getValue(), lo, hi, bins), lo, hi, floor);
            addLine(chart, e.getKey(), outline[0], outline[1]);
        }
        return render(chart);
    }

    /** The values of each sample within [lo, hi], renamed "name (k outside)" when k values were left out. */
    static Map<String, double[]> clip(Map<String, double[]> samples, double lo, double hi) {
        Map<String, double[]> inside = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : samples.entrySet()) {
            double[] kept = Arrays.stream(e.getValue()).filter(v -> v >= lo && v <= hi).toArray();
            int outside = e.getValue().length - kept.length;
            inside.put(outside == 0 ? e.getKey() : e.getKey() + " (" + outside + " outside)", kept);
        }
        return inside;
    }

    // -------------------------------------------------------------------------------- bar charts

    /** Bar chart of named values (e.g. the ten output activations for one example). */
    public static BufferedImage bars(Frame frame, Map<String, Double> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException(frame.title() + ": no values given");
        }
        Inputs.requireOrdered(values, frame.title());
        double[] v = values.values().stream().mapToDouble(d -> {
            if (d == null) {
                throw new IllegalArgumentException(frame.title() + ": a value is null");
            }
            return d;
        }).toArray();
        return bars(frame, new ArrayList<>(values.keySet()), Map.of(frame.yLabel().isBlank() ? "value" : frame.yLabel(), v));
    }

    /**
     * Grouped bar chart: one group per category, one bar per series (e.g. series "output" and "target" over
     * categories "0".."9"). Every series has one value per category.
     */
    public static BufferedImage bars(Frame frame, List<String> categories, Map<String, double[]> series) {
        if (categories == null || categories.isEmpty()) {
            throw new IllegalArgumentException(frame.title() + ": no categories given");
        }
        Inputs.requireSeries(series, frame.title(), frame.isLogY());
        Inputs.requireLength(series, categories.size(), frame.title());
        CategoryChart chart = new CategoryChart(frame.width(), frame.height());
        chart.setTitle(frame.title());
        chart.setXAxisTitle(frame.xLabel());
        chart.setYAxisTitle(frame.yLabel());
        style(chart.getStyler(), frame);
        chart.getStyler().setOverlapped(false);
        chart.getStyler().setAvailableSpaceFill(0.8);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            List<Double> ys = new ArrayList<>();
            for (double y : e.getValue()) {
                ys.add(y);
            }
            chart.addSeries(e.getKey(), categories, ys);
        }
        return render(chart);
    }

    /**
     * Log-log comparison of named series over shared x values (e.g. cost evaluations against the number of
     * parameters n for numerical and backprop gradients): lines with markers, both axes logarithmic, so
     * a power law n^k is a straight line of slope k. Every x and y must be positive.
     */
    public static BufferedImage logLog(Frame frame, double[] x, Map<String, double[]> series) {
        Inputs.requireValues(x, frame.title() + ": x values", true);
        Inputs.requireSeries(series, frame.title(), true);
        Inputs.requireLength(series, x.length, frame.title());
        XYChart chart = xyChart(frame.logY());
        chart.getStyler().setXAxisLogarithmic(true);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            XYSeries s = chart.addSeries(e.getKey(), x, e.getValue());
            s.setMarker(SeriesMarkers.CIRCLE);
            colour(chart, s);
        }
        return render(chart);
    }

    // --------------------------------------------------------------------- images and heat maps

    /**
     * A grid of grey-scale images, one per row of {@code images} ({@code (n × width·height)}, pixels row by
     * row, values in [0, 1] with 1 drawn black as ink), {@code perRow} to a line, with an optional caption
     * under each (pass null for none). Each pixel becomes a square block, about 80 screen pixels per image.
     */
    public static BufferedImage digits(String title, DMatrixRMaj images, int width, int height, int perRow, List<String> captions) {
        return Raster.digits(title, images, width, height, perRow, captions);
    }

    /**
     * Signed images on the diverging scale (blue negative, white zero, red positive), one scale shared by
     * all images with a colour legend: e.g. each row of W(1) (hidden units × 784) as a 28×28 picture of
     * what that hidden unit responds to. Captions "unit 0", "unit 1", …
     */
    public static BufferedImage weightImages(String title, DMatrixRMaj rows, int width, int height, int perRow) {
        List<String> captions = new ArrayList<>();
        for (int i = 0; rows != null && i < rows.numRows; i++) {
            captions.add("unit " + i);
        }
        return Raster.signedImages(title, rows, width, height, perRow, captions);
    }

    /** The first {@code count} images of an image data set, captioned with their labels. */
    public static BufferedImage digits(Dataset data, int count, int perRow) {
        return digits(data, null, count, perRow);
    }

    /**
     * The first {@code count} images of an image data set captioned "label → prediction" (e.g. "3 → 5"), or
     * with the label alone when {@code predicted} is null; wrong predictions are marked with ✗.
     */
    public static BufferedImage digits(Dataset data, int[] predicted, int count, int perRow) {
        if (!data.isImage()) {
            throw new IllegalArgumentException(data.name() + " is not an image data set; use digits(title, matrix, width, height, ...)");
        }
        if (predicted != null && predicted.length < count) {
            throw new IllegalArgumentException(String.format(
                    "%d predictions for %d images; give one prediction per image shown", predicted.length, count));
        }
        Dataset shown = data.head(count);
        List<String> captions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int label = shown.label(i);
            captions.add(predicted == null ? "label " + label
                    : label + " → " + predicted[i] + (predicted[i] == label ? "" : " ✗"));
        }
        String title = String.format("%s: first %d images (%s)", data.name(), count,
                predicted == null ? "label" : "label → prediction");
        return digits(title, shown.x(), data.width(), data.height(), perRow, captions);
    }

    /**
     * Heat map of a matrix (e.g. a weight matrix W (out × in)) with a diverging colour scale centred at 0:
     * blue negative, white zero, red positive, symmetric about 0 up to max |value|, with a colour legend.
     * Rows run down and columns across, labelled by their 0-based index as in {@code m.get(row, col)}.
     */
    public static BufferedImage heatmap(Frame frame, DMatrixRMaj m) {
        return Raster.heatmap(frame, m, false);
    }

    /** Heat map of a vector reshaped row by row into a {@code width × height} image, square cells. */
    public static BufferedImage heatmap(Frame frame, double[] values, int width, int height) {
        if (values == null || (long) width * height != values.length || width < 1 || height < 1) {
            throw new IllegalArgumentException(String.format(
                    "%s: cannot reshape %d values into %d × %d; width × height must equal the number of values",
                    frame.title(), values == null ? 0 : values.length, width, height));
        }
        return Raster.heatmap(frame, new DMatrixRMaj(height, width, true, values), true);
    }

    /** Diagram of a network's current weights and biases; see {@link NetworkDiagram#of(Network)}. */
    public static BufferedImage network(Network net) {
        return NetworkDiagram.of(net).image();
    }

    /**
     * Heat map of layer l's weights W(l) (units × in) of a network, titled with the layer and shape:
     * row i holds the weights into unit i of layer l, column j those from unit j of a(l-1).
     */
    public static BufferedImage weights(Network net, int l) {
        DMatrixRMaj w = net.layer(l).W();
        return heatmap(Frame.of(String.format("Weights W(%d) (%d × %d)", l, w.numRows, w.numCols),
                "from unit j of a(" + (l - 1) + ")", "to unit i of layer " + l), w);
    }

    /** Diagram of a fully connected network with the given layer sizes (input first), no weights. */
    public static BufferedImage network(int... sizes) {
        return NetworkDiagram.of(sizes).image();
    }

    // ------------------------------------------------------------------ experiments over seeds

    /**
     * Several runs per series (e.g. {@code Experiment.Result.curves(method, Experiment.TEST_LOSS)}, one
     * array per seed) as their mean line and a shaded band of ± one sample sd, from {@code fromX} on so
     * that the y axis spans the part where the series differ (pass 0 for all points). Bands are drawn
     * below every line, in the line's colour.
     */
    public static BufferedImage bands(Frame frame, double[] x, Map<String, double[][]> runs, double fromX) {
        return Bands.chart(frame, x, runs, fromX);
    }

    /**
     * The sweeps of an experiment, one panel per swept method: mean validation loss over the seeds
     * against the strength (± sd error bars; log axis when the strengths span a factor of 10), the chosen
     * strength marked, the {@code baseline} method's mean ± sd as a grey band.
     */
    public static BufferedImage sweeps(String title, nnlab.train.Experiment.Result result, String baseline) {
        return SweepChart.grid(title, result, baseline);
    }

    /**
     * Histograms of magnitudes such as |w| on a log x axis (5 bins per decade from {@code lo} up; y: the
     * percentage of each sample per bin), a dashed line at {@code threshold}; values below {@code lo},
     * zeros included, are counted in the legend name.
     */
    public static BufferedImage logHistogram(Frame frame, Map<String, double[]> magnitudes, double lo, double threshold) {
        return LogHistogram.chart(frame, magnitudes, lo, threshold);
    }

    /**
     * One value in [0, 1] per pixel of a {@code width × height} image (row by row) on a white-to-blue
     * scale, titled by the frame, the x label written under the map, the y label beside the colour bar;
     * pixels with {@code marked[i]} get an orange frame, explained by {@code markLabel} (marked may be null).
     */
    public static BufferedImage pixelMap(Frame frame, double[] values, int width, int height, boolean[] marked, String markLabel) {
        return PixelMap.chart(frame, values, width, height, marked, markLabel);
    }

    // ------------------------------------------------------------------------------------- files

    /** Writes an image as PNG, creating missing parent folders; returns the path written. */
    public static Path save(BufferedImage image, Path path) {
        return Output.write(image, path, "save", p -> {
            if (!ImageIO.write(image, "png", p.toFile())) {
                throw new IllegalStateException("no PNG writer available in this JVM");
            }
        });
    }

    /** Writes an image as PNG to a path given as text (e.g. "figures/cost.png"). */
    public static Path save(BufferedImage image, String path) {
        return save(image, Path.of(path));
    }

    // ----------------------------------------------------------------------------------- helpers

    private static double[] countingFrom1(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    static XYChart xyChart(Frame frame) {
        XYChart chart = new XYChart(frame.width(), frame.height());
        chart.setTitle(frame.title());
        chart.setXAxisTitle(frame.xLabel());
        chart.setYAxisTitle(frame.yLabel());
        style(chart.getStyler(), frame);
        return chart;
    }

    static void addLine(XYChart chart, String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(x.length <= 30 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        colour(chart, s);
        if (x.length > 1 && chart.getSeriesMap().size() == 1) {
            double lo = Arrays.stream(x).min().orElseThrow();
            double hi = Arrays.stream(x).max().orElseThrow();
            evenTicks(chart, lo + (hi - lo) * OFF_GRID, y[0]);
        }
    }

    /**
     * Each marker as a dashed vertical line over the data's y range, in its colour, named in the legend by
     * its label. Markers outside the x range of the data are refused: they would stretch the axis.
     */
    private static void addMarkers(XYChart chart, List<Marker> markers) {
        if (markers == null) {
            throw new IllegalArgumentException(chart.getTitle() + ": markers is null; pass List.of() for none");
        }
        if (markers.isEmpty()) {
            return;
        }
        double[] xr = range(chart.getSeriesMap().values().stream().map(XYSeries::getXData).toList());
        double[] yr = range(chart.getSeriesMap().values().stream().map(XYSeries::getYData).toList());
        int n = 0;
        for (Marker m : markers) {
            if (m.x() < xr[0] || m.x() > xr[1]) {
                throw new IllegalArgumentException(String.format("%s: marker '%s' at x = %s lies outside the data's x range [%s, %s]",
                        chart.getTitle(), m.label(), m.x(), xr[0], xr[1]));
            }
            String name = m.label().isBlank() ? "marker " + (++n) : m.label();
            XYSeries s = chart.addSeries(chart.getSeriesMap().containsKey(name) ? name + " " : name,
                    new double[] {m.x(), m.x()}, new double[] {yr[0], yr[1]});
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(m.color());
            s.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            s.setShowInLegend(!m.label().isBlank());
        }
    }

    /** The next palette colour, counting only the series shown in the legend; every line solid. */
    static void colour(XYChart chart, XYSeries s) {
        int k = (int) chart.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend).count() - 1;
        s.setLineColor(Style.series(k));
        s.setMarkerColor(Style.series(k));
        s.setLineStyle(SeriesLines.SOLID);
    }

    /** The smallest and largest of all values. */
    private static double[] range(List<double[]> values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] v : values) {
            for (double d : v) {
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            }
        }
        return new double[] {lo, hi};
    }

    /**
     * XChart puts x ticks on the data points themselves when all x values are equally spaced (epochs
     * 1, 2, 3, …) and then crowds or overlaps the labels; one invisible point off that grid makes it fall
     * back to round tick values (0, 50, 100, …).
     */
    static void evenTicks(XYChart chart, double x, double y) {
        XYSeries hidden = chart.addSeries(" ", new double[] {x}, new double[] {y});
        hidden.setMarker(SeriesMarkers.NONE);
        hidden.setLineColor(new Color(0, 0, 0, 0));
        hidden.setShowInLegend(false);
    }

    private static void style(AxesChartStyler s, Frame frame) {
        s.setChartBackgroundColor(Style.BACKGROUND);
        s.setPlotBackgroundColor(Style.BACKGROUND);
        s.setPlotBorderColor(Style.TEXT);
        s.setPlotGridLinesColor(Style.GRID);
        s.setChartFontColor(Style.TEXT);
        s.setAxisTickLabelsColor(Style.TEXT);
        s.setChartTitleFont(Style.TITLE);
        s.setChartTitleBoxVisible(false);
        s.setAxisTitleFont(Style.AXIS_TITLE);
        s.setAxisTickLabelsFont(Style.TICKS);
        s.setLegendFont(Style.LEGEND);
        s.setLegendVisible(true);
        // below the plot: a legend inside it hides data whenever a line runs along the top
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setXAxisTickMarkSpacingHint(90);
        s.setLegendBackgroundColor(new Color(255, 255, 255, 220));
        s.setLegendBorderColor(Style.GRID);
        s.setSeriesColors(Style.SERIES);
        s.setMarkerSize(6);
        s.setChartPadding(12);
        s.setAntiAlias(true);
        s.setYAxisLogarithmic(frame.isLogY());
        if (frame.hasYRange()) {
            s.setYAxisMin(frame.yMin());
            s.setYAxisMax(frame.yMax());
        }
        s.setToolTipsEnabled(false);
    }

    static BufferedImage render(Chart<?, ?> chart) {
        if (chart instanceof XYChart xy) {
            double[] xr = range(xy.getSeriesMap().values().stream().map(XYSeries::getXData).toList());
            double[] yr = range(xy.getSeriesMap().values().stream().map(XYSeries::getYData).toList());
            Style.tickLabels(xy.getStyler(), xr, yr);
            Style.legendPlacement(xy.getStyler(), xy.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend)
                    .map(XYSeries::getName).toList(), xy.getWidth());
        } else if (chart instanceof CategoryChart bars) {
            List<double[]> ys = new ArrayList<>();
            bars.getSeriesMap().values().forEach(s -> ys.add(s.getYData().stream().mapToDouble(Number::doubleValue).toArray()));
            double[] yr = range(ys);
            // bars start at 0, so the axis always shows it
            Style.tickLabels(bars.getStyler(), null, new double[] {Math.min(0, yr[0]), Math.max(0, yr[1])});
            Style.legendPlacement(bars.getStyler(), bars.getSeriesMap().keySet(), bars.getWidth());
        }
        if (chart instanceof XYChart xy && xy.getStyler().isYAxisLogarithmic()) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = 0;
            for (XYSeries s : xy.getSeriesMap().values()) {
                for (double y : s.getYData()) {
                    lo = Math.min(lo, y);
                    hi = Math.max(hi, y);
                }
            }
            xy.getStyler().setYAxisLogarithmicDecadeOnly(Style.decadesOnly(lo, hi));
        }
        return BitmapEncoder.getBufferedImage(chart);
    }
}
