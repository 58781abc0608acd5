package nnlab.net;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InitTest {

    @Test
    void sameSeedSameNumbersBitForBit() {
        for (Init init : new Init[]{Init.uniform(0.12), Init.normal(1), Init.normalFanIn(), Init.xavier(), Init.he()}) {
            Network a = Network.builder(5).dense(7, Activation.relu()).dense(3, Activation.softmax()).init(init, 42).build();
            Network b = Network.builder(5).dense(7, Activation.relu()).dense(3, Activation.softmax()).init(init, 42).build();
            Network c = Network.builder(5).dense(7, Activation.relu()).dense(3, Activation.softmax()).init(init, 43).build();
            assertArrayEquals(a.parameters(), b.parameters(), 0, init.name());
            assertTrue(!java.util.Arrays.equals(a.parameters(), c.parameters()), init.name() + ": another seed");
        }
    }

    @Test
    void uniformStaysWithinEpsilonIncludingTheBiasColumn() {
        Network net = Network.builder(10).dense(10, Activation.sigmoid()).init(Init.uniform(0.12), 1).build();
        double[] theta = net.parameters();
        double min = 1;
        double max = -1;
        for (double t : theta) {
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        assertTrue(min >= -0.12 && max <= 0.12, min + " … " + max);
        assertTrue(min < -0.1 && max > 0.1, "110 draws should reach near both ends: " + min + " … " + max);
        assertTrue(net.layer(1).b().get(0, 0) != 0, "the course's rand(10,11) also fills the bias column");
    }

    @Test
    void scaledInitializersHaveTheirVariance() {
        int in = 400;
        int out = 300;
        double[][] expectedStd = {{Math.sqrt(2.0 / in)}, {Math.sqrt(1.0 / in)}, {Math.sqrt(6.0 / (in + out)) / Math.sqrt(3)},
                {4 * Math.sqrt(6.0 / (in + out)) / Math.sqrt(3)}};
        Init[] inits = {Init.he(), Init.normalFanIn(), Init.xavier(), Init.xavier(4)};
        for (int k = 0; k < inits.length; k++) {
            DMatrixRMaj W = new DMatrixRMaj(out, in);
            DMatrixRMaj b = new DMatrixRMaj(out, 1);
            inits[k].fill(W, b, new SplittableRandom(k));
            double sum = 0;
            double sq = 0;
            for (double w : W.data) {
                sum += w;
                sq += w * w;
            }
            double n = W.getNumElements();
            double std = Math.sqrt(sq / n - (sum / n) * (sum / n));
            assertEquals(expectedStd[k][0], std, 0.02 * expectedStd[k][0], inits[k].name());
            assertEquals(0, sum / n, 4 * expectedStd[k][0] / Math.sqrt(n), inits[k].name() + " mean");
        }
    }

    @Test
    void xavierGainScalesTheRangeAndIsNamed() {
        DMatrixRMaj plain = new DMatrixRMaj(30, 20);
        DMatrixRMaj scaled = new DMatrixRMaj(30, 20);
        Init.xavier().fill(plain, new DMatrixRMaj(30, 1), new SplittableRandom(5));
        Init.xavier(4).fill(scaled, new DMatrixRMaj(30, 1), new SplittableRandom(5));
        for (int i = 0; i < plain.getNumElements(); i++) {
            assertEquals(4 * plain.data[i], scaled.data[i], 1e-15, "same draws, four times the range");
        }
        assertEquals("Xavier × 4", Init.xavier(4).name());
        assertEquals("Xavier × 2.5", Init.xavier(2.5).name());
        assertEquals("Xavier", Init.xavier(1).name());
        for (double bad : new double[]{0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Init.xavier(bad));
            assertTrue(e.getMessage().contains("gain"), e.getMessage());
        }
    }

    @Test
    void zerosGiveIdenticalHiddenUnits() {
        Network net = Network.builder(3).dense(4, Activation.sigmoid()).dense(2, Activation.sigmoid()).init(Init.zeros(), 0).build();
        DMatrixRMaj x = RandomNets.inputs(6, 3, 2);
        DMatrixRMaj y = RandomNets.targets(6, 2, Loss.crossEntropy(), 3);
        Cost cost = Cost.of(Loss.crossEntropy(), Reduction.MEAN);
        for (int step = 0; step < 50; step++) {
            Gradients g = cost.gradient(net, x, y);
            for (int l = 1; l <= 2; l++) {
                org.ejml.dense.row.CommonOps_DDRM.addEquals(net.layer(l).W(), -1.0, g.dW(l));
                org.ejml.dense.row.CommonOps_DDRM.addEquals(net.layer(l).b(), -1.0, g.db(l));
            }
        }
        DMatrixRMaj theta1 = net.theta(1);
        for (int r = 1; r < theta1.numRows; r++) {
            for (int c = 0; c < theta1.numCols; c++) {
                assertEquals(theta1.get(0, c), theta1.get(r, c), 0, "hidden unit " + r + " equals unit 0");
            }
        }
        assertTrue(Math.abs(theta1.get(0, 1)) > 0, "the weights did move, all together");
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Init.uniform(0));
        assertThrows(IllegalArgumentException.class, () -> Init.normal(-1));
    }
}
