package nnlab.check;

import nnlab.net.Activation;
import nnlab.net.Backprop;
import nnlab.net.Cost;
import nnlab.net.Gradients;
import nnlab.net.Init;
import nnlab.net.Loss;
import nnlab.net.Network;
import nnlab.net.Reduction;
import nnlab.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeltaCheckTest {

    private static DMatrixRMaj random(int rows, int cols, long seed) {
        return Matrices.random(rows, cols, seed);
    }

    /** Finite differences in z agree with backprop's δ in every layer (BP1 at the top, BP2 below). */
    @Test
    void numericDeltaMatchesBackprop() {
        Network net = Network.builder(4).dense(5, Activation.tanh()).dense(3, Activation.sigmoid())
                .dense(2, Activation.identity()).init(Init.normal(1), 3).build();
        DMatrixRMaj x = random(6, 4, 4);
        DMatrixRMaj y = random(6, 2, 5);
        Gradients g = Backprop.vectorized(net, Loss.quadratic(), Reduction.SUM, x, y);
        for (int l = 1; l <= 3; l++) {
            DMatrixRMaj numeric = DeltaCheck.numeric(net, Loss.quadratic(), x, y, l, 1e-5);
            for (int i = 0; i < numeric.data.length; i++) {
                assertEquals(g.delta(l).data[i], numeric.data[i], 1e-8, "δ(" + l + ") entry " + i);
            }
        }
    }

    /** A hand-derived case: one linear unit z = w·x + b with C = ½(z − y)², so δ = z − y. */
    @Test
    void linearUnitHasDeltaZMinusY() {
        Network net = Network.builder(1).dense(1, Activation.identity()).init(Init.zeros(), 0).build();
        net.layer(1).W().set(0, 0, 2);
        net.layer(1).b().set(0, 0, 0.5);
        DMatrixRMaj x = new DMatrixRMaj(new double[][]{{3}});
        DMatrixRMaj y = new DMatrixRMaj(new double[][]{{1}});
        assertEquals(2 * 3 + 0.5 - 1, DeltaCheck.numeric(net, Loss.quadratic(), x, y, 1, 1e-4).get(0, 0), 1e-9);
    }

    @Test
    void timingCountsNPlusOneEvaluationsAndAgrees() {
        Network net = Network.builder(3).dense(4, Activation.sigmoid()).dense(2, Activation.sigmoid())
                .init(Init.normal(1), 9).build();
        GradientTiming.Row row = GradientTiming.measure(net, Cost.of(Loss.quadratic(), Reduction.MEAN), random(5, 3, 1), random(5, 2, 2));
        assertEquals(4 * 4 + 2 * 5, row.parameters());
        assertEquals(row.parameters() + 1, row.costEvaluations());
        assertTrue(row.relativeDifference() < 1e-4, "forward differences agree with backprop: " + row.relativeDifference());
        assertTrue(row.toString().endsWith("[varies]"));
    }

    @Test
    void centralTimingCountsTwoNEvaluationsAndAgreesMoreClosely() {
        Network net = Network.builder(3).dense(4, Activation.sigmoid()).dense(2, Activation.sigmoid())
                .init(Init.normal(1), 9).build();
        GradientTiming.Row row = GradientTiming.measure(net, Cost.of(Loss.quadratic(), Reduction.MEAN), random(5, 3, 1), random(5, 2, 2),
                GradientCheck.Method.CENTRAL);
        assertEquals(2 * (4 * 4 + 2 * 5), row.costEvaluations());
        assertTrue(row.relativeDifference() < 1e-8, "central differences agree with backprop to O(ε²): " + row.relativeDifference());
    }

    /** The warm-up counts the measuring thread's CPU time, so a busy machine lengthens it in wall time. */
    @Test
    void warmUpEndsOnCpuTimeOrTheWallLimit() {
        assertFalse(GradientTiming.warmedUp(1_000_000_000L, 30_000_000L), "1 s of wall time with 0.03 s on the CPU is not warm");
        assertTrue(GradientTiming.warmedUp(1_000_000_000L, 200_000_000L), "0.2 s on the CPU is warm");
        assertTrue(GradientTiming.warmedUp(200_000_000L, 200_000_000L), "an idle machine: 0.2 s of wall and CPU time");
        assertTrue(GradientTiming.warmedUp(5_000_000_000L, 10_000_000L), "5 s of wall time ends it whatever the CPU time");
    }

    /** Rounds that still get faster mean the JIT is still compiling: timing goes on until three in a row and 0.5 s bring none. */
    @Test
    void timedRoundsGoOnWhileTheyImprove() {
        assertTrue(GradientTiming.keepMeasuring(0, 0, 10_000_000L), "the round just improved");
        assertTrue(GradientTiming.keepMeasuring(2, 600_000_000L, 700_000_000L), "two rounds without improvement are not enough");
        assertTrue(GradientTiming.keepMeasuring(3, 12_000_000L, 20_000_000L), "three short rounds without improvement are not enough");
        assertFalse(GradientTiming.keepMeasuring(3, 500_000_000L, 700_000_000L), "three rounds and 0.5 s without improvement end it");
        assertFalse(GradientTiming.keepMeasuring(0, 0, 3_000_000_000L), "3 s of rounds end it even while they improve");
    }

    @Test
    void rejectsZeroEpsilon() {
        Network net = Network.builder(1).dense(1, Activation.identity()).init(Init.zeros(), 0).build();
        DMatrixRMaj one = new DMatrixRMaj(new double[][]{{1}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeltaCheck.numeric(net, Loss.quadratic(), one, one, 1, 0));
        assertTrue(e.getMessage().contains("ε"));
    }
}
