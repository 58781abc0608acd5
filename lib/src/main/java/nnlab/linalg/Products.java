package nnlab.linalg;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ejml.data.DMatrixRMaj;

/**
 * The one place where the forward and backward pass multiply matrices.
 *
 * <p>Every method writes into {@code c}, which must already have the result's shape (callers reuse
 * their buffers, so training allocates nothing per batch). The {@code Add} variants accumulate
 * ({@code c += ...}) instead of overwriting. Shapes are checked here, with both shapes named in the
 * message, because a wrong shape is the most common bug in a hand-written backprop. {@code c} must
 * not share storage with {@code a} or {@code b}: the product would read what it has just written.
 *
 * <p>Two backends compute the same products (to about 1e-13 relative; only the order of additions
 * differs):
 * <ul>
 *   <li>{@link Backend#EJML}: EJML's own products, the reference, always available;</li>
 *   <li>{@link Backend#VECTOR}: a blocked kernel on the JDK Vector API, 5–8× faster, available when
 *       the JVM runs with {@code --add-modules jdk.incubator.vector} (the project's kernel, Maven
 *       tests and {@code bench.sh} pass it).</li>
 * </ul>
 * The fast one is used when available. Choose with the system property {@code nnlab.backend} or the
 * environment variable {@code NNLAB_BACKEND} ({@code auto}, {@code ejml}, {@code vector}), or call
 * {@link #useBackend}. The fast backend's thread count comes from {@code nnlab.threads} /
 * {@code NNLAB_THREADS} (default: all cores) or {@link #useThreads}; products under
 * {@value VectorEngine#PARALLEL_MIN_FLOPS} flops always run on the calling thread, and so do large ones
 * for a while after the other threads were late (other programs on the cores). The thread count never
 * changes a result: each entry is summed in the same order whichever thread computes it.
 */
public final class Products {
    private Products() {}

    /** Which code computes the products. */
    public enum Backend {
        /** EJML's {@code CommonOps_DDRM}: pure Java, one thread, the reference. */
        EJML,
        /** A packed, register-blocked kernel on the JDK Vector API ({@code jdk.incubator.vector}). */
        VECTOR
    }

    private static final Engine REFERENCE = new EjmlEngine();
    private static volatile Engine active = REFERENCE;
    private static VectorEngine vector;
    private static String vectorFailure;
    private static int threads = Runtime.getRuntime().availableProcessors();

    static {
        String wantedThreads = setting("nnlab.threads", "NNLAB_THREADS");
        if (wantedThreads != null) {
            try {
                threads = checkThreads(Integer.parseInt(wantedThreads.trim()));
            } catch (IllegalArgumentException e) {
                System.err.println("nnlab: ignoring nnlab.threads / NNLAB_THREADS = '" + wantedThreads
                        + "': expected a whole number from 1 to 1024; using " + threads + " threads");
            }
        }
        String wanted = setting("nnlab.backend", "NNLAB_BACKEND");
        String choice = wanted == null ? "auto" : wanted.trim().toLowerCase(Locale.ROOT);
        switch (choice) {
            case "auto" -> {
                if (loadVector(Products::newVectorEngine) != null) {
                    active = vector;
                }
            }
            case "ejml" -> active = REFERENCE;
            case "vector" -> useBackend(Backend.VECTOR);
            default -> System.err.println("nnlab: ignoring nnlab.backend / NNLAB_BACKEND = '" + wanted
                    + "': expected auto, ejml or vector; using " + REFERENCE.describe());
        }
    }

    /** The backend computing products now. */
    public static Backend backend() {
        return active == REFERENCE ? Backend.EJML : Backend.VECTOR;
    }

    /** A line naming the active backend and its threads, for benchmark output and bug reports. */
    public static String describe() {
        return active.describe();
    }

    /** Whether {@code b} can run in this JVM (EJML always can). */
    public static boolean isAvailable(Backend b) {
        requireBackend(b);
        return b == Backend.EJML || loadVector(Products::newVectorEngine) != null;
    }

    /**
     * Switches to {@code wanted} and returns the backend now active. If the fast backend cannot run
     * here, prints one notice saying why and what to do, and stays on (or returns to) EJML: a notebook
     * keeps working, only slower.
     */
    public static Backend useBackend(Backend wanted) {
        return useBackend(wanted, Products::newVectorEngine, System.err);
    }

    /** {@link #useBackend(Backend)} with the loader and the notice stream replaceable, for tests. */
    static synchronized Backend useBackend(Backend wanted, Callable<VectorEngine> loader, PrintStream notices) {
        requireBackend(wanted);
        if (wanted == Backend.EJML) {
            active = REFERENCE;
        } else if (loadVector(loader) != null) {
            active = vector;
        } else {
            active = REFERENCE;
            notices.println("nnlab: the fast matrix products (Backend.VECTOR) cannot run in this JVM: "
                    + vectorFailure + ". Using EJML instead (same numbers, about 5× slower). To enable them,"
                    + " start Java with --add-modules jdk.incubator.vector (the nnlab kernel does).");
        }
        return backend();
    }

    /** How many threads the fast backend may use for one large product. */
    public static synchronized int threads() {
        return threads;
    }

    /** Sets how many threads the fast backend may use for one large product (1 to 1024). */
    public static synchronized void useThreads(int n) {
        threads = checkThreads(n);
        if (vector != null) {
            vector.useThreads(threads);
        }
    }

