package nnlab.net;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegularizerTest {
    private final Network net = Network.builder(3).dense(4, Activation.tanh()).dense(2, Activation.sigmoid())
            .init(Init.xavier(), 21).build();
    private final DMatrixRMaj x = RandomNets.inputs(5, 3, 8);
    private final DMatrixRMaj y = RandomNets.targets(5, 2, Loss.quadratic(), 9);

    @Test
    void l2UpdateFormOfTheNotes() {
        double lambda = 0.1;
        double eta = 0.5;
        Gradients plain = Cost.of(Loss.quadratic(), Reduction.SUM).gradient(net, x, y);
        Gradients reg = Cost.of(Loss.quadratic(), Reduction.SUM).with(Regularizer.l2(lambda)).gradient(net, x, y);
        for (int l = 1; l <= net.depth(); l++) {
            DMatrixRMaj W = net.layer(l).W();
            for (int i = 0; i < W.getNumElements(); i++) {
                double w = W.data[i];
                double sgd = w - eta * reg.dW(l).data[i];
                double decayForm = (1 - eta * lambda) * w - eta * plain.dW(l).data[i];
                assertEquals(decayForm, sgd, 1e-15, "w ← (1−ηλ)w − η∂L/∂w");
            }
            assertArrayEquals(plain.db(l).data, reg.db(l).data, 0, "biases are not regularized");
        }
    }

    @Test
    void l1UpdateFormOfTheNotes() {
        double lambda = 0.05;
        double eta = 0.5;
        Gradients plain = Cost.of(Loss.quadratic(), Reduction.SUM).gradient(net, x, y);
        Gradients reg = Cost.of(Loss.quadratic(), Reduction.SUM).with(Regularizer.l1(lambda)).gradient(net, x, y);
        for (int l = 1; l <= net.depth(); l++) {
            DMatrixRMaj W = net.layer(l).W();
            for (int i = 0; i < W.getNumElements(); i++) {
                double w = W.data[i];
                double sgd = w - eta * reg.dW(l).data[i];
                double constantStep = w - eta * plain.dW(l).data[i] - eta * lambda * Math.signum(w);
                assertEquals(constantStep, sgd, 1e-15, "w ← w − η∂L/∂w − ηλ sgn(w)");
            }
        }
    }

    @Test
    void meanReductionDividesLambdaByM() {
        double lambda = 2;
        Cost cost = Cost.of(Loss.crossEntropy(), Reduction.MEAN).with(Regularizer.l2(lambda));
        double plain = Cost.of(Loss.crossEntropy(), Reduction.MEAN).value(net, x, y);
        double sumSquares = 0;
        for (int l = 1; l <= net.depth(); l++) {
            for (double w : net.layer(l).W().data) {
                sumSquares += w * w;
            }
        }
        // the course: J += lambda/(2*m) * sum of squared non-bias parameters
        assertEquals(plain + lambda / (2 * 5) * sumSquares, cost.value(net, x, y), 1e-14);
    }

    @Test
    void negativeLambdaIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Regularizer.l2(-1));
        assertThrows(IllegalArgumentException.class, () -> Regularizer.l1(Double.NaN));
    }

    /** The per-case loops against the one-line formulas λ₁|w| + ½λ₂w² and λ₁ sgn(w) + λ₂w, bit for bit, zeros of both signs and NaN included. */
    @Test
    void everyCaseGivesTheBitsOfTheFormula() {
        Network n = Network.builder(3).dense(4, Activation.tanh()).dense(2, Activation.sigmoid()).init(Init.xavier(), 5).build();
        double[] special = {0.0, -0.0, Double.NaN, 1e-300, -1e-300, 3.5, -2.25};
        System.arraycopy(special, 0, n.layer(1).W().data, 0, special.length);
        for (Regularizer r : new Regularizer[] {Regularizer.l1(0.03), Regularizer.l2(0.7), new Regularizer(0.03, 0.7)}) {
            Gradients g = new Gradients(n);
            for (int l = 1; l <= 2; l++) {
                java.util.Arrays.fill(g.dW(l).data, 0.125);
            }
            r.addGradient(n, g, 0.2);
            for (int l = 1; l <= 2; l++) {
                double[] w = n.layer(l).W().data;
                for (int i = 0; i < w.length; i++) {
                    double expected = 0.125 + 0.2 * (r.l1() * Math.signum(w[i]) + r.l2() * w[i]);
                    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(g.dW(l).data[i]), r + ", layer " + l + ", w = " + w[i]);
                }
            }
            n.layer(1).W().data[2] = 0.5;
            double sum = 0;
            for (int l = 1; l <= 2; l++) {
                for (double w : n.layer(l).W().data) {
                    sum += r.l1() * Math.abs(w) + 0.5 * r.l2() * w * w;
                }
            }
            assertEquals(Double.doubleToRawLongBits(sum), Double.doubleToRawLongBits(r.penalty(n)), r + " penalty");
            n.layer(1).W().data[2] = Double.NaN;
            assertTrue(Double.isNaN(r.penalty(n)), "a NaN weight makes the penalty NaN");
        }
    }
}
