package nnlab.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast backend against the reference: every product and shape class gives EJML's numbers to
 * 1e-12 relative, and the seam refuses bad calls with a message.
 */
class ProductsTest {
    /** The six public products, as (which, a, b, c) → c, named for messages. */
    private enum Op {
        MULT(false, false, false), MULT_TRANS_A(true, false, false), MULT_TRANS_B(false, true, false),
        MULT_ADD(false, false, true), MULT_ADD_TRANS_A(true, false, true), MULT_ADD_TRANS_B(false, true, true);

        final boolean transA;
        final boolean transB;
        final boolean add;

        Op(boolean transA, boolean transB, boolean add) {
            this.transA = transA;
            this.transB = transB;
            this.add = add;
        }

        void run(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
            switch (this) {
                case MULT -> Products.mult(a, b, c);
                case MULT_TRANS_A -> Products.multTransA(a, b, c);
                case MULT_TRANS_B -> Products.multTransB(a, b, c);
                case MULT_ADD -> Products.multAdd(a, b, c);
                case MULT_ADD_TRANS_A -> Products.multAddTransA(a, b, c);
                case MULT_ADD_TRANS_B -> Products.multAddTransB(a, b, c);
            }
        }
    }

    @BeforeEach
    void fastBackend() {
        assertEquals(Products.Backend.VECTOR, Products.useBackend(Products.Backend.VECTOR),
                "the tests run with --add-modules jdk.incubator.vector, so the fast backend must load");
    }

    @AfterEach
    void restoreDefaults() {
        Products.useThreads(Runtime.getRuntime().availableProcessors());
        Products.useBackend(Products.Backend.VECTOR);
    }

