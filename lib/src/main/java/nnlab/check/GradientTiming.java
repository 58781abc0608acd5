package nnlab.check;

import nnlab.net.Cost;
import nnlab.net.ForwardPass;
import nnlab.net.Gradients;
import nnlab.net.Mode;
import nnlab.net.Network;
import org.ejml.data.DMatrixRMaj;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Why backprop is fast, measured: the one-sided numerical gradient needs n + 1 cost evaluations for n
 * parameters, backprop one forward and one backward pass. Times are wall-clock and vary from run to
 * run, so every printed line ends with the marker {@code [varies]}; the counts do not vary.
 */
public final class GradientTiming {
    /** Each way is repeated until this much time has passed, so that its mean is not a timer tick. */
    private static final long MIN_ROUND_NANOS = 4_000_000L;
    /**
     * The warm-up round lasts until the measuring thread has run this long: enough for the JIT to
     * compile the code of a small network's pass, which a round of a few milliseconds is not (the first
     * rows of a notebook cell were then timed 10–50× too slow). Counted in the thread's CPU time, not
     * wall time: on a machine busy with other programs 0.2 s of wall time gave the thread and the JIT's
     * compiler threads a fraction of that, and the first row of notebook 001 was again timed 20–240× too slow.
     */
    private static final long WARM_UP_NANOS = 200_000_000L;
    /** The warm-up ends after this much wall time even if the thread got less CPU time (an overloaded machine). */
    private static final long WARM_UP_LIMIT_NANOS = 5_000_000_000L;
    /**
     * Timed rounds after the warm-up go on until this many in a row brought no improvement; the fastest
     * counts, as other work on the machine only ever slows a round down.
     */
    private static final int ROUNDS = 3;
    /** A round at least this much faster than the best so far is an improvement. */
    private static final double IMPROVEMENT = 0.05;
    /** No improvement for this long (and {@link #ROUNDS} rounds) ends the timed rounds: the JIT's compiler threads had time to finish. */
    private static final long STABLE_NANOS = 500_000_000L;
    /** The timed rounds of one way stop after this much wall time even if they still improve. */
    private static final long ROUNDS_LIMIT_NANOS = 3_000_000_000L;

    private GradientTiming() {}

    /**
     * One measurement: the parameter count n, the cost evaluations of the forward-difference gradient
     * (n + 1), its wall time, the mean wall time of one backprop gradient, and the relative difference
     * of the two gradients (a check that both computed the same thing).
     */
    public record Row(String network, int parameters, int costEvaluations, double numericSeconds,
                      double backpropSeconds, double relativeDifference) {

        /** How many times longer the numerical gradient took. */
        public double speedup() {
            return numericSeconds / backpropSeconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "%-14s %6d parameters: numerical %8.3f ms, backprop %8.4f ms, ratio %6.0f [varies]",
                    network, parameters, numericSeconds * 1e3, backpropSeconds * 1e3, speedup());
        }
    }

    /**
     * Times both gradients of {@code cost} for the batch (x, y); forward differences with ε = 1e-4.
     * Both ways are timed the same way (see {@link #bestMeanSeconds}), so that the first, small
     * networks of a notebook cell are not timed while the JIT is still compiling the code.
     */
    public static Row measure(Network net, Cost cost, DMatrixRMaj x, DMatrixRMaj y) {
        return measure(net, cost, x, y, GradientCheck.Method.FORWARD);
    }

    /**
     * As {@link #measure(Network, Cost, DMatrixRMaj, DMatrixRMaj)}, with the numerical gradient taken by
     * {@code method}: {@code FORWARD} needs n + 1 cost evaluations, {@code CENTRAL} (the course's
     * gradient check) 2n; the row's {@code costEvaluations} is the count the check made.
     */
    public static Row measure(Network net, Cost cost, DMatrixRMaj x, DMatrixRMaj y, GradientCheck.Method method) {
        if (net.hasDropout()) {
            throw new IllegalArgumentException("the network has dropout, so its cost changes from pass to pass; time a network without dropout");
        }
        GradientCheck.Result numeric = GradientCheck.check(net, cost, x, y, method, GradientCheck.DEFAULT_EPSILON);
        double numericSeconds = bestMeanSeconds(
                () -> GradientCheck.check(net, cost, x, y, method, GradientCheck.DEFAULT_EPSILON));
        Gradients g = cost.gradient(net, x, y);
        ForwardPass fp = net.newPass(Mode.INFERENCE);
        double backpropSeconds = bestMeanSeconds(() -> {
            net.forward(x, fp);
            cost.gradient(net, fp, y, g);
        });
        double rel = GradientCheck.relativeDifference(g.unrolled(), numeric.numeric());
        return new Row(sizes(net), net.parameterCount(), numeric.costEvaluations(), numericSeconds, backpropSeconds, rel);
    }

    /**
     * A warm-up round (see {@link #warmedUp}), then timed rounds (see {@link #keepMeasuring}), of which the
     * fastest counts; a round runs {@code work} until at least {@link #MIN_ROUND_NANOS} of wall time have
     * passed and gives the mean seconds of one run.
     */
    private static double bestMeanSeconds(Runnable work) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuTime = threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();
        long wallStart = System.nanoTime();
        long cpuStart = cpuTime ? threads.getCurrentThreadCpuTime() : 0;
        do {
            work.run();
        } while (!warmedUp(System.nanoTime() - wallStart,
                cpuTime ? threads.getCurrentThreadCpuTime() - cpuStart : System.nanoTime() - wallStart));
        double best = Double.POSITIVE_INFINITY;
        int stale = 0;
        long roundsStart = System.nanoTime();
        long lastImprovement = roundsStart;
        long now;
        do {
            int runs = 0;
            long start = System.nanoTime();
            long elapsed;
            do {
                work.run();
                runs++;
                elapsed = System.nanoTime() - start;
            } while (elapsed < MIN_ROUND_NANOS);
            double mean = elapsed / 1e9 / runs;
            now = System.nanoTime();
            if (mean < best * (1 - IMPROVEMENT)) {
                stale = 0;
                lastImprovement = now;
            } else {
                stale++;
            }
            best = Math.min(best, mean);
        } while (keepMeasuring(stale, now - lastImprovement, now - roundsStart));
        return best;
    }

    /**
     * Whether to time another round after {@code stale} rounds in a row, lasting {@code staleNanos}, that were
     * not {@link #IMPROVEMENT} faster than the best: a round that is means the JIT had not finished
     * compiling, so the rounds go on until {@value #ROUNDS} in a row and {@link #STABLE_NANOS} have brought
     * none, or for at most {@link #ROUNDS_LIMIT_NANOS} in all.
     */
    static boolean keepMeasuring(int stale, long staleNanos, long roundsNanos) {
        return (stale < ROUNDS || staleNanos < STABLE_NANOS) && roundsNanos < ROUNDS_LIMIT_NANOS;
    }

    /**
     * Whether the warm-up is over after {@code wallNanos} of wall time in which the measuring thread ran
     * {@code cpuNanos}: once it has run {@link #WARM_UP_NANOS}, or after {@link #WARM_UP_LIMIT_NANOS} of
     * wall time whatever it got.
     */
    static boolean warmedUp(long wallNanos, long cpuNanos) {
        return cpuNanos >= WARM_UP_NANOS || wallNanos >= WARM_UP_LIMIT_NANOS;
    }

    private static String sizes(Network net) {
        return Arrays.stream(net.sizes()).mapToObj(String::valueOf).collect(Collectors.joining("-"));
    }
}
