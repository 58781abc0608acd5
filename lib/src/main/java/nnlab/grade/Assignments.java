package nnlab.grade;

import nnlab.check.GradientCheck;
import nnlab.net.Activation;
import nnlab.net.Backprop;
import nnlab.net.Cost;
import nnlab.net.Init;
import nnlab.net.Loss;
import nnlab.net.Network;
import nnlab.net.Params;
import nnlab.linalg.Matrices;
import nnlab.net.Reduction;
import nnlab.net.Regularizer;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The graders of the three exercise notebooks. Each checks the student's methods by independent means:
 * values computed here from the formulas, the library's own implementation on seeded random inputs, and
 * finite differences of the cost.
 *
 * <p>In a notebook, {@code Assignments.exercise1()} (no arguments) shows the score table and looks the
 * student's methods up by name when each part is graded ({@link Grading#part(String)}, one grade cell per
 * part), so a method whose cell does not compile costs only its own parts. With arguments (the methods
 * as lambdas or method references) all parts are graded at once and the {@link Grader.Report} returned.
 */
public final class Assignments {
    private Assignments() {}

    // ---- exercise 1: sigmoid gradient, cost with regularization, unrolling (course notes) ----

    /** The student's g′(z) applied element-wise. */
    @FunctionalInterface
    public interface ArrayFunction {
        double[] apply(double[] z);
    }

    /**
     * The student's cost J(Θ) of a 3-layer sigmoid network (input, one hidden layer, numLabels outputs),
     * parameters unrolled as [Θ1(:); Θ2(:)] with bias columns first, X (m × inputSize), labels 0 … K−1.
     */
    @FunctionalInterface
    public interface NnCost {
        double cost(double[] nnParams, int inputSize, int hiddenSize, int numLabels, DMatrixRMaj X, int[] y, double lambda);
    }

    /** The student's [Θ1(:); Θ2(:); …]. */
    @FunctionalInterface
    public interface Unroll {
        double[] unroll(DMatrixRMaj... thetas);
    }

    /** The student's reshape(v(from:to), rows, cols) with 1-based inclusive positions. */
    @FunctionalInterface
    public interface Reshape {
        DMatrixRMaj reshape(double[] v, int from, int to, int rows, int cols);
    }

    /** Grades all parts of exercise 1 at once. */
    public static Grader.Report exercise1(ArrayFunction sigmoidGradient, NnCost cost, Unroll unroll, Reshape reshape) {
        return grader1(sigmoidGradient, cost, unroll, reshape).run();
    }

    /** The score table of exercise 1 for a notebook; grades {@code sigmoidGradient}, {@code nnCost}, {@code unroll}, {@code reshape}. */
    public static Grading exercise1() {
        return inNotebook(code -> grader1(code.bind("sigmoidGradient", ArrayFunction.class), code.bind("nnCost", NnCost.class),
                code.bind("unroll", Unroll.class), code.bind("reshape", Reshape.class)));
    }

    /** The grader made with the student's methods of the calling notebook, shown as a score table. */
    private static Grading inNotebook(Function<StudentCode, Grader> grader) {
        StudentCode code = StudentCode.ofCaller();
        return grader.apply(code).show(code);
    }

    static Grader grader1(ArrayFunction sigmoidGradient, NnCost cost, Unroll unroll, Reshape reshape) {
        CourseProblem p = CourseProblem.make();
        return new Grader("Exercise 1: sigmoid gradient, cost function, unrolling")
                .part("sigmoidGradient", 2, () -> {
                    double[] z = {-1, -0.5, 0, 0.5, 1, 1000, -1000};
                    double[] expected = new double[z.length];
                    for (int i = 0; i < z.length; i++) {
                        double s = 1 / (1 + Math.exp(-z[i]));
                        expected[i] = s * (1 - s);
                    }
                    Expect.close("g'(z) at z = " + java.util.Arrays.toString(z), expected, sigmoidGradient.apply(z.clone()), 1e-12);
                })
                .part("cost without regularization", 3, () -> Expect.close("J(Θ) with λ = 0", p.cost(0),
                        cost.cost(p.theta.clone(), p.in, p.hidden, p.labels, p.X.copy(), p.y.clone(), 0), 1e-10))
                .part("regularization term", 2, () -> {
                    double lambda = 1.5;
                    double reg = cost.cost(p.theta.clone(), p.in, p.hidden, p.labels, p.X.copy(), p.y.clone(), lambda);
                    double plain = cost.cost(p.theta.clone(), p.in, p.hidden, p.labels, p.X.copy(), p.y.clone(), 0);
                    Expect.close("J(λ = 1.5) − J(0), which should be λ/(2m)·Σθ² without the bias column", p.cost(lambda) - p.cost(0),
                            reg - plain, 1e-10);
                })
                .part("unroll", 1, () -> {
                    DMatrixRMaj[] thetas = {coded(1, 10, 11), coded(2, 10, 11), coded(3, 10, 11)};
                    Expect.close("thetaVec = [Θ1(:); Θ2(:); Θ3(:)]", Params.unroll(thetas), unroll.unroll(thetas), 0);
                })
                .part("reshape", 1, () -> {
                    double[] thetaVec = Params.unroll(coded(1, 10, 11), coded(2, 10, 11), coded(3, 10, 11));
                    Expect.close("reshape(thetaVec(111:220), 10, 11)", coded(2, 10, 11), reshape.reshape(thetaVec, 111, 220, 10, 11), 0);
                    Expect.close("reshape(v(3:8), 2, 3)", Params.reshape(thetaVec, 3, 8, 2, 3), reshape.reshape(thetaVec, 3, 8, 2, 3), 0);
                });
    }

