package nnlab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.ejml.data.DMatrixRMaj;

/**
 * A labelled data set for classification: inputs {@code x} with one example per ROW, and an integer
 * label per example.
 *
 * <p>Shapes: {@code x} is {@code (n × d)} where {@code n = size()} examples and {@code d = features()};
 * {@code oneHot()} is {@code (n × K)} with {@code K = classes()}. Image data sets also know the width
 * and height of one image ({@code width × height == d}, pixels stored row by row).
 *
 * <p>A data set is immutable: the constructor copies its inputs and every accessor returning an array or
 * matrix returns a fresh copy, so a notebook cell cannot change the data another cell sees. Every
 * operation that reorders ({@link #shuffled}, {@link #split}) takes an explicit seed.
 */
public final class Dataset {
    private final String name;
    private final DMatrixRMaj x;       // (n × d)
    private final int[] labels;        // (n)
    private final int classes;
    private final int width;           // 0 when the examples are not images
    private final int height;

    /**
     * A data set whose examples are not images.
     *
     * @param name    shown in messages and {@link #toString()}
     * @param x       inputs, {@code (n × d)}, one example per row; every value finite
     * @param labels  one label per row, each in {@code 0 .. classes-1}
     * @param classes number of classes K (at least 1)
     */
    public Dataset(String name, DMatrixRMaj x, int[] labels, int classes) {
        this(name, x, labels, classes, 0, 0);
    }

