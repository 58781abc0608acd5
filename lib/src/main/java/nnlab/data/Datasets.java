package nnlab.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.ejml.data.DMatrixRMaj;

/**
 * The data sets the notebooks use, read from the copies packaged inside the library jar (so they load
 * from any working directory) or from a file path given explicitly.
 *
 * <ul>
 *   <li>{@link #optdigits()}: 1,797 handwritten digits of 8×8 pixels (UCI optdigits test split).</li>
 *   <li>{@link #mnist(int)}: the first n of 10,000 MNIST digits of 28×28 pixels; any prefix holds
 *       every class because the packaged subset is stored in a fixed shuffled order.</li>
 *   <li>{@link #mnist16(int)} and {@link #mnist16Binary(int)}: the same digits shrunk to 16×16 = 256
 *       inputs, grey or black-and-white, for the 256-input digit example.</li>
 *   <li>{@link #xor()}: the four XOR examples.</li>
 * </ul>
 * All inputs are scaled to [0, 1]; labels are the digits 0..9 (0..1 for XOR). Files may be gzip-compressed
 * or plain; the reader looks at the first two bytes to tell.
 */
public final class Datasets {
    private Datasets() {}

    /** Where the data files sit on the classpath (packaged from notebooks/data). */
    static final String RESOURCE_DIR = "/nnlab/data/";
    static final String OPTDIGITS = "optdigits-8x8.csv.gz";
    static final String MNIST_IMAGES = "mnist-10k-images-idx3-ubyte.gz";
    static final String MNIST_LABELS = "mnist-10k-labels-idx1-ubyte.gz";

    /** IDX magic numbers: unsigned bytes with 3 dimensions (images) and with 1 dimension (labels). */
    static final int IDX_IMAGES_MAGIC = 2051;
    static final int IDX_LABELS_MAGIC = 2049;

    /** Default threshold of {@link #mnist16Binary(int)}: a 16×16 pixel is ink when at least this dark. */
    public static final double INK_THRESHOLD = 0.3;

    // ---------------------------------------------------------------------------------- optdigits

    /**
     * All 1,797 optdigits examples: 8×8 images, 64 features. The file stores pixel counts 0..16 (how many
     * of the 4×4 cells of the original 32×32 bitmap are ink); they are divided by 16 so inputs lie in [0, 1].
     */
    public static Dataset optdigits() {
        return readOptdigits(OPTDIGITS, () -> resource(OPTDIGITS));
    }

    /** Like {@link #optdigits()} but read from a file: 64 integer pixels 0..16 then the label 0..9 per line. */
    public static Dataset optdigits(Path csv) {
        return readOptdigits(csv.toString(), () -> file(csv));
    }

