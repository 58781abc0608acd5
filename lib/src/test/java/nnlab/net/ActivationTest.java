package nnlab.net;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivationTest {

    static Stream<Activation> all() {
        return Stream.of(Activation.sigmoid(), Activation.tanh(), Activation.relu(), Activation.leakyRelu(0.01),
                Activation.identity(), Activation.softmax(), Activation.maxout(2));
    }

    @ParameterizedTest
    @MethodSource("all")
    void stableAtPlusMinus1000(Activation g) {
        DMatrixRMaj z = new DMatrixRMaj(new double[][]{{1000, -1000, 0, 999.5}});
        DMatrixRMaj a = new DMatrixRMaj(1, 4 / g.piecesPerOutput());
        g.forward(z, a);
        DMatrixRMaj dA = new DMatrixRMaj(1, a.numCols);
        dA.fill(1);
        DMatrixRMaj dZ = new DMatrixRMaj(1, 4);
        g.backward(z, a, dA, dZ);
        for (double v : a.data) {
            assertTrue(Double.isFinite(v), g + " forward gave " + v);
        }
        for (double v : dZ.data) {
            assertTrue(Double.isFinite(v), g + " backward gave " + v);
        }
    }

    @Test
    void sigmoidLimitsAndDerivativeIdentity() {
        Activation.Elementwise s = (Activation.Elementwise) Activation.sigmoid();
        assertEquals(1.0, s.value(1000), 0);
        assertEquals(0.0, s.value(-1000), 0);
        assertEquals(0.5, s.value(0), 0);
        for (double z = -6; z <= 6; z += 0.5) {
            double g = s.value(z);
            assertEquals(g * (1 - g), s.derivative(z), 1e-15, "g'(z) = g(z)(1 - g(z)) at " + z);
        }
    }

    /** The layer's σ is the library's {@code Exp.sigmoid} (tested against StrictMath in ExpTest), bit for bit. */
    @Test
    void sigmoidForwardHasTheBitsOfTheScalarSigmoid() {
        DMatrixRMaj z = nnlab.linalg.Matrices.random(37, 11, 4);
        org.ejml.dense.row.CommonOps_DDRM.scale(40, z);
        DMatrixRMaj a = new DMatrixRMaj(37, 11);
        Activation.sigmoid().forward(z, a);
        for (int i = 0; i < z.data.length; i++) {
            assertEquals(Double.doubleToRawLongBits(nnlab.linalg.Exp.sigmoid(z.data[i])), Double.doubleToRawLongBits(a.data[i]),
                    "σ(" + z.data[i] + ")");
            assertEquals(Activation.Elementwise.sigmoid(z.data[i]), a.data[i], 0.0);
        }
        assertEquals(0.5, Activation.Elementwise.sigmoid(-0.0), 0.0);
        assertTrue(Double.isNaN(Activation.Elementwise.sigmoid(Double.NaN)));
    }

    /** Backward reads g′ from the stored a where it can; it must give the bits of g′(z) itself. */
    @ParameterizedTest
    @MethodSource("all")
    void backwardGivesTheBitsOfTheDerivativeInZ(Activation g) {
        if (!(g instanceof Activation.Elementwise e)) {
            return;
        }
        java.util.Random random = new java.util.Random(9L);
        DMatrixRMaj z = new DMatrixRMaj(50, 40);
        for (int i = 0; i < z.data.length; i++) {
            z.data[i] = (random.nextDouble() - 0.5) * (i % 3 == 0 ? 60 : 8);
        }
        z.data[0] = 0;
        z.data[1] = -0.0;
        z.data[2] = 1000;
        z.data[3] = -1000;
        DMatrixRMaj a = new DMatrixRMaj(50, 40);
        e.forward(z, a);
        DMatrixRMaj dA = new DMatrixRMaj(50, 40);
        for (int i = 0; i < dA.data.length; i++) {
            dA.data[i] = random.nextGaussian();
        }
        DMatrixRMaj dZ = new DMatrixRMaj(50, 40);
        e.backward(z, a, dA, dZ);
        for (int i = 0; i < z.data.length; i++) {
            assertEquals(dA.data[i] * e.derivative(z.data[i]), dZ.data[i], 0.0, g + " at z = " + z.data[i]);
        }
    }

    @ParameterizedTest
    @MethodSource("all")
    void backwardMatchesFiniteDifferences(Activation g) {
        // z values away from the kinks of ReLU and maxout
        DMatrixRMaj z = new DMatrixRMaj(new double[][]{{0.3, -1.2, 2.1, 0.7}, {-0.4, 1.6, -2.2, 0.9}});
        int outs = 4 / g.piecesPerOutput();
        DMatrixRMaj dA = new DMatrixRMaj(new double[][]{{0.5, -1.5, 2.0, 1.0}, {1.0, 0.25, -0.5, 2.0}});
        dA.reshape(2, outs, true);
        DMatrixRMaj a = new DMatrixRMaj(2, outs);
        g.forward(z, a);
        DMatrixRMaj dZ = new DMatrixRMaj(2, 4);
        g.backward(z, a, dA, dZ);
        double eps = 1e-6;
        for (int i = 0; i < z.getNumElements(); i++) {
            double keep = z.data[i];
            z.data[i] = keep + eps;
            double plus = weightedSum(g, z, dA);
            z.data[i] = keep - eps;
            double minus = weightedSum(g, z, dA);
            z.data[i] = keep;
            assertEquals((plus - minus) / (2 * eps), dZ.data[i], 1e-8, g + " entry " + i);
        }
    }

    /** Σ dA ⊙ g(z): its derivative with respect to z is exactly what backward computes. */
    private static double weightedSum(Activation g, DMatrixRMaj z, DMatrixRMaj dA) {
        DMatrixRMaj a = new DMatrixRMaj(dA.numRows, dA.numCols);
        g.forward(z, a);
        double s = 0;
        for (int i = 0; i < a.getNumElements(); i++) {
            s += a.data[i] * dA.data[i];
        }
        return s;
    }

    @Test
    void softmaxRowsSumToOne() {
        DMatrixRMaj z = new DMatrixRMaj(new double[][]{{1, 2, 3}, {1000, 1000, -1000}});
        DMatrixRMaj a = new DMatrixRMaj(2, 3);
        Activation.softmax().forward(z, a);
        assertEquals(1.0, a.get(0, 0) + a.get(0, 1) + a.get(0, 2), 1e-15);
        assertEquals(0.5, a.get(1, 0), 1e-15);
        assertEquals(Math.exp(1) / (Math.exp(1) + Math.exp(2) + Math.exp(3)), a.get(0, 0), 1e-15);
    }

    @Test
    void maxoutWithZeroPieceIsRelu() {
        // pieces (z, 0): max(z, 0) is ReLU, the document's point that maxout can learn ReLU
        DMatrixRMaj z = new DMatrixRMaj(new double[][]{{-2, 0, 3, 0}});
        DMatrixRMaj a = new DMatrixRMaj(1, 2);
        Activation.maxout(2).forward(z, a);
        assertEquals(0, a.get(0, 0), 0);
        assertEquals(3, a.get(0, 1), 0);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Activation.maxout(0));
        assertThrows(IllegalArgumentException.class, () -> Activation.leakyRelu(-0.1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Activation.sigmoid().forward(new DMatrixRMaj(2, 3), new DMatrixRMaj(3, 2)));
        assertTrue(e.getMessage().contains("(2 × 3)") && e.getMessage().contains("(3 × 2)"), e.getMessage());
    }

    /** ReLU′(0) is taken as 0 (the documented convention), in the scalar derivative and in backward. */
    @Test
    void reluDerivativeAtZeroIsZero() {
        Activation relu = Activation.relu();
        assertEquals(0, ((Activation.Elementwise) relu).derivative(0));
        DMatrixRMaj z = new DMatrixRMaj(new double[][] {{0, 2}});
        DMatrixRMaj a = new DMatrixRMaj(1, 2);
        relu.forward(z, a);
        DMatrixRMaj dZ = new DMatrixRMaj(1, 2);
        relu.backward(z, a, new DMatrixRMaj(new double[][] {{1, 1}}), dZ);
        assertEquals(0, dZ.get(0, 0));
        assertEquals(1, dZ.get(0, 1));
    }
}
