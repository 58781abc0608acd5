package nnlab.net;

import nnlab.check.GradientCheck;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DropoutTest {

    private static Network net(Dropout d, long seed) {
        return Network.builder(4).dense(50, Activation.sigmoid()).dropout(d).dense(2, Activation.sigmoid())
                .init(Init.xavier(), 3).dropoutSeed(seed).build();
    }

    @Test
    void masksAreSeeded() {
        DMatrixRMaj x = RandomNets.inputs(3, 4, 1);
        ForwardPass a = net(Dropout.inverted(0.5), 99).newPass(Mode.TRAINING);
        Network first = net(Dropout.inverted(0.5), 99);
        first.forward(x, a);
        Network second = net(Dropout.inverted(0.5), 99);
        ForwardPass b = second.newPass(Mode.TRAINING);
        second.forward(x, b);
        assertArrayEquals(a.mask(1).data, b.mask(1).data, 0);
        Network other = net(Dropout.inverted(0.5), 100);
        ForwardPass c = other.newPass(Mode.TRAINING);
        other.forward(x, c);
        assertTrue(!java.util.Arrays.equals(a.mask(1).data, c.mask(1).data), "another seed, another mask");
    }

    @Test
    void bothConventionsGiveTheTestTimeActivationOnAverage() {
        DMatrixRMaj x = RandomNets.inputs(1, 4, 2);
        for (Dropout d : new Dropout[]{Dropout.inverted(0.3), Dropout.classic(0.3)}) {
            Network n = net(d, 5);
            DMatrixRMaj test = n.forward(x).a(1).copy();
            ForwardPass tp = n.newPass(Mode.TRAINING);
            double[] mean = new double[50];
            int draws = 20000;
            for (int t = 0; t < draws; t++) {
                n.forward(x, tp);
                for (int j = 0; j < 50; j++) {
                    mean[j] += tp.a(1).get(0, j) / draws;
                }
            }
            // classic: E[train] = (1−p)·g(z) = test; inverted: E[train] = g(z) = test
            for (int j = 0; j < 50; j++) {
                assertEquals(test.get(0, j), mean[j], 0.02, d + " unit " + j);
            }
        }
    }

    @Test
    void classicTestTimeEqualsWeightsTimesOneMinusP() {
        DMatrixRMaj x = RandomNets.inputs(2, 4, 4);
        Network classic = net(Dropout.classic(0.5), 1);
        Network plain = Network.builder(4).dense(50, Activation.sigmoid()).dense(2, Activation.sigmoid())
                .init(Init.zeros(), 0).build();
        plain.layer(1).W().setTo(classic.layer(1).W());
        plain.layer(1).b().setTo(classic.layer(1).b());
        plain.layer(2).W().setTo(classic.layer(2).W());
        plain.layer(2).b().setTo(classic.layer(2).b());
        // the notes: a weight trained to w acts as (1−p)·w at test time (w = 1 → 0.5 at p = 50 %)
        org.ejml.dense.row.CommonOps_DDRM.scale(0.5, plain.layer(2).W());
        assertArrayEquals(plain.predict(x).data, classic.predict(x).data, 1e-15);
    }

    @Test
    void gradientCheckNeedsFrozenMasks() {
        Network n = net(Dropout.inverted(0.4), 8);
        DMatrixRMaj x = RandomNets.inputs(3, 4, 6);
        DMatrixRMaj y = RandomNets.targets(3, 2, Loss.crossEntropy(), 7);
        Cost cost = Cost.of(Loss.crossEntropy(), Reduction.MEAN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GradientCheck.check(n, cost, x, y));
        assertTrue(e.getMessage().contains("freezeMasks"), e.getMessage());
        ForwardPass fp = n.newPass(Mode.TRAINING);
        n.forward(x, fp);
        fp.freezeMasks();
        GradientCheck.Result r = GradientCheck.check(n, cost, fp, x, y, GradientCheck.Method.CENTRAL, 1e-4);
        assertTrue(r.relativeError() < 1e-7, r.toString());
    }

    @Test
    void rateOutsideZeroOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Dropout.inverted(1.0));
        assertThrows(IllegalArgumentException.class, () -> Dropout.classic(-0.1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Network.builder(2)
                .dense(2, Activation.sigmoid()).dropout(0.5).init(Init.zeros(), 0).build());
        assertTrue(e.getMessage().contains("output layer"));
    }

    /** The rate is the probability of dropping: 0 (no dropout) is allowed, 1 (drop everything) is not. */
    @Test
    void rateZeroIsAllowedAndRateOneIsRefused() {
        assertEquals(0, new Dropout(0, Dropout.Convention.INVERTED).rate());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dropout(1, Dropout.Convention.INVERTED));
        assertTrue(e.getMessage().contains("[0, 1)"), e.getMessage());
    }
}
