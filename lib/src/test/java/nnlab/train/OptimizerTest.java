package nnlab.train;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each rule against a few steps worked out by hand. The tiny problem is f(w) = ½ w², whose gradient is
 * g = w; the expected numbers are written as the arithmetic of the formula, step by step.
 */
class OptimizerTest {

    private static DMatrixRMaj row(double... v) {
        return new DMatrixRMaj(1, v.length, true, v);
    }

    /** Runs the rule on f(w) = ½ w² from w0 and returns w after each step. */
    private static double[] descend(Optimizer rule, double w0, int steps) {
        DMatrixRMaj w = row(w0);
        Optimizer.State s = rule.newState(w);
        double[] path = new double[steps];
        for (int t = 0; t < steps; t++) {
            rule.update(w, w.copy(), s);
            path[t] = w.get(0);
        }
        return path;
    }

    @Test
    void sgdHalvesTheParabolaWithEtaOneHalf() {
        assertArrayEquals(new double[]{0.5, 0.25, 0.125}, descend(Optimizer.sgd(0.5), 1, 3), 0);
        DMatrixRMaj w = row(1, -2);
        Optimizer sgd = Optimizer.sgd(0.1);
        Optimizer.State s = sgd.newState(w);
        sgd.update(w, row(0.5, -1), s);
        assertArrayEquals(new double[]{1 - 0.1 * 0.5, -2 + 0.1}, w.data, 1e-15);
        assertEquals(1, s.steps());
    }

    @Test
    void momentumFollowsTheDocumentsFormula() {
        // v ← λv − ηg, w ← w + v with η = 0.1, λ = 0.5, w0 = 1, v0 = 0
        double v1 = 0.5 * 0 - 0.1 * 1;          // −0.1
        double w1 = 1 + v1;                       // 0.9
        double v2 = 0.5 * v1 - 0.1 * w1;          // −0.14
        double w2 = w1 + v2;                      // 0.76
        double v3 = 0.5 * v2 - 0.1 * w2;          // −0.146
        double w3 = w2 + v3;                      // 0.614
        assertArrayEquals(new double[]{0.9, 0.76, 0.614}, new double[]{w1, w2, w3}, 1e-15);
        assertArrayEquals(new double[]{w1, w2, w3}, descend(Optimizer.momentum(0.1, 0.5), 1, 3), 1e-15);

        DMatrixRMaj w = row(1);
        Optimizer.State s = Optimizer.momentum(0.1, 0.5).newState(w);
        for (int t = 0; t < 3; t++) {
            Optimizer.momentum(0.1, 0.5).update(w, w.copy(), s);
        }
        assertEquals(v3, s.first()[0], 1e-15, "the state holds the velocity v");
    }

    @Test
    void momentumWithZeroCoefficientIsSgd() {
        assertArrayEquals(descend(Optimizer.sgd(0.3), 2, 5), descend(Optimizer.momentum(0.3, 0), 2, 5), 0);
    }

    @Test
    void adagradDividesByTheRootOfAllSquaredGradientsIncludingTheCurrentOne() {
        // w^{t+1} = w^t − η / √(Σ_{i=0..t} (g^i)²) · g^t with gradients given per step (independent of w)
        DMatrixRMaj w = row(1, 1);
        Adagrad rule = new Adagrad(0.5, 0);
        Optimizer.State s = rule.newState(w);
        rule.update(w, row(3, 0.1), s);
        assertArrayEquals(new double[]{1 - 0.5 / 3 * 3, 1 - 0.5 / 0.1 * 0.1}, w.data, 1e-15);
        rule.update(w, row(4, 0.2), s);
        // √(3² + 4²) = 5 and √(0.1² + 0.2²) = √0.05
        assertArrayEquals(new double[]{0.5 - 0.5 / 5 * 4, 0.5 - 0.5 / Math.sqrt(0.05) * 0.2}, w.data, 1e-15);
        assertArrayEquals(new double[]{25, 0.05}, s.first(), 1e-15);
    }

    @Test
    void adagradOnTheParabola() {
        double w1 = 1 - 0.5 / Math.sqrt(1) * 1;
        double w2 = w1 - 0.5 / Math.sqrt(1 + w1 * w1) * w1;
        double w3 = w2 - 0.5 / Math.sqrt(1 + w1 * w1 + w2 * w2) * w2;
        assertArrayEquals(new double[]{w1, w2, w3}, descend(new Adagrad(0.5, 0), 1, 3), 1e-15);
        assertArrayEquals(new double[]{w1, w2, w3}, descend(Optimizer.adagrad(0.5), 1, 3), 1e-7,
                "the default ε = 1e-8 changes the steps only in the 8th digit");
    }

    @Test
    void adagradTakesNoStepWhileEveryGradientWasZero() {
        DMatrixRMaj w = row(0.7, -0.2);
        Adagrad exact = new Adagrad(0.1, 0);
        Optimizer.State s = exact.newState(w);
        exact.update(w, row(0, 0), s);
        assertArrayEquals(new double[]{0.7, -0.2}, w.data, 0, "0/0 is taken as a zero step, never NaN");
    }

