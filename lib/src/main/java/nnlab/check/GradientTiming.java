package nnlab.check;

import nnlab.net.Cost;
import nnlab.net.ForwardPass;
import nnlab.net.Gradients;
import nnlab.net.Mode;
import nnlab.net.Network;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Why backprop is fast, measured: the one-sided numerical gradient needs n + 1 cost evaluations for n
 * parameters, backprop one forward and one backward pass. Times are wall-clock and vary from run to
 * run, so every printed line ends with the marker {@code [varies]}; the counts do not vary.
 */
public final class GradientTiming {
    /** Backprop is repeated until this much time has passed, so that its mean is not a timer tick. */
    private static final long MIN_ROUND_NANOS = 4_000_000L;
    /** Rounds of repeated backprop; the fastest counts, as other work on the machine only ever slows a round down. */
    private static final int ROUNDS = 5;

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

    /** Times both gradients of {@code cost} for the batch (x, y); forward differences with ε = 1e-4. */
    public static Row measure(Network net, Cost cost, DMatrixRMaj x, DMatrixRMaj y) {
        if (net.hasDropout()) {
            throw new IllegalArgumentException("the network has dropout, so its cost changes from pass to pass; time a network without dropout");
        }
        GradientCheck.Result numeric = GradientCheck.check(net, cost, x, y, GradientCheck.Method.FORWARD, GradientCheck.DEFAULT_EPSILON);
        Gradients g = cost.gradient(net, x, y);
        timeBackprop(net, cost, x, y, g);                     // warm-up: lets the JIT compile the backward pass
        double best = Double.POSITIVE_INFINITY;
        for (int round = 0; round < ROUNDS; round++) {
            best = Math.min(best, timeBackprop(net, cost, x, y, g));
        }
        double rel = GradientCheck.relativeDifference(g.unrolled(), numeric.numeric());
        return new Row(sizes(net), net.parameterCount(), numeric.costEvaluations(), numeric.seconds(),
                best, rel);
    }

    /** The mean seconds of one backprop over repeated runs lasting at least {@link #MIN_ROUND_NANOS}. */
    private static double timeBackprop(Network net, Cost cost, DMatrixRMaj x, DMatrixRMaj y, Gradients g) {
        ForwardPass fp = net.newPass(Mode.INFERENCE);
        int runs = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            net.forward(x, fp);
            cost.gradient(net, fp, y, g);
            runs++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < MIN_ROUND_NANOS);
        return elapsed / 1e9 / runs;
    }

    private static String sizes(Network net) {
        return Arrays.stream(net.sizes()).mapToObj(String::valueOf).collect(Collectors.joining("-"));
    }
}