    /** A small seeded classification problem and its reference cost from the library. */
    private record CourseProblem(int in, int hidden, int labels, double[] theta, DMatrixRMaj X, int[] y, Network net) {
        static CourseProblem make() {
            int in = 4;
            int hidden = 5;
            int labels = 3;
            Network net = Network.builder(in).dense(hidden, Activation.sigmoid()).dense(labels, Activation.sigmoid())
                    .init(Init.uniform(0.8), 2024).build();
            SplittableRandom r = new SplittableRandom(7);
            int m = 7;
            DMatrixRMaj X = new DMatrixRMaj(m, in);
            int[] y = new int[m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < in; j++) {
                    X.set(i, j, r.nextDouble(-1, 1));
                }
                y[i] = i % labels;
            }
            return new CourseProblem(in, hidden, labels, net.parameters(), X, y, net);
        }

        double cost(double lambda) {
            DMatrixRMaj Y = new DMatrixRMaj(y.length, labels);
            for (int i = 0; i < y.length; i++) {
                Y.set(i, y[i], 1);
            }
            return Cost.of(Loss.crossEntropy(), Reduction.MEAN).with(Regularizer.l2(lambda)).value(net, X, Y);
        }
    }

    /** A matrix whose entries encode matrix, row and column, so any misplacement is visible. */
    private static DMatrixRMaj coded(int k, int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m.set(r, c, k * 10000 + r * 100 + c);
            }
        }
        return m;
    }

    // ---- exercise 2: backprop for any depth, one example and vectorized ----

    /** The student's backprop for one example: W(l) (out × in), b(l) (out × 1), x (in × 1), y (K × 1). */
    @FunctionalInterface
    public interface BackpropOne {
        Backprop.Nabla backprop(List<DMatrixRMaj> weights, List<DMatrixRMaj> biases, DMatrixRMaj x, DMatrixRMaj y);
    }

    /** The student's vectorized gradient of the MEAN quadratic cost: X (n × in), Y (n × K). */
    @FunctionalInterface
    public interface BackpropBatch {
        Backprop.Nabla gradient(List<DMatrixRMaj> weights, List<DMatrixRMaj> biases, DMatrixRMaj X, DMatrixRMaj Y);
    }

    /** Grades all parts of exercise 2 at once. */
    public static Grader.Report exercise2(BackpropOne one, BackpropBatch batch) {
        return grader2(one, batch).run();
    }

    /** The score table of exercise 2 for a notebook; grades {@code backpropOne} and {@code backpropBatch}. */
    public static Grading exercise2() {
        return inNotebook(code -> grader2(code.bind("backpropOne", BackpropOne.class), code.bind("backpropBatch", BackpropBatch.class)));
    }

    /** Sigmoid layers throughout, quadratic cost C = ½Σ(y − a)². */
    static Grader grader2(BackpropOne one, BackpropBatch batch) {
        return new Grader("Exercise 2: backprop for a network of any depth")
                .part("one example, one hidden layer", 2, () -> compareSingle(one, new int[]{3, 4, 2}, 1))
                .part("one example, any depth", 3, () -> {
                    compareSingle(one, new int[]{3, 2}, 2);
                    compareSingle(one, new int[]{2, 3, 3, 3, 2}, 3);
                    compareSingle(one, new int[]{5, 4, 4, 1}, 4);
                })
                .part("vectorized batch vs finite differences", 3, () -> {
                    Network net = sigmoidNet(new int[]{4, 5, 3, 2}, 5);
                    DMatrixRMaj X = randomMatrix(6, 4, 6);
                    DMatrixRMaj Y = randomMatrix(6, 2, 7);
                    Backprop.Nabla student = batch.gradient(weights(net), biases(net), X.copy(), Y.copy());
                    requireShapes(student, net);
                    double[] numeric = GradientCheck.numeric(theta -> {
                        net.setParameters(theta);
                        return Cost.of(Loss.quadratic(), Reduction.MEAN).value(net, X, Y);
                    }, net.parameters(), GradientCheck.Method.CENTRAL, 1e-5).gradient();
                    double rel = GradientCheck.relativeDifference(unrolled(student), numeric);
                    Expect.that(String.format(java.util.Locale.ROOT,
                            "your gradient differs from central differences of the mean cost: relative difference %.3g > 1e-7", rel), rel < 1e-7);
                });
    }

    private static void compareSingle(BackpropOne one, int[] sizes, long seed) {
        Network net = sigmoidNet(sizes, seed);
        DMatrixRMaj x = randomMatrix(sizes[0], 1, seed + 10);
        DMatrixRMaj y = randomMatrix(sizes[sizes.length - 1], 1, seed + 20);
        Backprop.Nabla expected = Backprop.single(net, Loss.quadratic(), x, y);
        Backprop.Nabla student = one.backprop(weights(net), biases(net), x.copy(), y.copy());
        requireShapes(student, net);
        String netName = java.util.Arrays.toString(sizes);
        for (int l = 0; l < net.depth(); l++) {
            Expect.close("nabla_b[" + l + "] of net " + netName, expected.nablaB().get(l), student.nablaB().get(l), 1e-12);
            Expect.close("nabla_w[" + l + "] of net " + netName, expected.nablaW().get(l), student.nablaW().get(l), 1e-12);
        }
    }

    private static void requireShapes(Backprop.Nabla student, Network net) {
        Expect.that("your method returned null instead of a Nabla(nablaB, nablaW)", student != null);
        Expect.that("nablaB or nablaW is null", student.nablaB() != null && student.nablaW() != null);
        Expect.that("expected " + net.depth() + " layers of gradients, got " + student.nablaB().size() + " biases and "
                + student.nablaW().size() + " weights", student.nablaB().size() == net.depth() && student.nablaW().size() == net.depth());
        for (int l = 0; l < net.depth(); l++) {
            requireShape("nabla_b[" + l + "] (shaped like b)", net.layer(l + 1).b(), student.nablaB().get(l));
            requireShape("nabla_w[" + l + "] (shaped like W)", net.layer(l + 1).W(), student.nablaW().get(l));
        }
    }

    private static void requireShape(String what, DMatrixRMaj like, DMatrixRMaj actual) {
        Expect.that(what + " is null", actual != null);
        boolean transposed = actual.numRows == like.numCols && actual.numCols == like.numRows;
        Expect.that(String.format("%s must be (%d × %d), got (%d × %d)%s", what, like.numRows, like.numCols,
                actual.numRows, actual.numCols, transposed ? " — transposed?" : ""),
                actual.numRows == like.numRows && actual.numCols == like.numCols);
    }

    private static Network sigmoidNet(int[] sizes, long seed) {
        Network.Builder b = Network.builder(sizes[0]);
        for (int l = 1; l < sizes.length; l++) {
            b.dense(sizes[l], Activation.sigmoid());
        }
        return b.init(Init.uniform(1.0), seed).build();
    }

    private static List<DMatrixRMaj> weights(Network net) {
        List<DMatrixRMaj> list = new ArrayList<>();
        for (int l = 1; l <= net.depth(); l++) {
            list.add(net.layer(l).W().copy());
        }
        return list;
    }

    private static List<DMatrixRMaj> biases(Network net) {
        List<DMatrixRMaj> list = new ArrayList<>();
        for (int l = 1; l <= net.depth(); l++) {
            list.add(net.layer(l).b().copy());
        }
        return list;
    }

    /** The student's gradient in the order of Network.parameters(): per layer [b W] column-major. */
    private static double[] unrolled(Backprop.Nabla nabla) {
        DMatrixRMaj[] thetas = new DMatrixRMaj[nabla.nablaW().size()];
        for (int l = 0; l < thetas.length; l++) {
            thetas[l] = Params.withBiasColumn(nabla.nablaW().get(l), nabla.nablaB().get(l));
        }
        return Params.unroll(thetas);
    }

    /** Values in (0.05, 0.95): valid sigmoid targets and inputs that keep every unit away from saturation. */
    private static DMatrixRMaj randomMatrix(int rows, int cols, long seed) {
        return Matrices.random(rows, cols, 0.05, 0.95, seed);
    }

    // ---- exercise 3: regularization and dropout (deep-learning notes) ----

    /** The student's in-place update of W with gradient dW (of the data loss only), rate η and strength λ. */
    @FunctionalInterface
    public interface Update {
        void apply(DMatrixRMaj W, DMatrixRMaj dW, double eta, double lambda);
    }

    /** The student's inverted dropout of activations a with drop rate p, masks drawn from the seed. */
    @FunctionalInterface
    public interface DropoutForward {
        DMatrixRMaj apply(DMatrixRMaj a, double p, long seed);
    }

    /** The student's test-time weights for classic dropout. */
    @FunctionalInterface
    public interface TestWeights {
        DMatrixRMaj apply(DMatrixRMaj W, double p);
    }

    /** Grades all parts of exercise 3 at once. */
    public static Grader.Report exercise3(Update l2, Update l1, DropoutForward dropout, TestWeights testWeights) {
        return grader3(l2, l1, dropout, testWeights).run();
    }

    /** The score table of exercise 3 for a notebook; grades {@code l2Update}, {@code l1Update}, {@code dropoutForward}, {@code testWeights}. */
    public static Grading exercise3() {
        return inNotebook(code -> grader3(code.bind("l2Update", Update.class), code.bind("l1Update", Update.class),
                code.bind("dropoutForward", DropoutForward.class), code.bind("testWeights", TestWeights.class)));
    }

    static Grader grader3(Update l2, Update l1, DropoutForward dropout, TestWeights testWeights) {
        return new Grader("Exercise 3: regularization and dropout")
                .part("L2 update (weight decay)", 2, () -> checkUpdate(l2, false))
                .part("L1 update (constant step)", 2, () -> checkUpdate(l1, true))
                .part("inverted dropout forward", 3, () -> checkDropout(dropout))
                .part("classic dropout test weights", 1, () -> {
                    DMatrixRMaj one = new DMatrixRMaj(new double[][]{{1}});
                    Expect.close("a weight of 1 at p = 50 %", new DMatrixRMaj(new double[][]{{0.5}}), testWeights.apply(one, 0.5), 1e-15);
                    DMatrixRMaj W = randomMatrix(3, 4, 31);
                    DMatrixRMaj expected = W.copy();
                    org.ejml.dense.row.CommonOps_DDRM.scale(0.8, expected);
                    Expect.close("W at p = 0.2", expected, testWeights.apply(W.copy(), 0.2), 1e-15);
                });
    }

    private static void checkUpdate(Update update, boolean l1) {
        DMatrixRMaj W = randomMatrix(4, 3, 41);
        W.set(0, 0, 0);
        W.set(1, 1, -0.3);
        DMatrixRMaj dW = randomMatrix(4, 3, 42);
        double eta = 0.5;
        double lambda = 0.1;
        DMatrixRMaj expected = new DMatrixRMaj(4, 3);
        for (int i = 0; i < W.getNumElements(); i++) {
            double w = W.data[i];
            expected.data[i] = l1 ? w - eta * dW.data[i] - eta * lambda * Math.signum(w)
                    : (1 - eta * lambda) * w - eta * dW.data[i];
        }
        DMatrixRMaj student = W.copy();
        update.apply(student, dW.copy(), eta, lambda);
        Expect.close(l1 ? "w − η∂L/∂w − ηλ·sgn(w), with sgn(0) = 0" : "(1 − ηλ)·w − η∂L/∂w", expected, student, 1e-15);
    }

    private static void checkDropout(DropoutForward dropout) {
        double p = 0.3;
        DMatrixRMaj a = randomMatrix(100, 100, 51);
        DMatrixRMaj out = dropout.apply(a.copy(), p, 7);
        Expect.that("your method returned null", out != null);
        Expect.close("shape of the output", new DMatrixRMaj(100, 100), new DMatrixRMaj(out.numRows, out.numCols), 0);
        int dropped = 0;
        for (int i = 0; i < a.getNumElements(); i++) {
            double o = out.data[i];
            if (o == 0) {
                dropped++;
            } else {
                Expect.close("a kept unit is scaled by 1/(1 − p): entry " + i, a.data[i] / (1 - p), o, 1e-12);
            }
        }
        double n = a.getNumElements();
        double sd = Math.sqrt(n * p * (1 - p));
        Expect.that(String.format(java.util.Locale.ROOT, "about p·n = %.0f units should be dropped, you dropped %d", p * n, dropped),
                Math.abs(dropped - p * n) < 5 * sd);
        Expect.close("same seed, same mask", out, dropout.apply(a.copy(), p, 7), 0);
        Expect.that("another seed should give another mask", !java.util.Arrays.equals(out.data, dropout.apply(a.copy(), p, 8).data));
        Expect.close("p = 0 keeps everything", a, dropout.apply(a.copy(), 0, 7), 0);
    }
}
