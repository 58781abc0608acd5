package nnlab.linalg;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;
import org.ejml.data.DMatrixRMaj;

/**
 * The fast backend: {@link VectorGemm} on the JDK Vector API, split over a {@link Team} of threads
 * when a product is big enough to pay for the hand-over.
 *
 * <p>Loaded by reflection from {@link Products}, so a JVM without {@code jdk.incubator.vector} never
 * touches this class. The constructor checks a small product against a plain triple loop before the
 * backend is trusted.
 */
final class VectorEngine implements Engine {
    /**
     * Products below this many flops (2·m·n·k) stay on the calling thread: waking a second thread
     * costs microseconds, so it pays only from about 30 µs of work. In a 784-100-10 batch-32 step the
     * two large products (5 MFLOP each) are split, the small ones (64 kFLOP) are not; measured in
     * docs/performance.md.
     */
    static final long PARALLEL_MIN_FLOPS = 1_000_000L;

    private final ThreadLocal<VectorGemm.Workspace> workspace = ThreadLocal.withInitial(VectorGemm.Workspace::new);
    private final Split split = new Split(workspace);
    private final RangeSplit ranges = new RangeSplit();
    /** Guards {@link #split}, {@link #ranges} and {@link #policy}. */
    private final ReentrantLock splitLock = new ReentrantLock();
    private final SplitPolicy policy = new SplitPolicy();
    private volatile Team team;

    VectorEngine() {
        if (VectorGemm.LANES < 2) {
            throw new UnsupportedOperationException(
                    "this CPU offers no double-precision SIMD vectors to the JVM (vector length 1)");
        }
        selfCheck();
    }

    /** Sets how many threads a large product may use (1 = the calling thread only). */
    synchronized void useThreads(int threads) {
        if (team != null) {
            team.close();
            team = null;
        }
        if (threads > 1) {
            team = new Team(threads);
        }
    }

    @Override
    public void product(DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB, DMatrixRMaj c, boolean add,
                        double scale) {
        int m = c.numRows;
        int n = c.numCols;
        int k = transA ? a.numRows : a.numCols;
        long flops = 2L * m * n * k;
        if (flops >= PARALLEL_MIN_FLOPS && splitLock.tryLock()) {
            // a second caller at the same time does its product alone rather than wait
            try {
                Team t = team;
                if (t != null && policy.split(System.nanoTime())) {
                    int parts = split.prepare(a, transA, b, transB, c, add, scale, t.size());
                    if (split.packParts() > 0 && !runOnTeam(t, split.packer, split.packParts())) {
                        split.packAlone();
                    }
                    if (runOnTeam(t, split, parts)) {
                        return;
                    }
                }
            } finally {
                splitLock.unlock();
            }
        }
        VectorGemm.Workspace ws = workspace.get();
        VectorGemm.multiply(m, n, k, operand(ws.a, a, transA), operand(ws.b, b, transB), c.data, 0, n, add, scale, ws);
    }

    /**
     * Runs {@code job} over [0, n) cut into contiguous ranges; returns false, having run
     * nothing, when the team is busy, absent or stepping aside (then the caller runs it alone).
     */
    boolean tryRanges(int n, Parallel.Ranges job) {
        if (!splitLock.tryLock()) {
            return false;
        }
        try {
            Team t = team;
            return t != null && !policy.paused(System.nanoTime()) && runOnTeam(t, ranges, ranges.prepare(n, job, t.size()));
        } finally {
            ranges.job = null;
            splitLock.unlock();
        }
    }

    /** Runs a prepared split on the team and tells the policy how it went; under {@link #splitLock}. */
    private boolean runOnTeam(Team t, IntConsumer job, int parts) {
        if (parts < 2 || !t.tryRun(job, parts)) {
            return false;
        }
        policy.record(t.lastOwnNanos(), t.lastWaitNanos(), System.nanoTime());
        return true;
    }

    /** How many large products ran on the calling thread alone because the other threads had been late. */
    long aloneProducts() {
        splitLock.lock();
        try {
            return policy.aloneProducts();
        } finally {
            splitLock.unlock();
        }
    }

