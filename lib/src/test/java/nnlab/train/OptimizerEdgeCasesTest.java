package nnlab.train;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static nnlab.Refused.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Names, shape checks and Adagrad's ε, which the other optimizer tests left open (found by mutation testing). */
class OptimizerEdgeCasesTest {

    @Test
    void namesShowTheHyperParameters() {
        assertEquals("SGD(η=0.1)", Optimizer.sgd(0.1).name());
        assertEquals("momentum(η=0.1, λ=0.9)", Optimizer.momentum(0.1, 0.9).name());
        assertEquals("Adagrad(η=0.5)", Optimizer.adagrad(0.5).name());
        assertEquals("Adagrad(η=0.5, ε=0.0)", new Adagrad(0.5, 0).name());
        refused(() -> Optimizer.adagrad(0), "learning rate η");
        refused(() -> Optimizer.momentum(-1, 0.9), "learning rate η");
    }

    @Test
    void aStateOrGradientOfAnotherShapeIsRefused() {
        for (Optimizer rule : new Optimizer[]{Optimizer.sgd(0.1), Optimizer.momentum(0.1, 0.9), Optimizer.adagrad(0.1), Optimizer.adam(0.1)}) {
            Optimizer.State state = rule.newState(new DMatrixRMaj(2, 3));
            refused(() -> rule.update(new DMatrixRMaj(3, 2), new DMatrixRMaj(3, 2), state), "made for a (2 × 3) parameter", "newState(w)");
            refused(() -> rule.update(new DMatrixRMaj(2, 3), new DMatrixRMaj(2, 2), state), "shape of w (2 × 3)", "dW(l) with W(l)");
        }
    }

    /** The first step with a gradient of 1e-9 and ε = 1e-8: w moves by η·g / (|g| + ε) = η / 11. */
    @Test
    void adagradsEpsilonIsAddedToTheRoot() {
        DMatrixRMaj w = new DMatrixRMaj(new double[][]{{1}});
        Optimizer rule = Optimizer.adagrad(0.5);
        rule.update(w, new DMatrixRMaj(new double[][]{{1e-9}}), rule.newState(w));
        assertEquals(1 - 0.5 / 11, w.get(0, 0), 1e-12);
    }
}