    /**
     * A data set of images of {@code width × height} pixels, one image per row of {@code x}, stored row
     * by row ({@code x[i][r * width + c]} is pixel (r, c) of image i). Pass 0, 0 for non-image data.
     */
    public Dataset(String name, DMatrixRMaj x, int[] labels, int classes, int width, int height) {
        this.name = name == null || name.isBlank() ? "dataset" : name;
        if (x == null || labels == null) {
            throw new IllegalArgumentException(this.name + ": x and labels must not be null");
        }
        if (x.numRows == 0 || x.numCols == 0) {
            throw new IllegalArgumentException(String.format(
                    "%s: empty data: x is (%d × %d); a data set needs at least one example and one feature",
                    this.name, x.numRows, x.numCols));
        }
        if (labels.length != x.numRows) {
            throw new IllegalArgumentException(String.format(
                    "%s: %d labels for %d rows of x; give exactly one label per row",
                    this.name, labels.length, x.numRows));
        }
        if (classes < 1) {
            throw new IllegalArgumentException(this.name + ": number of classes must be at least 1, got " + classes);
        }
        if (width < 0 || height < 0 || (width == 0) != (height == 0)
                || (width > 0 && (long) width * height != x.numCols)) {
            throw new IllegalArgumentException(String.format(
                    "%s: image size %d × %d does not match %d features per row; width × height must equal "
                            + "the number of columns (or pass 0, 0 for non-image data)",
                    this.name, width, height, x.numCols));
        }
        int d = x.numCols;
        for (int i = 0; i < x.numRows; i++) {
            for (int j = 0; j < d; j++) {
                double v = x.data[i * d + j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(String.format(
                            "%s: row %d, column %d of x is %s; remove or repair that example first",
                            this.name, i, j, v));
                }
            }
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(String.format(
                        "%s: row %d has label %d, outside 0..%d for %d classes; fix the label or raise the class count",
                        this.name, i, labels[i], classes - 1, classes));
            }
        }
        this.x = x.copy();
        this.labels = labels.clone();
        this.classes = classes;
        this.width = width;
        this.height = height;
    }

    /** The name given at construction (e.g. "mnist"). */
    public String name() { return name; }

    /** Number of examples n. */
    public int size() { return x.numRows; }

    /** Number of input features d (pixels per image for image data). */
    public int features() { return x.numCols; }

    /** Number of classes K; labels lie in {@code 0 .. K-1}. */
    public int classes() { return classes; }

    /** Image width in pixels, or 0 when the examples are not images. */
    public int width() { return width; }

    /** Image height in pixels, or 0 when the examples are not images. */
    public int height() { return height; }

    /** Whether each row is an image of {@link #width()} × {@link #height()} pixels. */
    public boolean isImage() { return width > 0; }

    /** A copy of the inputs, {@code (n × d)}, one example per row. */
    public DMatrixRMaj x() { return x.copy(); }

    /** A copy of example i's inputs, length d. */
    public double[] row(int i) {
        checkIndex(i);
        return Arrays.copyOfRange(x.data, i * x.numCols, (i + 1) * x.numCols);
    }

    /** A copy of the labels, length n. */
    public int[] labels() { return labels.clone(); }

    /** The label of example i. */
    public int label(int i) {
        checkIndex(i);
        return labels[i];
    }

    /** The labels as a column of numbers, {@code (n × 1)}: the target of a single-output network (e.g. XOR). */
    public DMatrixRMaj labelColumn() {
        DMatrixRMaj y = new DMatrixRMaj(labels.length, 1);
        for (int i = 0; i < labels.length; i++) {
            y.data[i] = labels[i];
        }
        return y;
    }

    /** One-hot targets, {@code (n × K)}: row i has a 1 in column {@code label(i)} and 0 elsewhere. */
    public DMatrixRMaj oneHot() {
        DMatrixRMaj y = new DMatrixRMaj(labels.length, classes);
        for (int i = 0; i < labels.length; i++) {
            y.unsafe_set(i, labels[i], 1.0);
        }
        return y;
    }

    /** How many examples carry each label: element k counts label k; the counts sum to n. */
    public int[] classCounts() {
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** The first n examples, in order. */
    public Dataset head(int n) {
        if (n < 1 || n > size()) {
            throw new IllegalArgumentException(String.format(
                    "%s: head(%d) asks for %d examples but there are %d; pass 1..%d",
                    name, n, n, size(), size()));
        }
        return slice(0, n);
    }

    /** Examples {@code from} (inclusive) to {@code to} (exclusive), in order. */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > size() || from >= to) {
            throw new IllegalArgumentException(String.format(
                    "%s: slice(%d, %d) is not a non-empty range inside 0..%d; need 0 <= from < to <= %d",
                    name, from, to, size(), size()));
        }
        int[] rows = new int[to - from];
        Arrays.setAll(rows, k -> from + k);
        return rows(rows);
    }

    /** The examples at the given row indices, in the order given (indices may repeat). */
    public Dataset rows(int[] indices) {
        if (indices == null || indices.length == 0) {
            throw new IllegalArgumentException(name + ": rows(...) needs at least one index");
        }
        int d = x.numCols;
        DMatrixRMaj sub = new DMatrixRMaj(indices.length, d);
        int[] subLabels = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            checkIndex(indices[k]);
            System.arraycopy(x.data, indices[k] * d, sub.data, k * d, d);
            subLabels[k] = labels[indices[k]];
        }
        return new Dataset(name, sub, subLabels, classes, width, height);
    }

    /**
     * The same examples in a random order. The permutation is a Fisher–Yates shuffle driven by
     * {@code new Random(seed)}: the same seed gives the same order on every machine.
     */
    public Dataset shuffled(long seed) {
        return rows(permutation(size(), seed));
    }

    /**
     * Shuffles with {@code seed}, then cuts into consecutive parts of the given fractions. The fractions
     * must be positive and sum to 1; part k ends at {@code round(n × (f1 + … + fk))}, so the parts are
     * disjoint and together hold every example exactly once.
     *
     * @return one data set per fraction, in the order given
     */
    public List<Dataset> split(long seed, double... fractions) {
        if (fractions == null || fractions.length == 0) {
            throw new IllegalArgumentException(name + ": split needs at least one fraction, e.g. split(seed, 0.8, 0.2)");
        }
        double total = 0;
        for (double f : fractions) {
            if (!(f > 0) || !Double.isFinite(f)) {
                throw new IllegalArgumentException(name + ": split fractions must be positive, got " + Arrays.toString(fractions));
            }
            total += f;
        }
        if (Math.abs(total - 1) > 1e-9) {
            throw new IllegalArgumentException(String.format(
                    "%s: split fractions %s sum to %s, not 1; make them add up to 1",
                    name, Arrays.toString(fractions), total));
        }
        int[] order = permutation(size(), seed);
        List<Dataset> parts = new ArrayList<>(fractions.length);
        double cumulative = 0;
        int start = 0;
        for (int k = 0; k < fractions.length; k++) {
            cumulative += fractions[k];
            int end = k == fractions.length - 1 ? size() : (int) Math.round(size() * cumulative);
            if (end <= start) {
                throw new IllegalArgumentException(String.format(
                        "%s: part %d of split %s would be empty with %d examples; use larger fractions or more data",
                        name, k + 1, Arrays.toString(fractions), size()));
            }
            parts.add(rows(Arrays.copyOfRange(order, start, end)));
            start = end;
        }
        return parts;
    }

    /** Three parts of a shuffled split: training, validation, test. */
    public record Split(Dataset train, Dataset validation, Dataset test) {}

    /** Shuffles with {@code seed} and splits into train / validation / test; the test part takes the rest. */
    public Split split(double train, double validation, long seed) {
        if (!(train > 0) || !(validation > 0) || train + validation >= 1) {
            throw new IllegalArgumentException(String.format(
                    "%s: train %s and validation %s must be positive and leave a test part (sum below 1)",
                    name, train, validation));
        }
        List<Dataset> parts = split(seed, train, validation, 1 - train - validation);
        return new Split(parts.get(0), parts.get(1), parts.get(2));
    }

    @Override
    public String toString() {
        String image = isImage() ? String.format(", %d×%d images", width, height) : "";
        return String.format("Dataset %s: %d examples × %d features, %d classes%s", name, size(), features(), classes, image);
    }

    /** A seeded Fisher–Yates permutation of 0..n-1. */
    static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size()) {
            throw new IllegalArgumentException(String.format(
                    "%s: example index %d is outside 0..%d", name, i, size() - 1));
        }
    }
}
