package nnlab.net;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
