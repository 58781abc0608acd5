package nnlab.net;

import nnlab.check.GradientCheck;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cases the other tests left open (found by mutation testing): each expected value comes from a formula
 * written out here, or from a finite difference of the cost.
 */
class NetEdgeCasesTest {
    private static final DMatrixRMaj X = new DMatrixRMaj(new double[][]{{0.2, -0.4, 0.9}, {-0.6, 0.1, 0.3}});

    /** J as a function of the parameter vector, at test time. */
    private static double[] finiteDifference(Network net, Cost cost, DMatrixRMaj x, DMatrixRMaj y) {
        double[] theta = net.parameters();
        double[] g = GradientCheck.numeric(t -> {
            net.setParameters(t);
            return cost.value(net, x, y);
        }, theta, GradientCheck.Method.CENTRAL, 1e-5).gradient();
        net.setParameters(theta);
        return g;
    }

    private static void assertGradientMatchesFiniteDifference(Network net, Cost cost, DMatrixRMaj x, DMatrixRMaj y) {
        double[] backprop = cost.gradient(net, x, y).unrolled();
        double[] numeric = finiteDifference(net, cost, x, y);
        assertTrue(GradientCheck.relativeDifference(backprop, numeric) < 1e-8,
                "backprop " + Arrays.toString(backprop) + " vs " + Arrays.toString(numeric));
    }

    @Test
    void l1GradientIsZeroForAZeroWeight() {
        Network net = Network.builder(2).dense(1, Activation.identity()).init(Init.zeros(), 0).build();
        net.layer(1).W().set(0, 0, 0.5);   // W = [0.5, 0]: sgn = 1 and sgn(0) = 0
        DMatrixRMaj x = new DMatrixRMaj(new double[][]{{1, 1}});
        DMatrixRMaj y = new DMatrixRMaj(new double[][]{{0.5}});
        Cost cost = Cost.of(Loss.quadratic(), Reduction.SUM).with(Regularizer.l1(0.3));
        // the output is exactly the target, so ∂J/∂W is the L1 term alone: λ sgn(w)
        DMatrixRMaj dW = cost.gradient(net, x, y).dW(1);
        assertEquals(0.3, dW.get(0, 0), 1e-15);
        assertEquals(0.0, dW.get(0, 1), 0.0);
        assertEquals(0.3 * 0.5, cost.value(net, x, y), 1e-15, "λ Σ|w| with no ½");
    }

    @Test
    void l1AndL2TogetherMatchAFiniteDifference() {
        Network net = Network.builder(3).dense(2, Activation.tanh()).dense(2, Activation.sigmoid()).init(Init.uniform(0.7), 4).build();
        DMatrixRMaj y = new DMatrixRMaj(new double[][]{{0, 1}, {1, 0}});
        assertGradientMatchesFiniteDifference(net, Cost.of(Loss.crossEntropy(), Reduction.MEAN).with(new Regularizer(0.05, 0.2)), X, y);
    }

