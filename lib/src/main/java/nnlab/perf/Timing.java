package nnlab.perf;

import java.util.Arrays;

/** Small measuring helpers shared by the benchmarks: medians after warm-up. */
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
}
