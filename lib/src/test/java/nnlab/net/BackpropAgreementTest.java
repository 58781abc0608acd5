package nnlab.net;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The three implementations of backprop (vectorized, one example at a time, recursive) agree to 1e-12. */
class BackpropAgreementTest {

    static Stream<Arguments> networks() {
        List<Arguments> cases = new ArrayList<>();
        Activation[] hidden = {Activation.sigmoid(), Activation.tanh(), Activation.relu(), Activation.leakyRelu(0.1),
                Activation.identity(), Activation.maxout(3)};
        for (Activation h : hidden) {
            cases.add(Arguments.of(h, Activation.sigmoid(), Loss.crossEntropy()));
            cases.add(Arguments.of(h, Activation.softmax(), Loss.softmaxCrossEntropy()));
            cases.add(Arguments.of(h, Activation.identity(), Loss.quadratic()));
            cases.add(Arguments.of(h, Activation.sigmoid(), Loss.quadratic()));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} hidden, {1} output, {2}")
    @MethodSource("networks")
    void threeWaysAgree(Activation hidden, Activation output, Loss loss) {
        Network net = Network.builder(4).dense(5, hidden).dense(3, hidden).dense(3, output)
                .init(Init.normalFanIn(), 7).build();
        DMatrixRMaj x = RandomNets.inputs(6, 4, 1);
        DMatrixRMaj y = RandomNets.targets(6, 3, loss, 2);
        for (Reduction reduction : Reduction.values()) {
            Gradients vec = Backprop.vectorized(net, loss, reduction, x, y);
            Gradients one = Backprop.perExample(net, loss, reduction, x, y);
            Gradients rec = Backprop.recursive(net, loss, reduction, x, y);
            assertArrayClose(vec.unrolled(), one.unrolled(), "per-example vs vectorized");
            assertArrayClose(vec.unrolled(), rec.unrolled(), "recursive vs vectorized");
            for (int l = 1; l <= net.depth(); l++) {
                assertArrayClose(vec.delta(l).data, one.delta(l).data, "δ(" + l + ") per-example");
                assertArrayClose(vec.delta(l).data, rec.delta(l).data, "δ(" + l + ") recursive");
            }
        }
    }

    static void assertArrayClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(1, Math.abs(expected[i]));
            assertEquals(expected[i], actual[i], 1e-12 * scale, what + " at " + i);
        }
    }
}
