package nnlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

    @TempDir
    Path tmp;

    /** Label counts of the UCI optdigits test split, as published with the data set (also scikit-learn's digits). */
    private static final int[] OPTDIGITS_COUNTS = {178, 182, 177, 183, 181, 182, 181, 179, 174, 180};

    @Test
    void optdigitsHasThePublishedSizeAndClassCounts() {
        Dataset d = Datasets.optdigits();
        assertEquals(1797, d.size());
        assertEquals(64, d.features());
        assertEquals(8, d.width());
        assertEquals(8, d.height());
        assertArrayEquals(OPTDIGITS_COUNTS, d.classCounts());
        assertRange(d.x(), 0, 1);
        // the file's first line starts 0,0,5,13,9,1 and ends with label 0
        assertEquals(5 / 16.0, d.x().get(0, 2), 0);
        assertEquals(13 / 16.0, d.x().get(0, 3), 0);
        assertEquals(0, d.label(0));
    }

    @Test
    void mnistMatchesAnIndependentByteLevelRead() throws IOException {
        Dataset d = Datasets.mnist();
        assertEquals(10_000, d.size());
        assertEquals(784, d.features());
        assertEquals(28, d.width());
        byte[] labelBytes = gunzip("mnist-10k-labels-idx1-ubyte.gz");
        byte[] imageBytes = gunzip("mnist-10k-images-idx3-ubyte.gz");
        int[] expected = new int[10];
        for (int i = 8; i < labelBytes.length; i++) {
            expected[labelBytes[i]]++;
        }
        assertArrayEquals(expected, d.classCounts());
        assertEquals(10_000, Arrays.stream(d.classCounts()).sum());
        // pixel 300 of image 7 straight from the bytes after the 16-byte header
        assertEquals((imageBytes[16 + 7 * 784 + 300] & 0xFF) / 255.0, d.x().get(7, 300), 0);
        DMatrixRMaj x = d.x();
        assertRange(x, 0, 1);
        assertEquals(1.0, Arrays.stream(x.data).max().orElseThrow(), 0, "some pixel is full ink (255)");
    }

    @Test
    void everyClassIsPresentInTheFirstThousandMnistRows() {
        int[] counts = Datasets.mnist(1000).classCounts();
        assertEquals(1000, Arrays.stream(counts).sum());
        for (int k = 0; k < 10; k++) {
            assertTrue(counts[k] > 0, "class " + k + " missing from the first 1000 rows");
        }
    }

    @Test
    void mnistPrefixAgreesWithTheFullSet() {
        Dataset all = Datasets.mnist();
        Dataset first = Datasets.mnist(50);
        assertArrayEquals(all.head(50).x().data, first.x().data);
        assertArrayEquals(Arrays.copyOf(all.labels(), 50), first.labels());
    }

    @Test
    void handMadeIdxFilesRoundTrip() throws IOException {
        // two 2×3 images with known bytes, written plainly (not gzip) and read back
        byte[] pixels = {0, (byte) 255, 51, 102, (byte) 204, 0, 1, 2, 3, 4, 5, 6};
        Path images = writeIdx("img.idx", 2051, new int[] {2, 2, 3}, pixels, false);
        Path labels = writeIdx("lbl.idx.gz", 2049, new int[] {2}, new byte[] {7, 3}, true);
        Dataset d = Datasets.mnist(images, labels, 2);
        assertEquals(2, d.size());
        assertEquals(3, d.width());
        assertEquals(2, d.height());
        assertArrayEquals(new int[] {7, 3}, d.labels());
        assertArrayEquals(new double[] {0, 1, 0.2, 0.4, 0.8, 0}, d.row(0), 1e-15);
        assertEquals(6 / 255.0, d.x().get(1, 5), 0);
    }

    @Test
    void badIdxFilesAreRefusedWithClearMessages() throws IOException {
        Path labels = writeIdx("l", 2049, new int[] {2}, new byte[] {1, 2}, true);
        Path goodImages = writeIdx("i", 2051, new int[] {2, 2, 2}, new byte[8], true);
        Path swapped = writeIdx("s", 2049, new int[] {2}, new byte[] {1, 2}, false);
        Path truncated = writeIdx("t", 2051, new int[] {2, 2, 2}, new byte[5], true);
        Path badLabel = writeIdx("b", 2049, new int[] {2}, new byte[] {1, 12}, false);

        assertMessage(() -> Datasets.mnist(swapped, labels, 1), "magic number 2049, expected 2051");
        assertMessage(() -> Datasets.mnist(goodImages, goodImages, 1), "magic number 2051, expected 2049");
        assertMessage(() -> Datasets.mnist(truncated, labels, 2), "truncated");
        assertMessage(() -> Datasets.mnist(goodImages, labels, 3), "asked for 3 examples but the file holds 2");
        assertMessage(() -> Datasets.mnist(goodImages, badLabel, 2), "row 1 is 12");
        assertMessage(() -> Datasets.mnist(goodImages, labels, 0), "at least 1");
        assertMessage(() -> Datasets.mnist(tmp.resolve("nope"), labels, 1), "no such file");
        assertMessage(() -> Datasets.mnist(10_001), "holds 10000");
        Path header = tmp.resolve("h");
        Files.write(header, new byte[] {0, 0, 8});
        assertMessage(() -> Datasets.mnist(goodImages, header, 1), "truncated");
    }

    @Test
    void badOptdigitsLinesAreRefusedNamingTheLine() throws IOException {
        String good = "0,".repeat(64) + "3\n";
        Path shortLine = tmp.resolve("short.csv");
        Files.writeString(shortLine, good + "1,2,3\n");
        assertMessage(() -> Datasets.optdigits(shortLine), "line 2: expected 65");
        Path bigPixel = tmp.resolve("big.csv");
        Files.writeString(bigPixel, "17," + "0,".repeat(63) + "3\n");
        assertMessage(() -> Datasets.optdigits(bigPixel), "pixel 0 is 17, outside 0..16");
        Path badLabel = tmp.resolve("label.csv");
        Files.writeString(badLabel, good + "0,".repeat(64) + "x\n");
        assertMessage(() -> Datasets.optdigits(badLabel), "line 2: label is 'x'");
        Path empty = tmp.resolve("empty.csv");
        Files.writeString(empty, "\n");
        assertMessage(() -> Datasets.optdigits(empty), "no examples");
        Dataset one = Datasets.optdigits(writeGz("one.csv.gz", good));
        assertEquals(1, one.size());
        assertEquals(3, one.label(0));
    }

    @Test
    void areaDownsampleOfKnownPatterns() {
        // 28 → 16: columns 0..13 (left half) inked map exactly onto new columns 0..7, since 14 / 1.75 = 8
        double[] leftHalf = new double[28 * 28];
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 14; c++) {
                leftHalf[r * 28 + c] = 1;
            }
        }
        Dataset in = images(leftHalf, 28, 28);
        double[] out = Datasets.downsample(in, 16, 16).row(0);
        for (int r = 0; r < 16; r++) {
            for (int c = 0; c < 16; c++) {
                assertEquals(c < 8 ? 1.0 : 0.0, out[r * 16 + c], 1e-12, "pixel " + r + "," + c);
            }
        }
        // a single inked pixel (0, 1) covers [1, 2): new pixel 0 covers [0, 1.75) → share 0.75 of a row and a
        // column; new pixel 1 covers [1.75, 3.5) → share 0.25 / 1.75 of its columns
        double[] dot = new double[28 * 28];
        dot[1] = 1;
        double[] small = Datasets.downsample(images(dot, 28, 28), 16, 16).row(0);
        assertEquals((1 / 1.75) * (0.75 / 1.75), small[0], 1e-12);
        assertEquals((1 / 1.75) * (0.25 / 1.75), small[1], 1e-12);
        // mean grey level is preserved: sum(out) × 1.75² = sum(in)
        assertEquals(1.0, Arrays.stream(small).sum() * 1.75 * 1.75, 1e-12);
    }

    @Test
    void mnist16IsShrunkAndItsBinaryVariantIsZeroOne() {
        Dataset grey = Datasets.mnist16(20);
        Dataset mnist = Datasets.mnist(20);
        assertEquals(256, grey.features());
        assertEquals(16, grey.width());
        assertArrayEquals(mnist.labels(), grey.labels());
        for (int i = 0; i < 20; i++) {
            double meanIn = Arrays.stream(mnist.row(i)).average().orElseThrow();
            double meanOut = Arrays.stream(grey.row(i)).average().orElseThrow();
            assertEquals(meanIn, meanOut, 1e-12, "area averaging keeps the mean grey level");
        }
        Dataset binary = Datasets.mnist16Binary(20);
        DMatrixRMaj b = binary.x();
        DMatrixRMaj g = grey.x();
        for (int k = 0; k < b.data.length; k++) {
            assertEquals(g.data[k] >= Datasets.INK_THRESHOLD ? 1.0 : 0.0, b.data[k], 0);
        }
        assertTrue(Arrays.stream(b.data).sum() > 20 * 10, "every digit keeps some ink");
        assertMessage(() -> Datasets.binarized(grey, 0), "(0, 1]");
        assertMessage(() -> Datasets.downsample(Datasets.xor(), 2, 2), "needs image data");
    }

    @Test
    void xorIsTheTruthTable() {
        Dataset d = Datasets.xor();
        assertEquals(4, d.size());
        for (int i = 0; i < 4; i++) {
            double[] in = d.row(i);
            assertEquals(((int) in[0]) ^ ((int) in[1]), d.label(i));
            assertEquals(d.label(i), d.labelColumn().get(i, 0), 0);
        }
    }

    private Dataset images(double[] pixels, int w, int h) {
        return new Dataset("test", new DMatrixRMaj(1, w * h, true, pixels), new int[] {0}, 1, w, h);
    }

    private Path writeIdx(String name, int magic, int[] dims, byte[] payload, boolean gzip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(magic);
            for (int dim : dims) {
                out.writeInt(dim);
            }
            out.write(payload);
        }
        Path p = tmp.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
            out.write(bytes.toByteArray());
        }
        return p;
    }

    private Path writeGz(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        return p;
    }

    private static byte[] gunzip(String file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of("../notebooks/data", file)))) {
            return in.readAllBytes();
        }
    }

    private static void assertRange(DMatrixRMaj x, double lo, double hi) {
        for (double v : x.data) {
            assertTrue(v >= lo && v <= hi, "value " + v + " outside [" + lo + ", " + hi + "]");
        }
    }

    static void assertMessage(org.junit.jupiter.api.function.Executable call, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' should contain '" + fragment + "'");
    }
}
