package nnlab.net;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;

import static nnlab.Refused.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Input that used to pass silently (NaN results, bare JDK or EJML exceptions) now fails with a message. */
class BadInputTest {
    private static final MathContext MC = new MathContext(40);


    private static Network net(Activation output) {
        return Network.builder(3).dense(4, Activation.tanh()).dense(2, output).init(Init.xavier(), 7).build();
    }

    private static DMatrixRMaj x() {
        return new DMatrixRMaj(new double[][]{{0.1, 0.2, 0.3}, {0.4, 0.5, 0.6}});
    }

    private static DMatrixRMaj y() {
        return new DMatrixRMaj(new double[][]{{1, 0}, {0, 1}});
    }

    @Test
    void nonFiniteInputsTargetsAndWeightsAreNamedByTheCost() {
        Cost cost = Cost.of(Loss.quadratic(), Reduction.MEAN);
        Network net = net(Activation.sigmoid());
        DMatrixRMaj x = x();
        x.set(1, 2, Double.NaN);
        refused(() -> cost.value(net, x, y()), "inputs x", "NaN", "row 1, column 2");
        refused(() -> cost.gradient(net, x, y()), "inputs x", "row 1, column 2");
        DMatrixRMaj y = y();
        y.set(0, 1, Double.POSITIVE_INFINITY);
        refused(() -> cost.value(net, x(), y), "quadratic", "targets y", "Infinity", "row 0, column 1");
        refused(() -> cost.gradient(net, x(), y), "targets y", "row 0, column 1");
        net.layer(2).W().set(1, 3, Double.NEGATIVE_INFINITY);
        refused(() -> cost.value(net, x(), y()), "W(2)", "-Infinity", "(1, 3)", "initialize(");
        Network nanBias = net(Activation.sigmoid());
        nanBias.layer(1).b().set(2, 0, Double.NaN);
        refused(() -> cost.gradient(nanBias, x(), y()), "b(1)", "NaN", "(2, 0)");
        refused(() -> cost.value(null, x(), y()), "no network");
        refused(() -> cost.gradient(net(Activation.sigmoid()), null, y()), "no x");
        refused(() -> cost.value(net(Activation.sigmoid()), x(), null), "no y");
        refused(() -> cost.value(null, net.forward(x()), y()), "no network");
        refused(() -> cost.gradient(net, null, y(), new Gradients(net)), "no pass");
        refused(() -> Init.uniform(0), "a finite number > 0");
    }

    @Test
    void crossEntropyTargetsMustBeProbabilities() {
        Cost cost = Cost.of(Loss.crossEntropy(), Reduction.SUM);
        DMatrixRMaj y = new DMatrixRMaj(new double[][]{{1, 0}, {0, 2.0}});
        refused(() -> cost.value(net(Activation.sigmoid()), x(), y), "2.0", "row 1, column 1", "outside [0, 1]", "Loss.quadratic()");
        refused(() -> cost.gradient(net(Activation.sigmoid()), x(), y), "row 1, column 1");
        y.set(1, 1, -0.5);
        refused(() -> Loss.crossEntropy().gradient(new DMatrixRMaj(2, 2), y, new DMatrixRMaj(2, 2)), "-0.5");
        // soft targets are probabilities too
        y.set(1, 1, 0.25);
        assertTrue(Double.isFinite(cost.value(net(Activation.sigmoid()), x(), y)));
    }

    @Test
    void softmaxTargetsMustBeDistributionsEvenWhenTheySumToOne() {
        Cost cost = Cost.of(Loss.softmaxCrossEntropy(), Reduction.SUM);
        Network net = net(Activation.softmax());
        refused(() -> cost.value(net, x(), new DMatrixRMaj(new double[][]{{1, 0}, {2, -1}})), "2.0", "row 1, column 0",
                "probability distribution", "one-hot");
        refused(() -> cost.gradient(net, x(), new DMatrixRMaj(new double[][]{{1, 0}, {-1, 2}})), "-1.0", "row 1, column 0");
        Network three = Network.builder(3).dense(3, Activation.softmax()).init(Init.xavier(), 1).build();
        DMatrixRMaj nan = new DMatrixRMaj(new double[][]{{0.5, Double.NaN, 0.5}});
        refused(() -> Loss.softmaxCrossEntropy().value(Activation.softmax(), new DMatrixRMaj(1, 3), new DMatrixRMaj(1, 3), nan),
                "NaN", "row 0, column 1");
        refused(() -> cost.value(three, new DMatrixRMaj(new double[][]{{1, 2, 3}}), new DMatrixRMaj(new double[][]{{0.5, 0.25, 0}})),
                "row 0 sums to 0.75", "one-hot");
    }

