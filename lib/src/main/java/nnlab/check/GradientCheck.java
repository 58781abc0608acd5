package nnlab.check;

import nnlab.net.Cost;
import nnlab.net.ForwardPass;
import nnlab.net.Gradients;
import nnlab.net.Layer;
import nnlab.net.Mode;
import nnlab.net.Network;
import nnlab.viz.Tables;
import org.ejml.data.DMatrixRMaj;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.function.ToDoubleFunction;

/**
 * Numerical gradient checking: compare backprop's gradient with finite differences of the cost.
 *
 * <p>{@link Method#CENTRAL}: (J(θ + εeᵢ) − J(θ − εeᵢ)) / 2ε, error O(ε²), 2n cost evaluations.
 * {@link Method#FORWARD}: (J(θ + εeᵢ) − J(θ)) / ε, error O(ε), n + 1 evaluations. ε defaults to 1e-4.
 * The agreement is measured by the relative difference ‖a − n‖ / ‖a + n‖ (a: backprop, n: numerical).
 *
 * <p>When it means nothing: J is computed with a rounding error of about 10⁻¹⁶·|J|, which the
 * division by ε blows up like 1/ε, so below ε ≈ 10⁻⁸ the rounding dominates; once ε is so small that
 * θ ± ε rounds to θ, or J(θ ± ε) to J(θ), every difference is 0 and the relative difference is 1
 * whatever backprop computed. Such an ε is refused with a message, as are an infinite ε, a null method,
 * and NaN or infinite values in x, y or the parameters (named by row and column, or by parameter).
 *
 * <p>It costs a full forward pass per evaluation, so it is for testing an implementation, never for
 * training.
 */
public final class GradientCheck {
    public static final double DEFAULT_EPSILON = 1e-4;

    private GradientCheck() {}

    /** Which finite difference. */
    public enum Method { CENTRAL, FORWARD }

    /** A numerical gradient and how many times the cost was evaluated to get it. */
    public record Numeric(double[] gradient, int costEvaluations) {}

