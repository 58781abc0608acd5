package nnlab.check;

import nnlab.net.Activation;
import nnlab.net.Cost;
import nnlab.net.Init;
import nnlab.net.Loss;
import nnlab.net.Network;
import nnlab.net.Reduction;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static nnlab.Refused.refused;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings and inputs under which a gradient check would report a number that means nothing. */
class GradientCheckBadInputTest {
    private static final Cost COST = Cost.of(Loss.quadratic(), Reduction.SUM);
    private static final DMatrixRMaj X = new DMatrixRMaj(new double[][]{{0.3, -0.2}, {0.1, 0.7}});
    private static final DMatrixRMaj Y = new DMatrixRMaj(new double[][]{{1}, {0}});

    private static Network net() {
        return Network.builder(2).dense(3, Activation.sigmoid()).dense(1, Activation.sigmoid()).init(Init.uniform(0.5), 3).build();
    }


    @Test
    void anInfiniteOrVanishingEpsilonIsRefusedWithTheReason() {
        refused(() -> GradientCheck.check(net(), COST, X, Y, GradientCheck.Method.CENTRAL, Double.POSITIVE_INFINITY),
                "ε must be a finite number > 0, got Infinity", "1e-4");
        refused(() -> GradientCheck.check(net(), COST, X, Y, GradientCheck.Method.CENTRAL, Double.NaN), "NaN");
        // the weights are about 0.1 … 0.5: θ ± 1e-300 rounds to θ
        refused(() -> GradientCheck.check(net(), COST, X, Y, GradientCheck.Method.FORWARD, 1e-300), "lost in rounding",
                "θ[0]", "1e-4");
        // with every parameter 0 the step is not lost, but J(θ ± ε) rounds to J(θ)
        Network zeros = Network.builder(2).dense(1, Activation.sigmoid()).init(Init.zeros(), 0).build();
        refused(() -> GradientCheck.check(zeros, COST, X, Y, GradientCheck.Method.CENTRAL, 1e-300),
                "every finite difference is 0", "relative difference would be 1", "1e-4");
    }

    @Test
    void aNullMethodIsRefusedInsteadOfAOneSidedDifferenceAgainstZero() {
        refused(() -> GradientCheck.check(net(), COST, X, Y, null, 1e-4), "method is null", "CENTRAL");
        refused(() -> GradientCheck.numeric(t -> t[0] * t[0], new double[]{1}, null, 1e-4), "method is null");
        refused(() -> GradientCheck.numeric(null, new double[]{1}, GradientCheck.Method.CENTRAL, 1e-4), "no function");
        refused(() -> GradientCheck.check(net(), null, X, Y), "cost is null");
        refused(() -> GradientCheck.numeric(t -> 0, null, GradientCheck.Method.FORWARD, 1e-4), "no θ");
        refused(() -> GradientCheck.check(net(), COST, null, X, Y, GradientCheck.Method.CENTRAL, 1e-4), "forward pass is null");
        refused(() -> GradientCheck.relativeDifference(null, new double[1]), "two gradients; got null and an array");
        refused(() -> GradientCheck.relativeDifference(new double[1], null), "got an array and null");
        refused(() -> GradientCheck.check(net(), COST, X, Y, GradientCheck.Method.CENTRAL, 0), "ε must be a finite number > 0, got 0.0");
        refused(() -> GradientCheck.relativeDifference(new double[2], new double[1]), "lengths: 2 and 1");
        // a step that is not lost for the parameters but the last one
        refused(() -> GradientCheck.numeric(t -> t[0] + t[1], new double[]{0, 1e20}, GradientCheck.Method.CENTRAL, 1e-4),
                "θ[1] = 1.0E20");
    }

    @Test
    void nonFiniteDataAndWeightsAreNamed() {
        DMatrixRMaj x = X.copy();
        x.set(0, 1, Double.NaN);
        refused(() -> GradientCheck.check(net(), COST, x, Y), "inputs x", "row 0, column 1");
        Network net = net();
        net.layer(1).W().set(2, 0, Double.POSITIVE_INFINITY);
        refused(() -> GradientCheck.check(net, COST, X, Y), "W(1)", "(2, 0)");
        // the overload with a pass of frozen dropout masks checks the same
        Network dropout = Network.builder(2).dense(3, Activation.sigmoid()).dropout(0.5).dense(1, Activation.sigmoid())
                .init(Init.uniform(0.5), 3).build();
        nnlab.net.ForwardPass fp = dropout.newPass(nnlab.net.Mode.TRAINING);
        refused(() -> GradientCheck.check(dropout, COST, fp, x, Y, GradientCheck.Method.CENTRAL, 1e-4), "inputs x", "row 0, column 1");
        dropout.forward(X, fp);
        refused(() -> GradientCheck.check(dropout, COST, fp, X, Y, GradientCheck.Method.CENTRAL, 1e-4), "fp.freezeMasks()");
        fp.freezeMasks();
        assertTrue(GradientCheck.check(dropout, COST, fp, X, Y, GradientCheck.Method.CENTRAL, 1e-4).relativeError() < 1e-7);
    }
}
