package nnlab.linalg;

/**
 * The exponential, and the logistic function σ built on it: the same bits on every JVM, whatever the
 * matrix backend or the number of threads.
 *
 * <p>Why not {@code Math.exp}: its result may differ in the last bit between JVMs (it is allowed to
 * use the CPU's own instructions), and a notebook's numbers must not. A Vector API form of this
 * formula was tried and dropped: on JDK 17 its compiled code boxed every vector in some runs and not
 * in others (the JIT's choice, 0.3 to 30 MB per training step), so the training loop allocated.
 *
 * <p>The formula, for e^x:
 * <ol>
 *   <li>k = round(x / ln 2) and r = x − k·ln 2, so that e^x = 2^k · e^r with |r| ≤ ln(2)/2 ≈ 0.347.
 *       k·ln 2 is subtracted in two parts (ln 2 = hi + lo, hi with trailing zero bits, so k·hi is
 *       exact): r keeps its full precision.</li>
 *   <li>e^r by its Taylor series to r^13, evaluated by Horner's rule: the first term left out is
 *       below r^14/14! ≈ 4·10^−18, far under the rounding of the result.</li>
 *   <li>2^k is built from its bits (exponent field k + 1023), in two halves, so that a result that is
 *       subnormal (x below −708) is rounded once, like the true e^x.</li>
 * </ol>
 * Measured against {@code StrictMath.exp}: within 1 ulp (tested). Only +, −, × and ÷ are used, each
 * rounded separately (no fused multiply-add), so every JVM computes the same bits.
 */
public final class Exp {
    private Exp() {}

    static final double LOG2E = 1.4426950408889634;
    /** 1.5·2^52: adding it rounds a double of magnitude below 2^51 to an integer, kept in the low bits. */
    static final double ROUND = 0x1.8p52;
    static final long ROUND_BITS = Double.doubleToRawLongBits(ROUND);
    /** ln 2 = LN2_HI + LN2_LO; LN2_HI has 11 trailing zero bits, so k·LN2_HI is exact for |k| ≤ 2^11. */
    static final double LN2_HI = 0x1.62e42fefa3800p-1;
    static final double LN2_LO = 0x1.ef35793c76730p-45;
    /** Below this e^x is 0 in doubles, above {@link #MAX_X} it is infinite: clamping keeps k in range. */
    static final double MIN_X = -746.0;
    static final double MAX_X = 710.0;
    /** 1/i! for i = 0..13, each correctly rounded (i! is exact in a double up to 18!). */
    static final double[] TAYLOR = new double[14];

    static {
        double factorial = 1;
        for (int i = 0; i < TAYLOR.length; i++) {
            factorial *= Math.max(i, 1);
            TAYLOR[i] = 1 / factorial;
        }
    }

    /**
     * Arrays from this length are split over the product threads ({@link Parallel}): σ costs about 4 ns
     * a number, so 2,048 numbers take 8 µs, several times the cost of handing half to another thread.
     * Every number is computed the same way in any range, so the split changes no bit.
     */
    static final int SPLIT_MIN = 2_048;
    /** The arrays of a split call, one holder per calling thread: a capturing lambda would allocate per call. */
    private static final ThreadLocal<SigmoidRanges> RANGES = ThreadLocal.withInitial(SigmoidRanges::new);

    /** e^x within 1 ulp; e^NaN is NaN, e^(−∞) = 0, e^∞ = ∞. */
    public static double exp(double x) {
        x = Math.max(Math.min(x, MAX_X), MIN_X);
        double shifted = x * LOG2E + ROUND;
        double k = shifted - ROUND;
        double r = (x - k * LN2_HI) - k * LN2_LO;
        double p = TAYLOR[13];
        for (int i = 12; i >= 0; i--) {
            p = p * r + TAYLOR[i];
        }
        long kBits = Double.doubleToRawLongBits(shifted) - ROUND_BITS;
        long half = Double.doubleToRawLongBits(k * 0.5 + ROUND) - ROUND_BITS;
        return p * powerOfTwo(half) * powerOfTwo(kBits - half);
    }

    /**
     * σ(z) = 1 / (1 + e^(−z)), written so that it never exponentiates a large positive number: with
     * e = e^(−|z|), σ = 1 / (1 + e) for z ≥ 0 and e / (1 + e) for z &lt; 0, one expression for both.
     */
    public static double sigmoid(double z) {
        double e = exp(-Math.abs(z));
        return (z >= 0 ? 1 : e) / (1 + e);
    }

    /**
     * a[i] = σ(z[i]) for i &lt; n: the same bits as {@link #sigmoid(double)}, split over the product
     * threads ({@link Parallel}) when n ≥ {@value #SPLIT_MIN}.
     */
    public static void sigmoid(double[] z, double[] a, int n) {
        if (n < 0 || n > z.length || n > a.length) {
            throw new IllegalArgumentException("sigmoid: n = " + n + " but z has " + z.length + " and a has "
                    + a.length + " elements; n must be from 0 to the shorter length");
        }
        SigmoidRanges job = RANGES.get();
        job.z = z;
        job.a = a;
        try {
            Parallel.forRanges(n, SPLIT_MIN, job);
        } finally {
            job.z = null;
            job.a = null;
        }
    }

    private static final class SigmoidRanges implements Parallel.Ranges {
        double[] z;
        double[] a;

        @Override
        public void run(int from, int to) {
            for (int i = from; i < to; i++) {
                a[i] = sigmoid(z[i]);
            }
        }
    }

    /** 2^k for k in −1022..1023, from its exponent bits. */
    private static double powerOfTwo(long k) {
        return Double.longBitsToDouble((k + 1023) << 52);
    }
}
