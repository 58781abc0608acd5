package nnlab.check;

import nnlab.net.Activation;
import nnlab.net.Cost;
import nnlab.net.Init;
import nnlab.net.Loss;
import nnlab.net.Network;
import nnlab.net.Reduction;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientCheckTest {
    private final Network net = Network.builder(3).dense(4, Activation.sigmoid()).dense(2, Activation.sigmoid())
            .init(Init.uniform(0.5), 3).build();
    private final DMatrixRMaj x = new DMatrixRMaj(new double[][]{{0.1, -0.3, 0.8}, {0.5, 0.2, -0.6}});
    private final DMatrixRMaj y = new DMatrixRMaj(new double[][]{{0.2, 0.9}, {0.7, 0.1}});

    @Test
    void scalarExampleOfTheCourse() {
        // J(θ) = θ³ at θ = 1: (J(θ+ε) − J(θ−ε)) / 2ε = 3 + ε² exactly, so with ε = 1e-4 the error is 1e-8
        // (rounding in the difference of two nearly equal numbers adds about 1e-12)
        GradientCheck.Numeric n = GradientCheck.numeric(t -> t[0] * t[0] * t[0], new double[]{1}, GradientCheck.Method.CENTRAL, 1e-4);
        assertEquals(3 + 1e-8, n.gradient()[0], 1e-11);
        assertEquals(2, n.costEvaluations());
    }

    @Test
    void evaluationCounts() {
        int n = net.parameterCount();
        assertEquals(2 * n, GradientCheck.check(net, Cost.of(Loss.quadratic(), Reduction.MEAN), x, y).costEvaluations());
        GradientCheck.Result forward = GradientCheck.check(net, Cost.of(Loss.quadratic(), Reduction.MEAN), x, y,
                GradientCheck.Method.FORWARD, 1e-6);
        assertEquals(n + 1, forward.costEvaluations());
        assertTrue(forward.relativeError() < 1e-5, forward.toString());
    }

    /** A quadratic loss that forgets σ′ in the output error: the classic bug, which must be caught. */
    private static final class MissingSigmaPrime implements Loss {
        @Override
        public String name() {
            return "quadratic without σ′";
        }

        @Override
        public double value(DMatrixRMaj a, DMatrixRMaj y) {
            return Loss.quadratic().value(a, y);
        }

        @Override
        public void gradient(DMatrixRMaj a, DMatrixRMaj y, DMatrixRMaj dA) {
            Loss.quadratic().gradient(a, y, dA);
        }

        @Override
        public void outputDelta(Activation g, DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj y, DMatrixRMaj delta) {
            gradient(a, y, delta);
        }
    }

    @Test
    void aBackpropMissingSigmaPrimeIsCaught() {
        GradientCheck.Result good = GradientCheck.check(net, Cost.of(Loss.quadratic(), Reduction.MEAN), x, y);
        GradientCheck.Result bad = GradientCheck.check(net, Cost.of(new MissingSigmaPrime(), Reduction.MEAN), x, y);
        assertTrue(good.relativeError() < 1e-8, good.toString());
        assertTrue(bad.relativeError() > 0.1, bad.toString());
    }

    @Test
    void perParameterReportNamesCourseIndices() {
        GradientCheck.Result r = GradientCheck.check(net, Cost.of(Loss.quadratic(), Reduction.MEAN), x, y);
        assertEquals("Θ(1)[1,1]", r.parameterName(0));
        assertEquals("Θ(1)[2,1]", r.parameterName(1));
        assertEquals("Θ(1)[1,2]", r.parameterName(4));
        assertEquals("Θ(2)[1,1]", r.parameterName(16));
        assertEquals(net.parameterCount(), r.table().rowCount());
        assertEquals(6, r.table().columnCount());
    }

    @Test
    void parametersAreRestored() {
        double[] before = net.parameters();
        GradientCheck.check(net, Cost.of(Loss.quadratic(), Reduction.MEAN), x, y);
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, net.parameters(), 0);
    }
}