    @Test
    void aLossTheOutputCannotFeedIsRefusedWithTheActivationToUse() {
        Network identity = net(Activation.identity());
        refused(() -> Cost.of(Loss.crossEntropy(), Reduction.MEAN).value(identity, x(), y()), "identity",
                "outputs in (0, 1)", "Activation.sigmoid()");
        refused(() -> Cost.of(Loss.crossEntropy(), Reduction.MEAN).gradient(net(Activation.tanh()), x(), y()), "tanh");
        refused(() -> Cost.of(Loss.softmaxCrossEntropy(), Reduction.MEAN).value(net(Activation.relu()), x(), y()), "ReLU",
                "Activation.softmax()");
        refused(() -> Backprop.vectorized(identity, Loss.crossEntropy(), Reduction.SUM, x(), y()), "identity");
        // the pairs that are defined stay allowed: cross-entropy on softmax outputs, quadratic on anything
        assertTrue(Double.isFinite(Cost.of(Loss.crossEntropy(), Reduction.MEAN).value(net(Activation.softmax()), x(), y())));
        assertTrue(Double.isFinite(Cost.of(Loss.quadratic(), Reduction.MEAN).value(identity, x(), y())));
    }

    @Test
    void infiniteStrengthsAndRangesAreRefused() {
        refused(() -> Regularizer.l2(Double.POSITIVE_INFINITY), "finite", "λ₂ = Infinity");
        refused(() -> Regularizer.l1(Double.POSITIVE_INFINITY), "λ₁ = Infinity");
        refused(() -> Regularizer.l1(Double.NaN), "λ₁ = NaN");
        refused(() -> Init.uniform(Double.POSITIVE_INFINITY), "INIT_EPSILON", "finite", "0.12");
        refused(() -> Init.normal(Double.POSITIVE_INFINITY), "finite", "Init.he()");
        refused(() -> net(Activation.sigmoid()).initialize(null, 1), "initializer is null");
    }

    @Test
    void nullsAndNegativeSizesDoNotReachTheJdkOrEjml() {
        Network net = net(Activation.sigmoid());
        refused(() -> net.predict(null), "input x is null", "(n × 3)");
        refused(() -> net.forward(x(), null), "newPass(");
        refused(() -> Params.reshape(null, 1, 4, 2, 2), "null", "net.parameters()");
        refused(() -> Params.reshape(new double[]{1, 2, 3, 4}, 1, 4, -2, -2), "-2 × -2", "at least one row");
        refused(() -> Params.reshape(new double[]{1, 2, 3, 4}, 1, 4, 4, 0), "4 × 0");
        refused(() -> Params.unroll((DMatrixRMaj[]) null), "no matrices");
        refused(() -> Params.unroll(new DMatrixRMaj(1, 1), null), "matrix 2 of 2", "null");
    }

    /** ln 2 to 40 digits: Σ 1/(k·2^k) for k ≥ 1. */
    private static BigDecimal ln2() {
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal power = BigDecimal.ONE;
        for (int k = 1; k < 150; k++) {
            power = power.multiply(BigDecimal.valueOf(2));
            sum = sum.add(BigDecimal.ONE.divide(power.multiply(BigDecimal.valueOf(k)), MC), MC);
        }
        return sum;
    }

    /** e^(−1) by its Taylor series. */
    private static BigDecimal expMinusOne() {
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal term = BigDecimal.ONE;
        for (int k = 1; k < 60; k++) {
            sum = sum.add(term, MC);
            term = term.negate().divide(BigDecimal.valueOf(k), MC);
        }
        return sum;
    }

