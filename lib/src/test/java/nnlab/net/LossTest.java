package nnlab.net;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LossTest {

    @Test
    void quadraticIsHalfTheSumOfSquares() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][]{{0.75136507, 0.772928465}});
        DMatrixRMaj y = new DMatrixRMaj(new double[][]{{0.01, 0.99}});
        // the worked example's E_total
        assertEquals(0.298371109, Loss.quadratic().value(a, y), 5e-9);
    }

    @Test
    void crossEntropyByHand() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][]{{0.8, 0.3}, {0.1, 0.6}});
        DMatrixRMaj y = new DMatrixRMaj(new double[][]{{1, 0}, {0, 1}});
        double expected = -Math.log(0.8) - Math.log(0.7) - Math.log(0.9) - Math.log(0.6);
        assertEquals(expected, Loss.crossEntropy().value(a, y), 1e-15);
    }

    @Test
    void stableFormsEqualPlainFormsWhereBothAreFinite() {
        DMatrixRMaj z = new DMatrixRMaj(new double[][]{{0.4, -1.3, 2.2}, {-0.7, 0.1, 1.5}});
        DMatrixRMaj y = new DMatrixRMaj(new double[][]{{0, 1, 0}, {1, 0, 0}});
        for (Object[] pair : new Object[][]{{Activation.sigmoid(), Loss.crossEntropy()}, {Activation.softmax(), Loss.softmaxCrossEntropy()}}) {
            Activation g = (Activation) pair[0];
            Loss loss = (Loss) pair[1];
            DMatrixRMaj a = new DMatrixRMaj(2, 3);
            g.forward(z, a);
            assertEquals(loss.value(a, y), loss.value(g, z, a, y), 1e-13, loss.name());
        }
    }

    @Test
    void stableFormsStayFiniteAtSaturation() {
        DMatrixRMaj z = new DMatrixRMaj(new double[][]{{1000, -1000}});
        DMatrixRMaj y = new DMatrixRMaj(new double[][]{{0, 1}});
        DMatrixRMaj a = new DMatrixRMaj(1, 2);
        Activation.sigmoid().forward(z, a);
        assertEquals(2000, Loss.crossEntropy().value(Activation.sigmoid(), z, a, y), 1e-9);
        Activation.softmax().forward(z, a);
        assertEquals(2000, Loss.softmaxCrossEntropy().value(Activation.softmax(), z, a, y), 1e-9);
    }

    @Test
    void matchedPairsGiveAMinusY() {
        DMatrixRMaj z = new DMatrixRMaj(new double[][]{{0.2, -0.4}});
        DMatrixRMaj y = new DMatrixRMaj(new double[][]{{1, 0}});
        DMatrixRMaj a = new DMatrixRMaj(1, 2);
        Activation.sigmoid().forward(z, a);
        DMatrixRMaj simplified = new DMatrixRMaj(1, 2);
        Loss.crossEntropy().outputDelta(Activation.sigmoid(), z, a, y, simplified);
        // the general chain rule ∂C/∂a ⊙ σ'(z) must give the same numbers
        DMatrixRMaj dA = new DMatrixRMaj(1, 2);
        Loss.crossEntropy().gradient(a, y, dA);
        DMatrixRMaj general = new DMatrixRMaj(1, 2);
        Activation.sigmoid().backward(z, a, dA, general);
        assertEquals(general.get(0, 0), simplified.get(0, 0), 1e-15);
        assertEquals(general.get(0, 1), simplified.get(0, 1), 1e-15);
        assertEquals(a.get(0, 0) - 1, simplified.get(0, 0), 1e-15);
    }

    @Test
    void mismatchedTargetsNameBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Loss.quadratic().value(new DMatrixRMaj(4, 3), new DMatrixRMaj(4, 2)));
        assertTrue(e.getMessage().contains("(4 × 3)") && e.getMessage().contains("(4 × 2)"), e.getMessage());
    }

    @Test
    void softmaxTargetsMustSumToOne() {
        DMatrixRMaj z = new DMatrixRMaj(1, 2);
        DMatrixRMaj a = new DMatrixRMaj(new double[][]{{0.5, 0.5}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Loss.softmaxCrossEntropy()
                .outputDelta(Activation.softmax(), z, a, new DMatrixRMaj(new double[][]{{1, 1}}), new DMatrixRMaj(1, 2)));
        assertTrue(e.getMessage().contains("row 0"), e.getMessage());
    }

    @Test
    void reductionScales() {
        assertEquals(1.0, Reduction.SUM.scale(8), 0);
        assertEquals(0.125, Reduction.MEAN.scale(8), 0);
        assertThrows(IllegalArgumentException.class, () -> Reduction.MEAN.scale(0));
    }
}