    @Test
    void everyProductMatchesEjmlOverRandomShapes() {
        Random random = new Random(20261122L);
        // edge classes first: vectors, 1 × 1, sizes around the kernel's tile and block sizes
        int[][] shapes = {{1, 1, 1}, {1, 7, 1}, {1, 300, 9}, {9, 300, 1}, {5, 1, 6}, {32, 784, 100},
                {100, 32, 784}, {32, 100, 10}, {3, 257, 17}, {97, 513, 33}, {4, 8, 8}, {5, 9, 9}, {2, 3, 2050}};
        for (int[] s : shapes) {
            for (Op op : Op.values()) {
                assertMatchesEjml(op, s[0], s[1], s[2], random);
            }
        }
        for (int trial = 0; trial < 60; trial++) {
            int m = 1 + random.nextInt(70);
            int k = 1 + random.nextInt(300);
            int n = 1 + random.nextInt(70);
            for (Op op : Op.values()) {
                assertMatchesEjml(op, m, k, n, random);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void largeProductsSplitOverThreadsMatchEjml(int threads) {
        Products.useThreads(threads);
        Random random = new Random(7L + threads);
        // 2·m·n·k above the parallel threshold, split by columns (wide c) and by rows (tall c)
        for (int[] s : new int[][] {{33, 700, 900}, {900, 700, 33}, {130, 500, 170}}) {
            assertTrue(2L * s[0] * s[1] * s[2] >= VectorEngine.PARALLEL_MIN_FLOPS);
            for (Op op : Op.values()) {
                assertMatchesEjml(op, s[0], s[1], s[2], random);
            }
        }
    }

    /**
     * Every entry is summed in the same order whichever thread computes it, so the thread count (and
     * the split policy's choice to run a product alone) never changes a result: same seed, same bits
     * on a laptop with 8 cores and on a 2-core CI machine.
     */
    @Test
    void resultsDoNotDependOnTheThreadCount() {
        Random random = new Random(21L);
        // wide c with a small A (packed once, shared by several parts per thread; {130, 500, 170} has two
        // row blocks and two k-slices of it), wide c with a large A (one part per thread), tall c
        int[][] shapes = {{32, 784, 100}, {100, 32, 784}, {33, 700, 900}, {130, 500, 170}, {600, 600, 700},
                {900, 700, 33}, {257, 300, 129}};
        for (int[] s : shapes) {
            for (Op op : Op.values()) {
                DMatrixRMaj a = op.transA ? random(s[1], s[0], random) : random(s[0], s[1], random);
                DMatrixRMaj b = op.transB ? random(s[2], s[1], random) : random(s[1], s[2], random);
                DMatrixRMaj start = random(s[0], s[2], random);
                DMatrixRMaj alone = null;
                for (int threads = 1; threads <= 3; threads++) {
                    Products.useThreads(threads);
                    DMatrixRMaj c = copyOf(start);
                    op.run(a, b, c);
                    if (alone == null) {
                        alone = c;
                    } else {
                        assertArrayEquals(alone.data, c.data, 0.0, op + " " + java.util.Arrays.toString(s) + " with "
                                + threads + " threads");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void scaledProductHasTheBitsOfProductThenScale(int threads) {
        Products.useThreads(threads);
        Random random = new Random(11L + threads);
        // one k-slice and several (k > 256), edge tiles, and a product large enough to be split
        int[][] shapes = {{32, 100, 784}, {31, 99, 783}, {600, 10, 30}, {5, 3, 7}, {1, 1, 1}, {40, 300, 200}};
        for (Products.Backend backend : Products.Backend.values()) {
            Products.useBackend(backend);
            for (int[] s : shapes) {
                for (double scale : new double[] {1.0 / 32, 1.0 / 30, 0.1, -3.0}) {
                    DMatrixRMaj a = random(s[0], s[1], random);
                    DMatrixRMaj b = random(s[0], s[2], random);
                    DMatrixRMaj expected = new DMatrixRMaj(s[1], s[2]);
                    Products.multTransA(a, b, expected);
                    CommonOps_DDRM.scale(scale, expected);
                    DMatrixRMaj c = new DMatrixRMaj(s[1], s[2]);
                    c.fill(Double.NaN);
                    Products.multTransA(scale, a, b, c);
                    assertArrayEquals(expected.data, c.data, 0.0,
                            backend + ", " + threads + " thread(s), " + java.util.Arrays.toString(s) + ", scale " + scale);
                }
            }
        }
    }

    @Test
    void shortLastBatchUsesReshapedBuffersAndLeavesTheRestAlone() {
        Random random = new Random(3L);
        DMatrixRMaj x = random(32, 784, random);
        DMatrixRMaj w = random(100, 784, random);
        DMatrixRMaj z = new DMatrixRMaj(32, 100);
        x.reshape(7, 784); // keeps the old array: rows 7..31 are stale data
        z.reshape(7, 100);
        java.util.Arrays.fill(z.data, 42.0);
        Products.multTransB(x, w, z);

        DMatrixRMaj expected = new DMatrixRMaj(7, 100);
        CommonOps_DDRM.multTransB(copyOf(x), w, expected);
        assertClose(expected, z, x, w, false, true, "short batch a · wᵀ");
        for (int i = 7 * 100; i < z.data.length; i++) {
            assertEquals(42.0, z.data[i], "entry " + i + " lies past the reshaped buffer and must be untouched");
        }
    }

    @Test
    void nanAndInfinityPropagateLikeEjml() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1, 2}, {Double.NaN, 1}, {Double.POSITIVE_INFINITY, 0}});
        DMatrixRMaj b = new DMatrixRMaj(new double[][] {{1, 0, 2}, {3, 1, 0}});
        DMatrixRMaj fast = new DMatrixRMaj(3, 3);
        Products.mult(a, b, fast);
        assertArrayEquals(new double[] {7, 2, 2}, java.util.Arrays.copyOfRange(fast.data, 0, 3));
        for (int j = 0; j < 3; j++) {
            assertTrue(Double.isNaN(fast.get(1, j)), "NaN in row 1 of a must reach row 1 of c");
        }
        assertEquals(Double.POSITIVE_INFINITY, fast.get(2, 0));
        assertTrue(Double.isNaN(fast.get(2, 1)), "∞ · 0 is NaN");
    }

    @Test
    void refusesAResultThatSharesStorageWithAnOperand() {
        DMatrixRMaj a = new DMatrixRMaj(3, 3);
        DMatrixRMaj b = new DMatrixRMaj(3, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Products.mult(a, b, a));
        assertTrue(e.getMessage().contains("shares its storage with a"), e.getMessage());
        DMatrixRMaj viewOfB = DMatrixRMaj.wrap(3, 3, b.data);
        e = assertThrows(IllegalArgumentException.class, () -> Products.multAddTransA(a, b, viewOfB));
        assertTrue(e.getMessage().contains("shares its storage with b"), e.getMessage());
    }

    @Test
    void wrongShapesNameBothShapes() {
        DMatrixRMaj a = new DMatrixRMaj(32, 784);
        DMatrixRMaj w = new DMatrixRMaj(100, 784);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Products.mult(a, w, new DMatrixRMaj(32, 100)));
        assertTrue(e.getMessage().contains("(32 × 784) times (100 × 784)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Products.multTransB(a, w, new DMatrixRMaj(100, 32)));
        assertTrue(e.getMessage().contains("result buffer is (100 × 32) but the product is (32 × 100)"), e.getMessage());
    }

    @Test
    void badThreadCountsAndBackendsAreRefusedWithAMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Products.useThreads(0));
        assertTrue(e.getMessage().contains("from 1 to 1024 but was 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Products.useBackend(null));
        assertTrue(e.getMessage().contains("Backend.EJML"), e.getMessage());
    }

    @Test
    void switchingBackendsIsReportedAndBothGiveTheSameNumbers() {
        Random random = new Random(11L);
        DMatrixRMaj a = random(20, 30, random);
        DMatrixRMaj b = random(30, 40, random);
        DMatrixRMaj fast = new DMatrixRMaj(20, 40);
        DMatrixRMaj slow = new DMatrixRMaj(20, 40);
        Products.mult(a, b, fast);
        assertEquals(Products.Backend.EJML, Products.useBackend(Products.Backend.EJML));
        assertEquals(Products.Backend.EJML, Products.backend());
        assertTrue(Products.describe().startsWith("EJML"), Products.describe());
        Products.mult(a, b, slow);
        assertClose(slow, fast, a, b, false, false, "after switching");
        assertEquals(Products.Backend.VECTOR, Products.useBackend(Products.Backend.VECTOR));
        assertTrue(Products.describe().contains("Vector API"), Products.describe());
    }

    @Test
    void aFastBackendThatCannotLoadFallsBackToEjmlWithOneNotice() {
        Products.forgetFastBackend();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream notices = new PrintStream(captured, true, StandardCharsets.UTF_8);
        Products.Backend got;
        try {
            got = Products.useBackend(Products.Backend.VECTOR, () -> {
                throw new NoClassDefFoundError("jdk/incubator/vector/DoubleVector");
            }, notices);
        } finally {
            Products.forgetFastBackend(); // the next useBackend(VECTOR) loads the real engine again
        }

        assertEquals(Products.Backend.EJML, got);
        assertEquals(Products.Backend.EJML, Products.backend());
        String text = captured.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.lines().count(), "exactly one notice line, got: " + text);
        assertTrue(text.contains("jdk/incubator/vector/DoubleVector") && text.contains("Using EJML instead")
                && text.contains("--add-modules jdk.incubator.vector"), text);
        DMatrixRMaj c = new DMatrixRMaj(1, 1);
        Products.mult(new DMatrixRMaj(new double[][] {{2, 3}}), new DMatrixRMaj(new double[][] {{4}, {5}}), c);
        assertEquals(23.0, c.get(0, 0), "products keep working on EJML after a failed load");
    }

    @Test
    void concurrentCallersGetCorrectResults() throws Exception {
        Products.useThreads(2);
        Random random = new Random(5L);
        DMatrixRMaj a = random(64, 600, random);
        DMatrixRMaj b = random(600, 300, random);
        DMatrixRMaj expected = new DMatrixRMaj(64, 300);
        CommonOps_DDRM.mult(a, b, expected);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            BiFunction<DMatrixRMaj, DMatrixRMaj, Future<DMatrixRMaj>> submit = (x, y) -> pool.submit(() -> {
                DMatrixRMaj c = new DMatrixRMaj(64, 300);
                for (int rep = 0; rep < 20; rep++) {
                    Products.mult(x, y, c);
                }
                return c;
            });
            Future<DMatrixRMaj> f1 = submit.apply(a, b);
            Future<DMatrixRMaj> f2 = submit.apply(a, b);
            Future<DMatrixRMaj> f3 = submit.apply(a, b);
            for (Future<DMatrixRMaj> f : java.util.List.of(f1, f2, f3)) {
                assertClose(expected, f.get(), a, b, false, false, "concurrent caller");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs {@code op} on both backends from the same inputs and compares. */
    private static void assertMatchesEjml(Op op, int m, int k, int n, Random random) {
        DMatrixRMaj a = op.transA ? random(k, m, random) : random(m, k, random);
        DMatrixRMaj b = op.transB ? random(n, k, random) : random(k, n, random);
        DMatrixRMaj start = random(m, n, random);
        DMatrixRMaj fast = start.copy();
        DMatrixRMaj reference = start.copy();
        op.run(a, b, fast);
        Products.Backend before = Products.useBackend(Products.Backend.EJML);
        try {
            op.run(a, b, reference);
        } finally {
            Products.useBackend(before);
        }
        DMatrixRMaj independent = start.copy();
        if (!op.add) {
            independent.zero();
        }
        naiveMultAdd(a, op.transA, b, op.transB, independent);
        String what = op + " " + m + "×" + k + "×" + n;
        assertClose(independent, reference, a, b, op.transA, op.transB, what + " (EJML vs triple loop)");
        assertClose(reference, fast, a, b, op.transA, op.transB, what);
        if (op.add) {
            assertNotEquals(0.0, maxAbs(start), "accumulate test needs a non-zero start");
        }
    }

    /**
     * |expected − actual| ≤ 1e-12 · (|op(a)|·|op(b)| + |c|) entry by entry: relative to the size of the
     * terms summed, which is what rounding scales with (a plain relative error is meaningless where
     * terms cancel to nearly 0).
     */
    private static void assertClose(DMatrixRMaj expected, DMatrixRMaj actual, DMatrixRMaj a, DMatrixRMaj b,
                                    boolean transA, boolean transB, String what) {
        assertEquals(expected.numRows, actual.numRows, what);
        assertEquals(expected.numCols, actual.numCols, what);
        DMatrixRMaj scale = new DMatrixRMaj(expected.numRows, expected.numCols);
        naiveMultAdd(abs(a), transA, abs(b), transB, scale);
        for (int i = 0; i < expected.numRows; i++) {
            for (int j = 0; j < expected.numCols; j++) {
                double tol = 1e-12 * (scale.get(i, j) + Math.abs(expected.get(i, j))) + Double.MIN_NORMAL;
                double diff = Math.abs(expected.get(i, j) - actual.get(i, j));
                if (!(diff <= tol)) {
                    throw new AssertionError(String.format("%s: c(%d,%d) expected %.17g but was %.17g (tolerance %.3g)",
                            what, i, j, expected.get(i, j), actual.get(i, j), tol));
                }
            }
        }
    }

    /** c += op(a) · op(b) by the definition, as an independent third implementation. */
    private static void naiveMultAdd(DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB, DMatrixRMaj c) {
        int k = transA ? a.numRows : a.numCols;
        for (int i = 0; i < c.numRows; i++) {
            for (int j = 0; j < c.numCols; j++) {
                double sum = c.get(i, j);
                for (int p = 0; p < k; p++) {
                    sum += (transA ? a.get(p, i) : a.get(i, p)) * (transB ? b.get(j, p) : b.get(p, j));
                }
                c.set(i, j, sum);
            }
        }
    }

    private static DMatrixRMaj random(int rows, int cols, Random random) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = random.nextGaussian();
        }
        return m;
    }

    private static DMatrixRMaj abs(DMatrixRMaj m) {
        DMatrixRMaj r = new DMatrixRMaj(m.numRows, m.numCols);
        for (int i = 0; i < m.getNumElements(); i++) {
            r.data[i] = Math.abs(m.data[i]);
        }
        return r;
    }

    private static DMatrixRMaj copyOf(DMatrixRMaj m) {
        DMatrixRMaj r = new DMatrixRMaj(m.numRows, m.numCols);
        System.arraycopy(m.data, 0, r.data, 0, m.getNumElements());
        return r;
    }

    private static double maxAbs(DMatrixRMaj m) {
        double max = 0;
        for (int i = 0; i < m.getNumElements(); i++) {
            max = Math.max(max, Math.abs(m.data[i]));
        }
        return max;
    }
}