    /**
     * How many large products the fast backend has run on the calling thread alone, since this JVM
     * started, because the other threads had been late: a sign that other programs held the cores
     * (see docs/performance.md). Splitting or not never changes a result, only the time.
     */
    public static synchronized long productsRunAlone() {
        return vector == null ? 0 : vector.aloneProducts();
    }

    /** Runs {@code job} over [0, n) split over the fast backend's threads, if they are free; see {@link Parallel}. */
    static boolean tryRanges(int n, Parallel.Ranges job) {
        VectorEngine v = vector;
        return v != null && active == v && v.tryRanges(n, job);
    }

    /** c = a · b, with a (m × k), b (k × n), c (m × n). */
    public static void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        check("a · b", a.numRows, a.numCols, b.numRows, b.numCols, a, b, c);
        active.product(a, false, b, false, c, false, 1.0);
    }

    /** c = aᵀ · b, with a (k × m), b (k × n), c (m × n). */
    public static void multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        check("aᵀ · b", a.numCols, a.numRows, b.numRows, b.numCols, a, b, c);
        active.product(a, true, b, false, c, false, 1.0);
    }

    /**
     * c = scale · (aᵀ · b), with a (k × m), b (k × n), c (m × n): a mean gradient such as
     * ∂W = (1/n)·δᵀ·a in one pass. The scale multiplies each finished sum, so c has the same bits as
     * {@code multTransA(a, b, c)} followed by {@code CommonOps_DDRM.scale(scale, c)}.
     */
    public static void multTransA(double scale, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        check("aᵀ · b", a.numCols, a.numRows, b.numRows, b.numCols, a, b, c);
        active.product(a, true, b, false, c, false, scale);
    }

    /** c = a · bᵀ, with a (m × k), b (n × k), c (m × n). */
    public static void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        check("a · bᵀ", a.numRows, a.numCols, b.numCols, b.numRows, a, b, c);
        active.product(a, false, b, true, c, false, 1.0);
    }

    /** c += a · b. */
    public static void multAdd(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        check("a · b", a.numRows, a.numCols, b.numRows, b.numCols, a, b, c);
        active.product(a, false, b, false, c, true, 1.0);
    }

    /** c += aᵀ · b. */
    public static void multAddTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        check("aᵀ · b", a.numCols, a.numRows, b.numRows, b.numCols, a, b, c);
        active.product(a, true, b, false, c, true, 1.0);
    }

    /** c += a · bᵀ. */
    public static void multAddTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        check("a · bᵀ", a.numRows, a.numCols, b.numCols, b.numRows, a, b, c);
        active.product(a, false, b, true, c, true, 1.0);
    }

    /**
     * Checks (m × k)·(k2 × n) → c (m × n), where the operands' shapes are given after transposition,
     * and that c shares no storage with a or b.
     */
    private static void check(String op, int m, int k, int k2, int n, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        if (k != k2) {
            throw new IllegalArgumentException(String.format(
                    "%s: inner dimensions differ: (%d × %d) times (%d × %d); check which operand needs a transpose",
                    op, m, k, k2, n));
        }
        if (c.numRows != m || c.numCols != n) {
            throw new IllegalArgumentException(String.format(
                    "%s: result buffer is (%d × %d) but the product is (%d × %d); reshape it first",
                    op, c.numRows, c.numCols, m, n));
        }
        if (c.data == a.data || c.data == b.data) {
            throw new IllegalArgumentException(String.format(
                    "%s: the result c shares its storage with %s, so the product would overwrite its own input;"
                            + " write into a separate buffer", op, c.data == a.data ? "a" : "b"));
        }
    }

    /** Forgets the fast engine (loaded or failed) and returns to EJML, so a test can simulate a failing load. */
    static synchronized void forgetFastBackend() {
        if (vector != null) {
            vector.useThreads(1);
            vector = null;
        }
        vectorFailure = null;
        active = REFERENCE;
    }

    /** Loads the fast engine once; returns null (and keeps the reason) when it cannot run here. */
    private static synchronized VectorEngine loadVector(Callable<VectorEngine> loader) {
        if (vector == null && vectorFailure == null) {
            try {
                vector = loader.call();
                vector.useThreads(threads);
            } catch (Exception | LinkageError e) {
                vectorFailure = e.getMessage() != null ? e.getMessage() : e.toString();
            }
        }
        return vector;
    }

    /** Builds the fast engine by name, so this class links even where jdk.incubator.vector is absent. */
    private static VectorEngine newVectorEngine() throws ReflectiveOperationException {
        if (!vectorModuleLoaded()) {
            throw new UnsupportedOperationException("the module jdk.incubator.vector is not loaded");
        }
        try {
            return (VectorEngine) Class.forName("nnlab.linalg.VectorEngine").getDeclaredConstructor().newInstance();
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new UnsupportedOperationException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** Whether this JVM was started with jdk.incubator.vector, which the fast code needs. */
    static boolean vectorModuleLoaded() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static int checkThreads(int n) {
        if (n < 1 || n > 1024) {
            throw new IllegalArgumentException("threads must be from 1 to 1024 but was " + n
                    + "; use 1 for the calling thread only, or Runtime.getRuntime().availableProcessors()");
        }
        return n;
    }

    private static void requireBackend(Backend b) {
        if (b == null) {
            throw new IllegalArgumentException("backend is null; pass Products.Backend.EJML or Products.Backend.VECTOR");
        }
    }

    private static String setting(String property, String env) {
        String value = System.getProperty(property);
        return value != null ? value : System.getenv(env);
    }
}