    /** The numerical gradient of any function J at θ (θ is restored afterwards). */
    public static Numeric numeric(ToDoubleFunction<double[]> J, double[] theta, Method method, double epsilon) {
        if (J == null || theta == null) {
            throw new IllegalArgumentException("numeric needs a function J and a point θ; got "
                    + (J == null ? "no function " : "") + (theta == null ? "no θ" : ""));
        }
        requireSettings(method, epsilon);
        for (int i = 0; i < theta.length; i++) {
            double t = theta[i];
            if (t + epsilon == t || (method == Method.CENTRAL && t - epsilon == t)) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "ε = %s is lost in rounding at θ[%d] = %s (θ ± ε rounds to θ), so the difference there would be 0 "
                                + "whatever the gradient; use ε ≈ 1e-4 (at least about 1e-8·|θ|)", epsilon, i, t));
            }
        }
        double[] grad = new double[theta.length];
        int evaluations = 0;
        double base = 0;
        if (method == Method.FORWARD) {
            base = J.applyAsDouble(theta);
            evaluations++;
        }
        for (int i = 0; i < theta.length; i++) {
            double keep = theta[i];
            theta[i] = keep + epsilon;
            double plus = J.applyAsDouble(theta);
            evaluations++;
            if (method == Method.CENTRAL) {
                theta[i] = keep - epsilon;
                double minus = J.applyAsDouble(theta);
                evaluations++;
                grad[i] = (plus - minus) / (2 * epsilon);
            } else {
                grad[i] = (plus - base) / epsilon;
            }
            theta[i] = keep;
        }
        return new Numeric(grad, evaluations);
    }

    private static void requireSettings(Method method, double epsilon) {
        if (method == null) {
            throw new IllegalArgumentException("the method is null; use GradientCheck.Method.CENTRAL (error O(ε²)) or FORWARD (O(ε))");
        }
        if (!(epsilon > 0 && epsilon < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("ε must be a finite number > 0, got " + epsilon + " (1e-4 is the usual choice)");
        }
    }

    /** ‖a − n‖ / ‖a + n‖ (0 when both are zero). */
    public static double relativeDifference(double[] a, double[] n) {
        if (a == null || n == null) {
            throw new IllegalArgumentException("relativeDifference needs two gradients; got " + (a == null ? "null " : "an array ")
                    + "and " + (n == null ? "null" : "an array"));
        }
        if (a.length != n.length) {
            throw new IllegalArgumentException("the gradients have different lengths: " + a.length + " and " + n.length);
        }
        double diff = 0;
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - n[i]) * (a[i] - n[i]);
            sum += (a[i] + n[i]) * (a[i] + n[i]);
        }
        return sum == 0 ? 0 : Math.sqrt(diff) / Math.sqrt(sum);
    }

    /** Central differences with ε = 1e-4 on the test-time network. */
    public static Result check(Network net, Cost cost, DMatrixRMaj x, DMatrixRMaj y) {
        return check(net, cost, x, y, Method.CENTRAL, DEFAULT_EPSILON);
    }

    /** Checks ∂J/∂θ of the test-time network; refuses a network with dropout (see the frozen-mask overload). */
    public static Result check(Network net, Cost cost, DMatrixRMaj x, DMatrixRMaj y, Method method, double epsilon) {
        requireInputs(net, cost, x, y);
        if (net.hasDropout()) {
            throw new IllegalArgumentException("dropout is active, so the cost changes from one pass to the next and a "
                    + "finite difference means nothing. Fix the masks: ForwardPass fp = net.newPass(Mode.TRAINING); "
                    + "net.forward(x, fp); fp.freezeMasks(); then GradientCheck.check(net, cost, fp, x, y, method, ε)");
        }
        return run(net, cost, net.newPass(Mode.INFERENCE), x, y, method, epsilon);
    }

    /** Checks ∂J/∂θ of the training-time network with the dropout masks frozen in {@code fp}. */
    public static Result check(Network net, Cost cost, ForwardPass fp, DMatrixRMaj x, DMatrixRMaj y, Method method, double epsilon) {
        requireInputs(net, cost, x, y);
        if (fp == null) {
            throw new IllegalArgumentException("the forward pass is null; make one with net.newPass(Mode.TRAINING) and freeze its masks");
        }
        if (fp.hasMasks() && !fp.masksFrozen()) {
            throw new IllegalArgumentException("this pass draws new dropout masks every time; call fp.freezeMasks() after a forward pass first");
        }
        return run(net, cost, fp, x, y, method, epsilon);
    }

    /** The cost, then one finite scan of x and the parameters (method and ε are checked by {@link #numeric}). */
    private static void requireInputs(Network net, Cost cost, DMatrixRMaj x, DMatrixRMaj y) {
        if (cost == null) {
            throw new IllegalArgumentException("the cost is null; e.g. Cost.of(Loss.quadratic(), Reduction.SUM)");
        }
        cost.requireFinite(net, x, y);
    }

    private static Result run(Network net, Cost cost, ForwardPass fp, DMatrixRMaj x, DMatrixRMaj y, Method method, double epsilon) {
        net.forward(x, fp);
        Gradients g = new Gradients(net);
        cost.gradient(net, fp, y, g);
        double[] analytic = g.unrolled();
        double[] theta = net.parameters();
        long start = System.nanoTime();
        Numeric numeric = numeric(t -> {
            net.setParameters(t);
            net.forward(x, fp);
            return cost.value(net, fp, y);
        }, theta, method, epsilon);
        long nanos = System.nanoTime() - start;
        net.setParameters(theta);
        requireChange(analytic, numeric.gradient(), epsilon);
        return new Result(net, analytic, numeric.gradient(), numeric.costEvaluations(), method, epsilon, nanos);
    }

    /** Refuses a check where J never changed: every difference 0 while backprop's gradient is not. */
    private static void requireChange(double[] analytic, double[] numeric, double epsilon) {
        boolean backpropZero = true;
        for (int i = 0; i < numeric.length; i++) {
            if (numeric[i] != 0) {
                return;
            }
            backpropZero &= analytic[i] == 0;
        }
        if (!backpropZero) {
            throw new IllegalArgumentException("every finite difference is 0 with ε = " + epsilon + ": J(θ ± ε) rounds to J(θ), "
                    + "so the relative difference would be 1 and mean nothing; use ε ≈ 1e-4 (below about 1e-8 the rounding "
                    + "of J, divided by ε, dominates the difference)");
        }
    }

    /** The outcome: both gradients in the order of {@link Network#parameters()}, and how it was obtained. */
    public static final class Result {
        private final int[] sizes;
        private final int[] units;
        private final double[] analytic;
        private final double[] numeric;
        private final int costEvaluations;
        private final Method method;
        private final double epsilon;
        private final long nanos;

        Result(Network net, double[] analytic, double[] numeric, int costEvaluations, Method method, double epsilon, long nanos) {
            this.sizes = net.sizes();
            this.units = new int[net.depth() + 1];
            for (int l = 1; l <= net.depth(); l++) {
                Layer layer = net.layer(l);
                units[l] = layer.units();
            }
            this.analytic = analytic;
            this.numeric = numeric;
            this.costEvaluations = costEvaluations;
            this.method = method;
            this.epsilon = epsilon;
            this.nanos = nanos;
        }

        public double[] analytic() {
            return analytic.clone();
        }

        public double[] numeric() {
            return numeric.clone();
        }

        /** ‖a − n‖ / ‖a + n‖ over all parameters. */
        public double relativeError() {
            return relativeDifference(analytic, numeric);
        }

        /** |aᵢ − nᵢ| / (|aᵢ| + |nᵢ|) per parameter (0 where both are 0). */
        public double[] perParameterRelativeError() {
            double[] r = new double[analytic.length];
            for (int i = 0; i < r.length; i++) {
                double denominator = Math.abs(analytic[i]) + Math.abs(numeric[i]);
                r[i] = denominator == 0 ? 0 : Math.abs(analytic[i] - numeric[i]) / denominator;
            }
            return r;
        }

        public int costEvaluations() {
            return costEvaluations;
        }

        public Method method() {
            return method;
        }

        public double epsilon() {
            return epsilon;
        }

        /** Wall time of the numerical part, in seconds. */
        public double seconds() {
            return nanos / 1e9;
        }

        /** Θ(l)[row, column] in the course's 1-based numbering (column 1 is the bias) of unrolled position i (0-based). */
        public String parameterName(int i) {
            int offset = 0;
            for (int l = 1; l < units.length; l++) {
                int rows = units[l];
                int cols = sizes[l - 1] + 1;
                if (i < offset + rows * cols) {
                    int k = i - offset;
                    return "Θ(" + l + ")[" + (k % rows + 1) + "," + (k / rows + 1) + "]";
                }
                offset += rows * cols;
            }
            throw new IllegalArgumentException("position " + i + " is past the last parameter " + (analytic.length - 1));
        }

        /** One row per parameter: position (1-based), name, backprop, numerical, |Δ|, relative error. */
        public Table table() {
            int n = analytic.length;
            int[] position = new int[n];
            String[] names = new String[n];
            double[] diff = new double[n];
            for (int i = 0; i < n; i++) {
                position[i] = i + 1;
                names[i] = parameterName(i);
                diff[i] = Math.abs(analytic[i] - numeric[i]);
            }
            // six significant digits: enough to see where backprop and the finite difference part
            return Tables.format(Table.create("gradient check (" + method + ", ε = " + epsilon + ")",
                    IntColumn.create("#", position),
                    StringColumn.create("parameter", names),
                    DoubleColumn.create("backprop", analytic.clone()),
                    DoubleColumn.create("numerical", numeric.clone()),
                    DoubleColumn.create("|Δ|", diff),
                    DoubleColumn.create("relative", perParameterRelativeError())), 6);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT,
                    "gradient check (%s, ε = %s): relative difference %.3e over %d parameters, %d cost evaluations",
                    method, epsilon, relativeError(), analytic.length, costEvaluations);
        }
    }
}