    /** ln(1 + u) = 2 atanh(u / (2 + u)), an odd series in a number below 1/5. */
    private static BigDecimal log1p(BigDecimal u) {
        BigDecimal t = u.divide(u.add(BigDecimal.valueOf(2)), MC);
        BigDecimal t2 = t.multiply(t, MC);
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal power = t;
        for (int k = 1; k < 120; k += 2) {
            sum = sum.add(power.divide(BigDecimal.valueOf(k), MC), MC);
            power = power.multiply(t2, MC);
        }
        return sum.multiply(BigDecimal.valueOf(2), MC);
    }

    private static double softmaxCrossEntropy(double[] z, double[] y) {
        DMatrixRMaj zm = new DMatrixRMaj(1, z.length, true, z);
        DMatrixRMaj a = new DMatrixRMaj(1, z.length);
        Activation.softmax().forward(zm, a);
        return Loss.softmaxCrossEntropy().value(Activation.softmax(), zm, a, new DMatrixRMaj(1, y.length, true, y));
    }

    /** −ln(e^z₁ / (e^z₁ + e^z₂)) at large |z|, against 40-digit values computed here with BigDecimal. */
    @Test
    void softmaxCrossEntropyKeepsItsDigitsAtLargeZ() {
        double ln2 = ln2().doubleValue();
        assertEquals(ln2, softmaxCrossEntropy(new double[]{-1000, -1000}, new double[]{1, 0}), Math.ulp(ln2));
        assertEquals(ln2, softmaxCrossEntropy(new double[]{-1e8, -1e8}, new double[]{0, 1}), Math.ulp(ln2));
        // z = [−1e8, −1e8 − 1], y = [1, 0]: C = ln(1 + e^(−1))
        double expected = log1p(expMinusOne()).doubleValue();
        assertEquals(expected, softmaxCrossEntropy(new double[]{-1e8, -1e8 - 1}, new double[]{1, 0}), 2 * Math.ulp(expected));
        // y = [0, 1]: C = 1 + ln(1 + e^(−1))
        double second = log1p(expMinusOne()).add(BigDecimal.ONE).doubleValue();
        assertEquals(second, softmaxCrossEntropy(new double[]{-1e8, -1e8 - 1}, new double[]{0, 1}), 2 * Math.ulp(second));
    }

    /**
     * ∂C/∂a of sigmoid cross-entropy where one term of C vanishes: at (a = 1, y = 1) C = −ln a, whose
     * derivative −1/a is −1; at (a = 0, y = 0) C = −ln(1 − a), derivative 1. Checked against a one-sided
     * difference of the value, which is finite there.
     */
    @Test
    void crossEntropyDerivativeHasItsLimitsWhereATermVanishes() {
        double h = 1e-7;
        double[][] cases = {{1, 1, -1}, {0, 0, 1}};
        for (double[] c : cases) {
            DMatrixRMaj a = new DMatrixRMaj(new double[][]{{c[0]}});
            DMatrixRMaj y = new DMatrixRMaj(new double[][]{{c[1]}});
            DMatrixRMaj dA = new DMatrixRMaj(1, 1);
            Loss.crossEntropy().gradient(a, y, dA);
            double inside = c[0] == 1 ? 1 - h : h;
            double difference = (Loss.crossEntropy().value(a, y) - Loss.crossEntropy().value(new DMatrixRMaj(new double[][]{{inside}}), y))
                    / (c[0] - inside);
            assertEquals(c[2], dA.get(0, 0), 0, "a = " + c[0] + ", y = " + c[1]);
            assertEquals(c[2], difference, 1e-6, "the finite difference");
        }
        // where the limit is infinite it stays so: a confident wrong output
        DMatrixRMaj dA = new DMatrixRMaj(1, 1);
        Loss.crossEntropy().gradient(new DMatrixRMaj(new double[][]{{1}}), new DMatrixRMaj(new double[][]{{0}}), dA);
        assertEquals(Double.POSITIVE_INFINITY, dA.get(0, 0));
    }
}
