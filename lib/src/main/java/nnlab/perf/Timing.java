package nnlab.perf;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/** Small measuring helpers shared by the benchmarks: medians after warm-up, seeded test matrices. */
public final class Timing {
    private Timing() {}

    /** Runs {@code work} {@code warmUps} times untimed, then {@code reps} times; the median in seconds. */
    public static double medianSeconds(int warmUps, int reps, Runnable work) {
        if (reps < 1) {
            throw new IllegalArgumentException("need at least one timed repetition, got " + reps);
        }
        for (int i = 0; i < warmUps; i++) {
            work.run();
        }
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long start = System.nanoTime();
            work.run();
            t[i] = (System.nanoTime() - start) / 1e9;
        }
        return median(t);
    }

    /** The median of {@code values} (the mean of the middle two for an even count). */
    public static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("the median of no values is undefined");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    /** A (rows × cols) matrix of uniform numbers in [−1, 1) from {@code seed}. */
    public static DMatrixRMaj randomMatrix(int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = random.nextDouble(-1, 1);
        }
        return m;
    }
}