    @Override
    public String describe() {
        Team t = team;
        return "JDK Vector API kernel (" + VectorGemm.LANES + " doubles per vector, "
                + (t == null ? "1 thread)" : t.size() + " threads for products ≥ " + PARALLEL_MIN_FLOPS / 1e6 + " MFLOP)");
    }

    /** op(x) as a strided view: row-major x, or its transpose by swapping the strides. */
    private static VectorGemm.Operand operand(VectorGemm.Operand view, DMatrixRMaj x, boolean transposed) {
        return transposed ? view.set(x.data, 0, 1, x.numCols) : view.set(x.data, 0, x.numCols, 1);
    }

    /**
     * One product cut into parts along the longer side of c (columns in multiples of NR, or rows in
     * multiples of MR); part p multiplies its slice with its own thread's workspace.
     *
     * <p>Cut by columns, every part needs all of op(A). When packed A takes at most
     * {@value #SHARED_A_MAX} doubles (every product of a training step), it is packed once, by the
     * team in ranges of rows, before the parts start, and the product is cut into
     * {@value #PARTS_PER_THREAD} parts per thread, claimed as threads come free: a thread slowed by
     * another program on its core takes fewer parts instead of holding up the step. A larger A is
     * packed by each of one part per thread, where packing is a small share of the work.
     */
    private static final class Split implements IntConsumer {
        /** The largest packed op(A) shared by the parts of a product cut by columns: 2 MB. */
        static final int SHARED_A_MAX = 1 << 18;
        /** Parts per thread when op(A) is shared, so that the work can follow the threads' speed. */
        static final int PARTS_PER_THREAD = 4;

        private final VectorGemm.Operand sharedView = new VectorGemm.Operand();
        /** Packs part p of the shared op(A): a range of its MR-row panels. */
        final IntConsumer packer = this::packPart;
        private final ThreadLocal<VectorGemm.Workspace> workspace;
        private double[] packedA = new double[0];
        private boolean shareA;
        private DMatrixRMaj a;
        private DMatrixRMaj b;
        private DMatrixRMaj c;
        private boolean transA;
        private boolean transB;
        private boolean add;
        private double scale;
        private boolean byColumns;
        /** The product's units (NR columns or MR rows of c) and how many parts share them. */
        private int units;
        private int parts;
        /** The MR-row panels of op(A) and how many parts pack them, when A is shared. */
        private int panels;
        private int packParts;

        Split(ThreadLocal<VectorGemm.Workspace> workspace) {
            this.workspace = workspace;
        }

        /**
         * Stores the product and returns the number of parts; when they share op(A), it must be packed
         * first, by {@link #packer} in {@link #packParts()} parts or by {@link #packAlone()}.
         */
        int prepare(DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB, DMatrixRMaj c, boolean add,
                    double scale, int threads) {
            this.a = a;
            this.add = add;
            this.scale = scale;
            this.b = b;
            this.c = c;
            this.transA = transA;
            this.transB = transB;
            int k = transA ? a.numRows : a.numCols;
            byColumns = c.numCols >= c.numRows;
            shareA = byColumns && VectorGemm.packedSize(c.numRows, k) <= SHARED_A_MAX;
            int length = byColumns ? c.numCols : c.numRows;
            int unit = byColumns ? VectorGemm.NR : VectorGemm.MR;
            units = (length + unit - 1) / unit;
            parts = Math.min(shareA ? PARTS_PER_THREAD * threads : threads, units);
            packParts = 0;
            if (shareA && parts > 1) {
                int size = VectorGemm.packedSize(c.numRows, k);
                if (packedA.length < size) {
                    packedA = new double[size];
                }
                operand(sharedView, a, transA);
                panels = (c.numRows + VectorGemm.MR - 1) / VectorGemm.MR;
                packParts = Math.min(PARTS_PER_THREAD * threads, panels);
            }
            return parts;
        }

        /** How many parts pack the shared op(A), each a range of its rows; 0 when the parts share no A. */
        int packParts() {
            return packParts;
        }

