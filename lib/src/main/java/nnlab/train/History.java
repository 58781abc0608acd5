package nnlab.train;

import nnlab.viz.Tables;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a {@link Trainer} measured, one row per record (every epoch, or every N steps).
 *
 * <p>Columns, in order:
 * <ul>
 *   <li>{@code step} — optimizer steps taken so far (row 0 is the network before training, step 0);</li>
 *   <li>{@code epoch} — examples seen / training-set size (1.0 after one pass);</li>
 *   <li>{@code batch loss} — the cost J of the training batches since the previous record, averaged over
 *       those steps, in training mode (with dropout); NaN in row 0;</li>
 *   <li>{@code train loss}, {@code validation loss} — J over the whole training / validation set at test
 *       time (no dropout), with the cost's reduction and regularization (the training-set columns are
 *       left out with {@link Trainer.Builder#measureTrainingSet(boolean) measureTrainingSet(false)});</li>
 *   <li>{@code train accuracy}, {@code validation accuracy} — fraction of correct classes, when labels
 *       were given (argmax of the outputs; a single output counts as class 1 when ≥ 0.5);</li>
 *   <li>per layer l: {@code mean |δ| (layer l)} and {@code grad norm (layer l)} = ‖dW(l)‖, averaged
 *       over the steps since the previous record, and {@code update ratio (layer l)} = ‖ΔW(l)‖ / ‖W(l)‖
 *       (W after the step) of the last step before the record (it needs a copy of W, so it is not taken
 *       on every step); NaN in row 0, where no step was taken;</li>
 *   <li>per layer l, only with {@link Trainer.Builder#monitorWeightMovement()}: {@code weight movement
 *       (layer l)} = ‖W(l) − W₀(l)‖ / ‖W₀(l)‖, how far the layer's weights are from where this training
 *       run started (W₀, the weights when {@code fit} was called), relative to their size there; 0 in row 0.</li>
 * </ul>
 * Columns that do not apply (no validation set, no labels) are left out.
 */
public final class History {
    public static final String STEP = "step";
    public static final String EPOCH = "epoch";
    public static final String BATCH_LOSS = "batch loss";
    public static final String TRAIN_LOSS = "train loss";
    public static final String VALIDATION_LOSS = "validation loss";
    public static final String TRAIN_ACCURACY = "train accuracy";
    public static final String VALIDATION_ACCURACY = "validation accuracy";
    public static final String MEAN_ABS_DELTA = "mean |δ|";
    public static final String GRAD_NORM = "grad norm";
    public static final String UPDATE_RATIO = "update ratio";
    /** ‖W(l) − W₀(l)‖ / ‖W₀(l)‖ at each record; a column only with {@link Trainer.Builder#monitorWeightMovement()}. */
    public static final String WEIGHT_MOVEMENT = "weight movement";
    static final List<String> LAYER_METRICS = List.of(MEAN_ABS_DELTA, GRAD_NORM, UPDATE_RATIO);

    private final String title;
    private final int layers;
    private final Map<String, double[]> columns = new LinkedHashMap<>();
    private final List<String> layerMetrics = new ArrayList<>(LAYER_METRICS);
    private int rows;
    private int bestRow = -1;
    private boolean stoppedEarly;

    History(String title, int layers, boolean trainingSet, boolean validation, boolean trainLabels, boolean validationLabels) {
        this.title = title;
        this.layers = layers;
        List<String> names = new ArrayList<>(List.of(STEP, EPOCH, BATCH_LOSS));
        if (trainingSet) {
            names.add(TRAIN_LOSS);
        }
        if (validation) {
            names.add(VALIDATION_LOSS);
        }
        if (trainingSet && trainLabels) {
            names.add(TRAIN_ACCURACY);
        }
        if (validationLabels) {
            names.add(VALIDATION_ACCURACY);
        }
        for (int l = 1; l <= layers; l++) {
            for (String metric : LAYER_METRICS) {
                names.add(layerColumn(metric, l));
            }
        }
        for (String name : names) {
            columns.put(name, new double[16]);
        }
    }

    private History(String title, int layers, Collection<String> names, List<String> layerMetrics) {
        this.title = title;
        this.layers = layers;
        for (String name : names) {
            columns.put(name, new double[0]);
        }
        this.layerMetrics.clear();
        this.layerMetrics.addAll(layerMetrics);
    }

    /** Adds the columns of an optional per-layer metric, one per layer, after the others; only before the first row. */
    void addLayerMetric(String metric) {
        if (rows > 0 || layerMetrics.contains(metric)) {
            throw new IllegalStateException("the per-layer metric \"" + metric + "\" must be added once, before the first record");
        }
        layerMetrics.add(metric);
        for (int l = 1; l <= layers; l++) {
            columns.put(layerColumn(metric, l), new double[16]);
        }
    }

    /** The column name of a per-layer metric, e.g. "grad norm (layer 2)". */
    public static String layerColumn(String metric, int l) {
        return metric + " (layer " + l + ")";
    }

    /** Adds a row; every column must be given a value (NaN where it has none). */
    void add(Map<String, Double> row) {
        if (!row.keySet().equals(columns.keySet())) {
            throw new IllegalStateException("a history row must fill exactly the columns " + columns.keySet() + ", got " + row.keySet());
        }
        for (Map.Entry<String, double[]> column : columns.entrySet()) {
            double[] values = column.getValue();
            if (rows == values.length) {
                values = Arrays.copyOf(values, 2 * rows);
                column.setValue(values);
            }
            values[rows] = row.get(column.getKey());
        }
        rows++;
    }

    void markBest(int row) {
        bestRow = row;
    }

    void markStoppedEarly() {
        stoppedEarly = true;
    }

    /**
     * The records from row {@code first} on (a copy). {@code from(1)} drops the initial record, whose
     * batch-loss and per-layer cells are NaN, for charts that refuse NaN.
     */
    public History from(int first) {
        if (first < 0 || first >= rows) {
            throw new IllegalArgumentException("row " + first + " is outside 0 … " + (rows - 1) + " of this history");
        }
        History slice = new History(title, layers, columns.keySet(), layerMetrics);
        for (Map.Entry<String, double[]> column : columns.entrySet()) {
            slice.columns.put(column.getKey(), Arrays.copyOfRange(column.getValue(), first, rows));
        }
        slice.rows = rows - first;
        slice.bestRow = bestRow >= first ? bestRow - first : -1;
        slice.stoppedEarly = stoppedEarly;
        return slice;
    }

    /** The number of records (rows), the initial row included. */
    public int size() {
        return rows;
    }

    /** The number of layers the per-layer columns cover. */
    public int layers() {
        return layers;
    }

    /** The column names, in table order. */
    public List<String> columnNames() {
        return List.copyOf(columns.keySet());
    }

    /** Whether this history has the named column. */
    public boolean has(String column) {
        return columns.containsKey(column);
    }

    /** One column as a series, row 0 first, e.g. {@code series("train loss")}; a copy. */
    public double[] series(String column) {
        double[] values = columns.get(column);
        if (values == null) {
            throw new IllegalArgumentException("no column \"" + column + "\" in this history; it has " + columns.keySet()
                    + (column.contains("accuracy") ? " (accuracy needs labels: fit(x, y, labels))" : "")
                    + (column.contains("validation") ? " (validation columns need .validation(x, y) on the builder)" : ""));
        }
        return Arrays.copyOf(values, rows);
    }

    /**
     * A per-layer series, e.g. {@code layerSeries("grad norm", 1)}; the metric is one of mean |δ|, grad norm,
     * update ratio, and weight movement when the trainer monitored it.
     */
    public double[] layerSeries(String metric, int l) {
        if (!layerMetrics.contains(metric)) {
            throw new IllegalArgumentException("unknown per-layer metric \"" + metric + "\"; this history has " + layerMetrics
                    + (WEIGHT_MOVEMENT.equals(metric) ? " (weight movement needs .monitorWeightMovement() on the trainer's builder)" : ""));
        }
        if (l < 1 || l > layers) {
            throw new IllegalArgumentException("layer " + l + " is out of range 1 … " + layers + " (layers are 1-based)");
        }
        return series(layerColumn(metric, l));
    }

    /** One per-layer metric for every layer, keyed "layer 1", "layer 2", … (ready for a line chart). */
    public Map<String, double[]> layerSeries(String metric) {
        Map<String, double[]> byLayer = new LinkedHashMap<>();
        for (int l = 1; l <= layers; l++) {
            byLayer.put("layer " + l, layerSeries(metric, l));
        }
        return byLayer;
    }

    /** The last value of a column. */
    public double last(String column) {
        double[] values = series(column);
        if (values.length == 0) {
            throw new IllegalStateException("this history has no rows yet");
        }
        return values[values.length - 1];
    }

    /** The row (0-based) with the lowest validation loss, whose weights early stopping restored; −1 without early stopping. */
    public int bestRow() {
        return bestRow;
    }

    /** The epoch of {@link #bestRow()} (NaN without early stopping). */
    public double bestEpoch() {
        return bestRow < 0 ? Double.NaN : columns.get(EPOCH)[bestRow];
    }

    /** The step of {@link #bestRow()} (−1 without early stopping). */
    public long bestStep() {
        return bestRow < 0 ? -1 : (long) columns.get(STEP)[bestRow];
    }

    /** Whether early stopping ended training before the planned number of epochs or steps. */
    public boolean stoppedEarly() {
        return stoppedEarly;
    }

    /** All records as a Tablesaw table, one column per series, shown with {@value Tables#DIGITS} significant digits. */
    public Table table() {
        Table table = Table.create(title);
        for (String name : columns.keySet()) {
            table.addColumns(DoubleColumn.create(name, series(name)));
        }
        return Tables.format(table, Tables.DIGITS);
    }

    /** Writes the table as CSV (comma-separated, a header line, full double precision, NaN for missing). */
    public void writeCsv(Path path) {
        StringBuilder csv = new StringBuilder();
        List<String> names = columnNames();
        csv.append(String.join(",", names.stream().map(History::quote).toList())).append('\n');
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < names.size(); c++) {
                csv.append(c == 0 ? "" : ",").append(format(columns.get(names.get(c))[r]));
            }
            csv.append('\n');
        }
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(path, csv);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the history to " + path + ": " + e.getMessage(), e);
        }
    }

    private static String quote(String name) {
        return name.contains(",") || name.contains("\"") ? "\"" + name.replace("\"", "\"\"") + "\"" : name;
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%.0f", v) : Double.toString(v);
    }

    @Override
    public String toString() {
        String lossColumn = has(TRAIN_LOSS) ? TRAIN_LOSS : BATCH_LOSS;
        return title + ": " + rows + " records" + (rows == 0 ? "" : String.format(Locale.ROOT, ", last %s %.6g", lossColumn, last(lossColumn)))
                + (stoppedEarly ? ", stopped early" : "")
                + (bestRow >= 0 ? String.format(Locale.ROOT, "; the network holds the weights of step %d (validation loss %.6g)",
                bestStep(), columns.get(VALIDATION_LOSS)[bestRow]) : "");
    }
}