    @Test
    void adamWithBiasCorrection() {
        double eta = 0.1;
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        // step 1 on f = ½w² from w0 = 1: g = 1
        double m1 = (1 - b1) * 1;
        double v1 = (1 - b2) * 1;
        double w1 = 1 - eta * (m1 / (1 - b1)) / (Math.sqrt(v1 / (1 - b2)) + eps);
        // step 2: g = w1
        double m2 = b1 * m1 + (1 - b1) * w1;
        double v2 = b2 * v1 + (1 - b2) * w1 * w1;
        double w2 = w1 - eta * (m2 / (1 - b1 * b1)) / (Math.sqrt(v2 / (1 - b2 * b2)) + eps);
        assertEquals(0.9, w1, 1e-8, "the first Adam step is η·sign(g)");
        assertArrayEquals(new double[]{w1, w2}, descend(Optimizer.adam(eta), 1, 2), 1e-15);
        DMatrixRMaj w = row(1);
        Optimizer.State s = Optimizer.adam(eta).newState(w);
        Optimizer.adam(eta).update(w, row(1), s);
        Optimizer.adam(eta).update(w, row(w1), s);
        assertArrayEquals(new double[]{m2}, s.first(), 1e-15);
        assertArrayEquals(new double[]{v2}, s.second(), 1e-15);
        assertEquals(2, s.steps());
    }

    @Test
    void everyRuleReachesTheMinimumOfABowl() {
        for (Optimizer rule : new Optimizer[]{Optimizer.sgd(0.1), Optimizer.momentum(0.05, 0.9), Optimizer.adagrad(0.5),
                Optimizer.adam(0.05)}) {
            double[] path = descend(rule, 3, 500);
            assertTrue(Math.abs(path[499]) < 1e-2, rule.name() + " ended at " + path[499]);
        }
    }

    @Test
    void badHyperParametersAreRefused() {
        assertMessage(() -> Optimizer.sgd(0), "learning rate η");
        assertMessage(() -> Optimizer.sgd(-0.1), "> 0");
        assertMessage(() -> Optimizer.sgd(Double.NaN), "NaN");
        assertMessage(() -> Optimizer.momentum(0.1, 1), "[0, 1)");
        assertMessage(() -> Optimizer.momentum(0.1, -0.5), "[0, 1)");
        assertMessage(() -> new Adagrad(0.1, -1e-8), "ε");
        assertMessage(() -> new Adam(0.1, 1, 0.999, 1e-8), "β₁");
        assertMessage(() -> new Adam(0.1, 0.9, 0.999, 0), "ε");
    }

    @Test
    void mismatchedShapesAreRefused() {
        Optimizer sgd = Optimizer.sgd(0.1);
        DMatrixRMaj w = new DMatrixRMaj(2, 3);
        Optimizer.State s = sgd.newState(w);
        assertMessage(() -> sgd.update(w, new DMatrixRMaj(3, 2), s), "(3 × 2)");
        assertMessage(() -> sgd.update(new DMatrixRMaj(2, 2), new DMatrixRMaj(2, 2), s), "one state per parameter");
    }

    /**
     * A matrix large enough to be updated in ranges on two threads ends with the bits it gets when every
     * element is updated alone, as a 1 × 1 matrix with its own state (which is never split).
     */
    @Test
    void largeMatricesSplitOverThreadsGiveTheBitsOfElementByElementUpdates() {
        nnlab.linalg.Products.useThreads(2);
        try {
            Optimizer[] rules = {Optimizer.sgd(0.1), Optimizer.momentum(0.1, 0.9), Optimizer.adagrad(0.1),
                    Optimizer.adam(0.01)};
            for (Optimizer rule : rules) {
                int rows = 250;
                int cols = 200;
                assertTrue(rows * cols >= Optimizer.State.PARALLEL_MIN);
                DMatrixRMaj w = nnlab.linalg.Matrices.random(rows, cols, 1);
                DMatrixRMaj[] elements = new DMatrixRMaj[rows * cols];
                Optimizer.State[] elementStates = new Optimizer.State[rows * cols];
                for (int i = 0; i < elements.length; i++) {
                    elements[i] = row(w.data[i]);
                    elementStates[i] = rule.newState(elements[i]);
                }
                Optimizer.State s = rule.newState(w);
                for (int t = 1; t <= 3; t++) {
                    DMatrixRMaj g = nnlab.linalg.Matrices.random(rows, cols, 10 + t);
                    rule.update(w, g, s);
                    for (int i = 0; i < elements.length; i++) {
                        rule.update(elements[i], row(g.data[i]), elementStates[i]);
                    }
                }
                assertEquals(3, s.steps());
                for (int i = 0; i < elements.length; i++) {
                    assertEquals(elements[i].get(0), w.data[i], 0.0, rule.name() + " element " + i);
                    assertEquals(elementStates[i].first()[0], s.first()[i], 0.0, rule.name() + " state element " + i);
                }
            }
        } finally {
            nnlab.linalg.Products.useThreads(Runtime.getRuntime().availableProcessors());
        }
    }

    private static void assertMessage(Runnable r, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