    private static Dataset readOptdigits(String source, Opener opener) {
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(opener.open(), StandardCharsets.US_ASCII))) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                if (cells.length != 65) {
                    throw new IllegalArgumentException(String.format(
                            "%s line %d: expected 65 comma-separated values (64 pixels, then the label), found %d",
                            source, lineNo, cells.length));
                }
                double[] pixels = new double[64];
                for (int j = 0; j < 64; j++) {
                    pixels[j] = parseInt(source, lineNo, cells[j], 0, 16, "pixel " + j) / 16.0;
                }
                rows.add(pixels);
                labels.add(parseInt(source, lineNo, cells[64], 0, 9, "label"));
            }
        } catch (IOException e) {
            throw truncatedOrIo(source, e);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(source + ": no examples found; is this the optdigits CSV?");
        }
        DMatrixRMaj x = new DMatrixRMaj(rows.size(), 64);
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, x.data, i * 64, 64);
        }
        return new Dataset("optdigits", x, labels.stream().mapToInt(Integer::intValue).toArray(), 10, 8, 8);
    }

    private static int parseInt(String source, int lineNo, String cell, int min, int max, String what) {
        int v;
        try {
            v = Integer.parseInt(cell.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(String.format(
                    "%s line %d: %s is '%s', not an integer", source, lineNo, what, cell));
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(String.format(
                    "%s line %d: %s is %d, outside %d..%d", source, lineNo, what, v, min, max));
        }
        return v;
    }

    // -------------------------------------------------------------------------------------- MNIST

    /** All 10,000 packaged MNIST examples: 28×28 images, 784 features, grey levels divided by 255. */
    public static Dataset mnist() {
        return mnist(10_000);
    }

    /**
     * The first n packaged MNIST examples (1 ≤ n ≤ 10,000): 28×28 images, 784 features, each pixel's grey
     * level 0..255 divided by 255 (0 = background, 1 = full ink).
     */
    public static Dataset mnist(int n) {
        return readMnist(MNIST_IMAGES, () -> resource(MNIST_IMAGES), MNIST_LABELS, () -> resource(MNIST_LABELS), n);
    }

    /** The first n examples of an IDX image file and its IDX label file (gzip-compressed or plain). */
    public static Dataset mnist(Path images, Path labels, int n) {
        return readMnist(images.toString(), () -> file(images), labels.toString(), () -> file(labels), n);
    }

    private static Dataset readMnist(String imageSource, Opener images, String labelSource, Opener labelFile, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("number of examples must be at least 1, got " + n);
        }
        int[] labels = readIdxLabels(labelSource, labelFile, n);
        try (DataInputStream in = new DataInputStream(images.open())) {
            requireMagic(in, imageSource, IDX_IMAGES_MAGIC, "image");
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            checkCount(imageSource, count, n);
            if (rows < 1 || cols < 1) {
                throw new IllegalArgumentException(String.format(
                        "%s: image size %d × %d in the header; both must be positive", imageSource, rows, cols));
            }
            int d = rows * cols;
            byte[] bytes = new byte[n * d];
            readFully(in, bytes, imageSource, String.format("%d images of %d × %d", n, rows, cols));
            DMatrixRMaj x = new DMatrixRMaj(n, d);
            for (int k = 0; k < bytes.length; k++) {
                x.data[k] = (bytes[k] & 0xFF) / 255.0;
            }
            return new Dataset("mnist", x, labels, 10, cols, rows);
        } catch (IOException e) {
            throw truncatedOrIo(imageSource, e);
        }
    }

    private static int[] readIdxLabels(String source, Opener opener, int n) {
        try (DataInputStream in = new DataInputStream(opener.open())) {
            requireMagic(in, source, IDX_LABELS_MAGIC, "label");
            checkCount(source, in.readInt(), n);
            byte[] bytes = new byte[n];
            readFully(in, bytes, source, n + " labels");
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = bytes[i] & 0xFF;
                if (labels[i] > 9) {
                    throw new IllegalArgumentException(String.format(
                            "%s: label of row %d is %d, outside 0..9", source, i, labels[i]));
                }
            }
            return labels;
        } catch (IOException e) {
            throw truncatedOrIo(source, e);
        }
    }

    /** Reads the IDX magic number and refuses a file of another kind (e.g. labels passed as images). */
    private static void requireMagic(DataInputStream in, String source, int expected, String kind) throws IOException {
        int magic = in.readInt();
        if (magic != expected) {
            throw new IllegalArgumentException(String.format(
                    "%s: magic number %d, expected %d (IDX unsigned-byte %ss); is this %s %s file?",
                    source, magic, expected, kind, kind.equals("image") ? "an" : "a", kind));
        }
    }

    private static void checkCount(String source, int count, int n) {
        if (count < 1) {
            throw new IllegalArgumentException(source + ": header says " + count + " items; the file holds no data");
        }
        if (n > count) {
            throw new IllegalArgumentException(String.format(
                    "%s: asked for %d examples but the file holds %d; pass n <= %d", source, n, count, count));
        }
    }

    private static void readFully(DataInputStream in, byte[] into, String source, String what) throws IOException {
        try {
            in.readFully(into);
        } catch (EOFException e) {
            throw new IllegalArgumentException(String.format(
                    "%s: file is truncated: it ends before %s were read; download or copy it again", source, what), e);
        }
    }

    private static RuntimeException truncatedOrIo(String source, IOException e) {
        if (e instanceof EOFException) {
            return new IllegalArgumentException(source + ": file is truncated: it ends unexpectedly; copy it again", e);
        }
        return new UncheckedIOException("could not read " + source + ": " + e.getMessage(), e);
    }

    // ----------------------------------------------------------------------------- MNIST at 16×16

    /**
     * The first n MNIST digits shrunk from 28×28 to 16×16 (256 features) by area averaging (see
     * {@link #downsample(Dataset, int, int)}); grey levels stay in [0, 1].
     */
    public static Dataset mnist16(int n) {
        return renamed(downsample(mnist(n), 16, 16), "mnist16");
    }

    /**
     * The 256-input digits of the "1 where the image is black, else 0" description: {@link #mnist16(int)}
     * with each pixel set to 1 where its grey level is at least {@link #INK_THRESHOLD} and 0 elsewhere.
     */
    public static Dataset mnist16Binary(int n) {
        return mnist16Binary(n, INK_THRESHOLD);
    }

    /** Like {@link #mnist16Binary(int)} with an explicit ink threshold in (0, 1]. */
    public static Dataset mnist16Binary(int n, double threshold) {
        return renamed(binarized(mnist16(n), threshold), "mnist16-binary");
    }

    /**
     * Shrinks (or enlarges) every image to {@code newWidth × newHeight} by area averaging: each new pixel
     * is the mean of the old image over the rectangle it covers, with partly covered old pixels weighted by
     * the covered fraction. The mean grey level is kept exactly, and a stroke is never dropped, only
     * spread. 28 → 16 maps 1.75 old pixels onto one new pixel in each direction.
     */
    public static Dataset downsample(Dataset images, int newWidth, int newHeight) {
        requireImages(images, "downsample");
        if (newWidth < 1 || newHeight < 1) {
            throw new IllegalArgumentException(String.format(
                    "target size %d × %d must be positive", newWidth, newHeight));
        }
        double[][] rowWeights = areaWeights(images.height(), newHeight);   // (newHeight × height)
        double[][] colWeights = areaWeights(images.width(), newWidth);     // (newWidth × width)
        DMatrixRMaj x = images.x();
        int w = images.width();
        int h = images.height();
        DMatrixRMaj out = new DMatrixRMaj(images.size(), newWidth * newHeight);
        double[] tmp = new double[newHeight * w];                          // rows shrunk, columns not yet
        for (int i = 0; i < images.size(); i++) {
            int base = i * w * h;
            Arrays.fill(tmp, 0);
            for (int r = 0; r < newHeight; r++) {
                for (int y = 0; y < h; y++) {
                    double wy = rowWeights[r][y];
                    if (wy == 0) {
                        continue;
                    }
                    for (int c = 0; c < w; c++) {
                        tmp[r * w + c] += wy * x.data[base + y * w + c];
                    }
                }
            }
            for (int r = 0; r < newHeight; r++) {
                for (int c = 0; c < newWidth; c++) {
                    double sum = 0;
                    for (int xx = 0; xx < w; xx++) {
                        sum += colWeights[c][xx] * tmp[r * w + xx];
                    }
                    out.data[i * newWidth * newHeight + r * newWidth + c] = sum;
                }
            }
        }
        return new Dataset(images.name(), out, images.labels(), images.classes(), newWidth, newHeight);
    }

    /**
     * weights[k][i] = the share of old pixel i in new pixel k: the overlap of [i, i+1) with
     * [k·s, (k+1)·s), divided by s = oldSize / newSize. Each row sums to 1.
     */
    static double[][] areaWeights(int oldSize, int newSize) {
        double s = (double) oldSize / newSize;
        double[][] weights = new double[newSize][oldSize];
        for (int k = 0; k < newSize; k++) {
            double lo = k * s;
            double hi = (k + 1) * s;
            for (int i = (int) Math.floor(lo); i < Math.min(oldSize, (int) Math.ceil(hi)); i++) {
                double overlap = Math.min(hi, i + 1) - Math.max(lo, i);
                if (overlap > 0) {
                    weights[k][i] = overlap / s;
                }
            }
        }
        return weights;
    }

    /** Every value at least {@code threshold} becomes 1, every other value 0 (black = 1 where there is ink). */
    public static Dataset binarized(Dataset data, double threshold) {
        if (!(threshold > 0) || threshold > 1) {
            throw new IllegalArgumentException("ink threshold must lie in (0, 1], got " + threshold);
        }
        DMatrixRMaj x = data.x();
        for (int k = 0; k < x.data.length; k++) {
            x.data[k] = x.data[k] >= threshold ? 1 : 0;
        }
        return new Dataset(data.name(), x, data.labels(), data.classes(), data.width(), data.height());
    }

    // ---------------------------------------------------------------------------------------- XOR

    /** The four XOR examples: inputs (0,0), (0,1), (1,0), (1,1) with labels 0, 1, 1, 0; two classes. */
    public static Dataset xor() {
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        return new Dataset("xor", x, new int[] {0, 1, 1, 0}, 2);
    }

    // ------------------------------------------------------------------------------------ helpers

    private static Dataset renamed(Dataset d, String name) {
        return new Dataset(name, d.x(), d.labels(), d.classes(), d.width(), d.height());
    }

    private static void requireImages(Dataset d, String what) {
        if (!d.isImage()) {
            throw new IllegalArgumentException(String.format(
                    "%s needs image data but %s has no width and height; build it with the image constructor",
                    what, d.name()));
        }
    }

    @FunctionalInterface
    private interface Opener {
        InputStream open() throws IOException;
    }

    private static InputStream resource(String fileName) throws IOException {
        InputStream in = Datasets.class.getResourceAsStream(RESOURCE_DIR + fileName);
        if (in == null) {
            throw new IllegalArgumentException(String.format(
                    "data file %s%s is not on the classpath; use lib/target/nnlab.jar (built by mvn package) "
                            + "or load the file by path", RESOURCE_DIR, fileName));
        }
        return maybeGunzip(in);
    }

    private static InputStream file(Path path) throws IOException {
        try {
            return maybeGunzip(Files.newInputStream(path));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + path.toAbsolutePath()
                    + "; check the path (relative paths start at " + Path.of("").toAbsolutePath() + ")", e);
        }
    }

    /** Decompresses when the stream starts with the gzip signature 1f 8b; passes it through otherwise. */
    private static InputStream maybeGunzip(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    }
}