    @Test
    void crossEntropyWithSoftTargetsIsTheFormula() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][]{{0.8, 0.3}});
        DMatrixRMaj y = new DMatrixRMaj(new double[][]{{0.3, 0.6}});
        double expected = -0.3 * Math.log(0.8) - 0.7 * Math.log(0.2) - 0.6 * Math.log(0.3) - 0.4 * Math.log(0.7);
        assertEquals(expected, Loss.crossEntropy().value(a, y), 1e-14);
        DMatrixRMaj dA = new DMatrixRMaj(1, 2);
        Loss.crossEntropy().gradient(a, y, dA);
        assertEquals(-0.3 / 0.8 + 0.7 / 0.2, dA.get(0, 0), 1e-13);
        assertEquals(-0.6 / 0.3 + 0.4 / 0.7, dA.get(0, 1), 1e-13);
        // and the stable form from z: softplus(z) − y z
        DMatrixRMaj z = new DMatrixRMaj(new double[][]{{1.2, -0.7}});
        DMatrixRMaj s = new DMatrixRMaj(1, 2);
        Activation.sigmoid().forward(z, s);
        double fromZ = Math.log1p(Math.exp(1.2)) - 0.3 * 1.2 + Math.log1p(Math.exp(-0.7)) + 0.6 * 0.7;
        assertEquals(fromZ, Loss.crossEntropy().value(Activation.sigmoid(), z, s, y), 1e-14);
    }

    @Test
    void softTargetsAndUnmatchedOutputsMatchAFiniteDifference() {
        DMatrixRMaj soft = new DMatrixRMaj(new double[][]{{0.3, 0.7}, {0.9, 0.1}});
        Network sigmoid = Network.builder(3).dense(4, Activation.relu()).dense(2, Activation.sigmoid()).init(Init.uniform(0.8), 2).build();
        assertGradientMatchesFiniteDifference(sigmoid, Cost.of(Loss.crossEntropy(), Reduction.SUM), X, soft);
        // cross-entropy on a softmax output takes the general path ∂C/∂a through the softmax Jacobian
        Network softmax = Network.builder(3).dense(4, Activation.tanh()).dense(2, Activation.softmax()).init(Init.uniform(0.8), 3).build();
        assertGradientMatchesFiniteDifference(softmax, Cost.of(Loss.crossEntropy(), Reduction.MEAN), X, soft);
        assertGradientMatchesFiniteDifference(softmax, Cost.of(Loss.softmaxCrossEntropy(), Reduction.SUM), X, soft);
        Network sigmoidOut = Network.builder(3).dense(2, Activation.sigmoid()).init(Init.uniform(0.8), 5).build();
        assertGradientMatchesFiniteDifference(sigmoidOut, Cost.of(Loss.softmaxCrossEntropy(), Reduction.SUM), X, soft);
    }

    @Test
    void classicDropoutsTestTimeScaleReachesTheGradient() {
        Network net = Network.builder(3).dense(4, Activation.sigmoid()).dropout(Dropout.classic(0.4)).dense(2, Activation.sigmoid())
                .init(Init.uniform(0.9), 6).build();
        DMatrixRMaj y = new DMatrixRMaj(new double[][]{{1, 0}, {0, 1}});
        Cost cost = Cost.of(Loss.quadratic(), Reduction.SUM);
        // at test time the hidden outputs are × 0.6, so backprop must scale ∂C/∂a by 0.6 too
        double[] backprop = Backprop.vectorized(net, Loss.quadratic(), Reduction.SUM, X, y).unrolled();
        double[] numeric = finiteDifference(net, cost, X, y);
        assertTrue(GradientCheck.relativeDifference(backprop, numeric) < 1e-8, Arrays.toString(backprop));
    }

    @Test
    void copyKeepsBiasesAndIsIndependent() {
        Network net = Network.builder(3).dense(2, Activation.sigmoid()).init(Init.uniform(0.5), 8).build();
        Network copy = net.copy();
        assertArrayEquals(net.parameters(), copy.parameters(), 0);
        assertNotEquals(0.0, copy.layer(1).b().get(1, 0), "uniform initialization draws the biases too");
        copy.layer(1).b().set(1, 0, 42);
        assertNotEquals(42.0, net.layer(1).b().get(1, 0));
    }

    @Test
    void aBuilderBuildsIndependentEqualNetworks() {
        Network.Builder builder = Network.builder(3).dense(2, Activation.sigmoid()).init(Init.uniform(0.5), 8);
        Network first = builder.build();
        Network second = builder.build();
        assertArrayEquals(first.parameters(), second.parameters(), 0);
        first.layer(1).W().set(0, 0, 7);
        assertNotEquals(7.0, second.layer(1).W().get(0, 0));
    }

    @Test
    void reinitializingGivesTheWeightsOfAFreshBuild() {
        Network net = Network.builder(3).dense(2, Activation.sigmoid()).init(Init.uniform(0.5), 8).build();
        net.initialize(Init.uniform(0.5), 9);
        Network fresh = Network.builder(3).dense(2, Activation.sigmoid()).init(Init.uniform(0.5), 9).build();
        assertArrayEquals(fresh.parameters(), net.parameters(), 0);
    }

    @Test
    void theDefaultDropoutSeedIsTheInitSeedPlusOne() {
        Network implicit = Network.builder(3).dense(50, Activation.sigmoid()).dropout(0.5).dense(1, Activation.sigmoid())
                .init(Init.uniform(0.5), 8).build();
        Network explicit = Network.builder(3).dense(50, Activation.sigmoid()).dropout(0.5).dense(1, Activation.sigmoid())
                .init(Init.uniform(0.5), 8).dropoutSeed(9).build();
        Network other = Network.builder(3).dense(50, Activation.sigmoid()).dropout(0.5).dense(1, Activation.sigmoid())
                .init(Init.uniform(0.5), 8).dropoutSeed(8).build();
        ForwardPass a = implicit.newPass(Mode.TRAINING);
        ForwardPass b = explicit.newPass(Mode.TRAINING);
        ForwardPass c = other.newPass(Mode.TRAINING);
        implicit.forward(X, a);
        explicit.forward(X, b);
        other.forward(X, c);
        assertArrayEquals(b.mask(1).data, a.mask(1).data, 0);
        assertTrue(!Arrays.equals(c.mask(1).data, a.mask(1).data), "another seed gives other masks");
    }

    @Test
    void maxoutBackwardOverwritesAReusedBuffer() {
        Activation maxout = Activation.maxout(2);
        DMatrixRMaj z = new DMatrixRMaj(new double[][]{{1, 3, 5, 2}});
        DMatrixRMaj a = new DMatrixRMaj(1, 2);
        maxout.forward(z, a);
        DMatrixRMaj dA = new DMatrixRMaj(new double[][]{{10, 20}});
        DMatrixRMaj dZ = new DMatrixRMaj(new double[][]{{-1, -1, -1, -1}});
        maxout.backward(z, a, dA, dZ);
        assertArrayEquals(new double[]{0, 10, 20, 0}, dZ.data, 0, "only the winners get the gradient; the rest is 0");
    }

    @Test
    void maxoutNetworkMatchesAFiniteDifference() {
        Network net = Network.builder(3).maxout(3, 2).dense(2, Activation.sigmoid()).init(Init.uniform(0.9), 11).build();
        DMatrixRMaj y = new DMatrixRMaj(new double[][]{{1, 0}, {0, 1}});
        assertGradientMatchesFiniteDifference(net, Cost.of(Loss.crossEntropy(), Reduction.SUM), X, y);
        // maxout as the output layer takes the general path ∂C/∂a → ∂C/∂z, which needs its own buffer
        Network top = Network.builder(3).dense(4, Activation.tanh()).maxout(2, 3).init(Init.uniform(0.9), 12).build();
        assertGradientMatchesFiniteDifference(top, Cost.of(Loss.quadratic(), Reduction.SUM), X, y);
    }
}