        /** Packs all of the shared op(A) on the calling thread (when the team cannot). */
        void packAlone() {
            VectorGemm.packRows(sharedView, c.numRows, transA ? a.numRows : a.numCols, 0, c.numRows, packedA);
        }

        private void packPart(int part) {
            int rows = c.numRows;
            int from = partStart(part, panels, packParts) * VectorGemm.MR;
            int to = Math.min(rows, partStart(part + 1, panels, packParts) * VectorGemm.MR);
            VectorGemm.packRows(sharedView, rows, transA ? a.numRows : a.numCols, from, to, packedA);
        }

        @Override
        public void accept(int part) {
            VectorGemm.Workspace ws = workspace.get();
            VectorGemm.Operand opA = operand(ws.a, a, transA);
            VectorGemm.Operand opB = operand(ws.b, b, transB);
            int k = transA ? a.numRows : a.numCols;
            int n = c.numCols;
            int unit = byColumns ? VectorGemm.NR : VectorGemm.MR;
            int from = partStart(part, units, parts) * unit;
            int to = Math.min(byColumns ? n : c.numRows, partStart(part + 1, units, parts) * unit);
            if (byColumns) {
                int cols = to - from;
                opB.set(b.data, transB ? from * b.numCols : from, transB ? 1 : b.numCols, transB ? b.numCols : 1);
                VectorGemm.multiply(c.numRows, cols, k, opA, shareA ? packedA : null, opB, c.data, from, n, add, scale, ws);
            } else {
                int rows = to - from;
                opA.set(a.data, transA ? from : from * a.numCols, transA ? 1 : a.numCols, transA ? a.numCols : 1);
                VectorGemm.multiply(rows, n, k, opA, opB, c.data, from * n, n, add, scale, ws);
            }
        }
    }

    /**
     * [0, n) cut into near-equal contiguous ranges, {@value Split#PARTS_PER_THREAD} per thread, claimed as
     * threads come free (see {@link Split}).
     */
    private static final class RangeSplit implements IntConsumer {
        private Parallel.Ranges job;
        private int n;
        private int parts;

        /** Stores the job and returns how many parts it splits into. */
        int prepare(int n, Parallel.Ranges job, int threads) {
            this.n = n;
            this.job = job;
            parts = Math.min(Split.PARTS_PER_THREAD * threads, n);
            return parts;
        }

        @Override
        public void accept(int part) {
            job.run(partStart(part, n, parts), partStart(part + 1, n, parts));
        }
    }

    /**
     * Where part p of [0, units) cut into {@code parts} near-equal parts starts: every part gets
     * units / parts units and the first units % parts one more, so no part is left short (a 784-column
     * gradient in 8 parts of 12 or 13 units of NR columns each, not 7 of 13 and one of 7).
     */
    static int partStart(int part, int units, int parts) {
        return part * (units / parts) + Math.min(part, units % parts);
    }

    /**
     * A 5 × 7 · 7 × 9 product, overwritten then accumulated, against a plain triple loop; throws when
     * they differ. Small integers, so every order of additions gives the exact same result.
     */
    private void selfCheck() {
        DMatrixRMaj a = new DMatrixRMaj(5, 7);
        DMatrixRMaj b = new DMatrixRMaj(7, 9);
        for (int i = 0; i < a.data.length; i++) {
            a.data[i] = (i % 11) - 5;
        }
        for (int i = 0; i < b.data.length; i++) {
            b.data[i] = (i % 7) - 3;
        }
        DMatrixRMaj c = new DMatrixRMaj(5, 9);
        Arrays.fill(c.data, Double.NaN);
        product(a, false, b, false, c, false, 1.0);
        product(a, false, b, false, c, true, 1.0);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 9; j++) {
                double expected = 0.0;
                for (int p = 0; p < 7; p++) {
                    expected += a.get(i, p) * b.get(p, j);
                }
                if (c.get(i, j) != 2 * expected) {
                    throw new IllegalStateException(String.format(
                            "self-check failed: c(%d,%d) = %s, expected %s", i, j, c.get(i, j), 2 * expected));
                }
            }
        }
    }
}
