package nnlab.net;

import nnlab.check.GradientCheck;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backprop against central differences (ε = 1e-4) for every activation × loss × regularization
 * combination; the relative difference must be below 1e-7 for all of them.
 *
 * <p>ReLU, leaky ReLU, maxout and L1 have kinks. Where every pre-activation (and, with L1, every weight)
 * is farther than 10ε from a kink, the central difference is as exact as for smooth functions, so the
 * same tolerance applies; the inputs and weights are chosen that way, deterministically. Within ε of a
 * kink a finite difference is meaningless ({@link #aKinkWithinEpsilonSpoilsTheCheck} shows it).
 */
class GradientCheckMatrixTest {

    static Stream<Arguments> combinations() {
        List<Arguments> cases = new ArrayList<>();
        Activation[] hidden = {Activation.sigmoid(), Activation.tanh(), Activation.identity(), Activation.relu(),
                Activation.leakyRelu(0.05), Activation.maxout(2)};
        Object[][] outputs = {{Activation.sigmoid(), Loss.crossEntropy()}, {Activation.softmax(), Loss.softmaxCrossEntropy()},
                {Activation.identity(), Loss.quadratic()}, {Activation.sigmoid(), Loss.quadratic()}, {Activation.tanh(), Loss.quadratic()}};
        Regularizer[] regs = {Regularizer.NONE, Regularizer.l2(0.3), Regularizer.l1(0.2), new Regularizer(0.1, 0.2)};
        for (Activation h : hidden) {
            for (Object[] o : outputs) {
                for (Regularizer r : regs) {
                    cases.add(Arguments.of(h, o[0], o[1], r));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} / {1} / {2} / {3}")
    @MethodSource("combinations")
    void backpropMatchesCentralDifferences(Activation hidden, Activation output, Loss loss, Regularizer reg) {
        long seed = 11;
        Network net = build(hidden, output, seed);
        while (minAbsWeight(net) < 1e-3) {
            net = build(hidden, output, ++seed);
        }
        long inputSeed = 3;
        DMatrixRMaj x = RandomNets.inputs(5, 3, inputSeed);
        while (distanceToKink(net, x) < 1e-3) {
            x = RandomNets.inputs(5, 3, ++inputSeed);
        }
        DMatrixRMaj y = RandomNets.targets(5, 2, loss, 4);
        Cost cost = Cost.of(loss, Reduction.MEAN).with(reg);
        GradientCheck.Result result = GradientCheck.check(net, cost, x, y);
        assertTrue(result.relativeError() < 1e-7, result.toString());
    }

    @Test
    void aKinkWithinEpsilonSpoilsTheCheck() {
        // one ReLU unit with z = 0.00005 < ε: the central difference straddles the kink
        Network net = Network.builder(1).dense(1, Activation.relu()).dense(1, Activation.identity()).init(Init.zeros(), 0).build();
        net.setTheta(1, new DMatrixRMaj(new double[][]{{0.00005, 1}}));
        net.setTheta(2, new DMatrixRMaj(new double[][]{{0, 1}}));
        DMatrixRMaj x = new DMatrixRMaj(new double[][]{{0}});
        DMatrixRMaj y = new DMatrixRMaj(new double[][]{{1}});
        GradientCheck.Result result = GradientCheck.check(net, Cost.of(Loss.quadratic(), Reduction.SUM), x, y);
        assertTrue(result.relativeError() > 1e-3, result.toString());
    }

    private static Network build(Activation hidden, Activation output, long seed) {
        return Network.builder(3).dense(4, hidden).dense(4, hidden).dense(2, output).init(Init.xavier(), seed).build();
    }

    private static double minAbsWeight(Network net) {
        double min = Double.POSITIVE_INFINITY;
        for (int l = 1; l <= net.depth(); l++) {
            for (double w : net.layer(l).W().data) {
                min = Math.min(min, Math.abs(w));
            }
        }
        return min;
    }

    /** The smallest distance of any hidden pre-activation from a kink (0 for ReLU-like units, a tie for maxout). */
    private static double distanceToKink(Network net, DMatrixRMaj x) {
        ForwardPass fp = net.forward(x);
        double min = Double.POSITIVE_INFINITY;
        for (int l = 1; l < net.depth(); l++) {
            DMatrixRMaj z = fp.z(l);
            int k = net.layer(l).activation().piecesPerOutput();
            for (int r = 0; r < z.numRows; r++) {
                for (int j = 0; j < z.numCols; j += k) {
                    if (k == 1) {
                        min = Math.min(min, Math.abs(z.get(r, j)));
                        continue;
                    }
                    double best = Double.NEGATIVE_INFINITY;
                    double second = Double.NEGATIVE_INFINITY;
                    for (int c = j; c < j + k; c++) {
                        double v = z.get(r, c);
                        if (v > best) {
                            second = best;
                            best = v;
                        } else if (v > second) {
                            second = v;
                        }
                    }
                    min = Math.min(min, best - second);
                }
            }
        }
        return min;
    }
}
