package nnlab.check;

import nnlab.net.Activation;
import nnlab.net.Cost;
import nnlab.net.Gradients;
import nnlab.net.Init;
import nnlab.net.Loss;
import nnlab.net.Network;
import nnlab.net.Reduction;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every factor against the numbers printed in seed 003's "Step 2", to the document's last digit. */
class ChainRuleTraceTest {
    private static final double[] X = {0.05, 0.10};
    private static final double[] Y = {0.01, 0.99};
    private static final Loss QUADRATIC = Loss.quadratic();

    /** The 2-2-2 sigmoid net of the worked example: w1 … w8, biases 0.35 (hidden) and 0.60 (output). */
    static Network workedExample() {
        Network net = Network.builder(2).dense(2, Activation.sigmoid()).dense(2, Activation.sigmoid())
                .init(Init.zeros(), 0).build();
        net.layer(1).W().setTo(new DMatrixRMaj(new double[][]{{0.15, 0.20}, {0.25, 0.30}}));
        net.layer(1).b().setTo(new DMatrixRMaj(new double[][]{{0.35}, {0.35}}));
        net.layer(2).W().setTo(new DMatrixRMaj(new double[][]{{0.40, 0.45}, {0.50, 0.55}}));
        net.layer(2).b().setTo(new DMatrixRMaj(new double[][]{{0.60}, {0.60}}));
        return net;
    }

    private static ChainRuleTrace trace(String parameter) {
        return ChainRuleTrace.of(workedExample(), QUADRATIC, X, Y, parameter, ChainRuleTrace.Naming.workedExample());
    }

    /** Backprop's ∂E/∂w of the summed quadratic loss for the same example. */
    private static Gradients backprop(Network net) {
        return Cost.of(QUADRATIC, Reduction.SUM).gradient(net, new DMatrixRMaj(1, 2, true, X), new DMatrixRMaj(1, 2, true, Y));
    }

    @Test
    void outputWeightW5MatchesTheDocument() {
        ChainRuleTrace t = trace("w5");
        List<ChainRuleTrace.Factor> f = t.factors();
        assertEquals(3, f.size());
        assertEquals("∂E_total/∂out_o1", f.get(0).symbol());
        assertEquals("∂out_o1/∂net_o1", f.get(1).symbol());
        assertEquals("∂net_o1/∂w5", f.get(2).symbol());
        assertEquals(0.74136507, f.get(0).value(), 1e-8);
        assertEquals(0.186815602, f.get(1).value(), 1e-9);
        assertEquals(0.593269992, f.get(2).value(), 1e-9);
        assertEquals(0.082167041, t.value(), 1e-9);
        assertEquals("∂E_total/∂w5", t.chain().symbol());
        assertNull(t.pathSum());
        assertTrue(t.deltas().isEmpty());
        assertEquals(backprop(workedExample()).dW(2).get(0, 0), t.value(), 1e-12);
    }

    @Test
    void hiddenWeightW1MatchesTheDocument() {
        ChainRuleTrace t = trace("w1");
        ChainRuleTrace.PathSum sum = t.pathSum();
        assertEquals("∂E_total/∂out_h1", sum.symbol());
        ChainRuleTrace.Product viaO1 = sum.paths().get(0);
        assertEquals("∂E_o1/∂out_h1", viaO1.symbol());
        assertEquals("∂E_o1/∂net_o1", viaO1.factors().get(0).symbol());
        assertEquals(0.138498562, viaO1.factors().get(0).value(), 1e-9);
        assertEquals("∂net_o1/∂out_h1", viaO1.factors().get(1).symbol());
        assertEquals(0.40, viaO1.factors().get(1).value(), 1e-2);
        assertEquals(0.055399425, viaO1.value(), 1e-9);
        assertEquals("∂E_o2/∂out_h1", sum.paths().get(1).symbol());
        assertEquals(-0.019049119, sum.paths().get(1).value(), 1e-9);
        assertEquals(0.036350306, sum.value(), 1e-9);

        List<ChainRuleTrace.Factor> f = t.factors();
        assertEquals("∂E_total/∂out_h1", f.get(0).symbol());
        assertEquals(0.036350306, f.get(0).value(), 1e-9);
        assertEquals("∂out_h1/∂net_h1", f.get(1).symbol());
        assertEquals(0.241300709, f.get(1).value(), 1e-9);
        assertEquals("∂net_h1/∂w1", f.get(2).symbol());
        assertEquals(0.05, f.get(2).value(), 1e-2);
        assertEquals(0.000438568, t.value(), 1e-9);
        assertEquals(backprop(workedExample()).dW(1).get(0, 0), t.value(), 1e-12);
    }

    @Test
    void theDeltaOfO1IsTheDocumentsProduct() {
        ChainRuleTrace.Product deltaO1 = trace("w1").deltas().get(0);
        assertEquals("∂E_o1/∂net_o1", deltaO1.symbol());
        assertEquals("∂E_o1/∂out_o1 · ∂out_o1/∂net_o1", deltaO1.expression());
        assertEquals(0.74136507, deltaO1.factors().get(0).value(), 1e-8);
        assertEquals(0.186815602, deltaO1.factors().get(1).value(), 1e-9);
        assertEquals(0.138498562, deltaO1.value(), 1e-9);
    }

    @Test
    void everyParameterOfTheWorkedExampleEqualsBackprop() {
        Network net = workedExample();
        Gradients g = backprop(net);
        String[] names = {"w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8"};
        for (int i = 0; i < 8; i++) {
            int l = i < 4 ? 1 : 2;
            int j = (i % 4) / 2;
            int k = i % 2;
            assertEquals(g.dW(l).get(j, k), trace(names[i]).value(), 1e-12, names[i]);
        }
        assertEquals(g.db(1).get(1, 0), trace("b1(h2)").value(), 1e-12);
        assertEquals(g.db(2).get(0, 0), trace("b2(o1)").value(), 1e-12);
        assertEquals(1.0, trace("b2(o1)").factors().get(2).value());
    }

    /** A third, independent source: central differences of E_total for every parameter of the worked example. */
    @Test
    void everyProductEqualsAFiniteDifference() {
        Network net = workedExample();
        double[] theta = net.parameters();
        GradientCheck.Numeric numeric = GradientCheck.numeric(t -> {
            net.setParameters(t);
            return QUADRATIC.value(net.predict(new DMatrixRMaj(1, 2, true, X)), new DMatrixRMaj(1, 2, true, Y));
        }, theta, GradientCheck.Method.CENTRAL, 1e-5);
        net.setParameters(theta);
        // parameters() is [Θ1(:); Θ2(:)], column-major with the bias column first
        String[] order = {"b1(h1)", "b1(h2)", "w1", "w3", "w2", "w4", "b2(o1)", "b2(o2)", "w5", "w7", "w6", "w8"};
        for (int i = 0; i < order.length; i++) {
            assertEquals(numeric.gradient()[i], trace(order[i]).value(), 1e-10, order[i]);
        }
    }

    @Test
    void deeperNetworksSumOverThePathsLayerByLayer() {
        Network net = Network.builder(3).dense(4, Activation.tanh()).dense(3, Activation.sigmoid())
                .dense(2, Activation.softmax()).init(Init.normal(0.8), 11).build();
        double[] x = {0.3, -0.7, 0.9};
        double[] y = {0, 1};
        Gradients g = Cost.of(Loss.softmaxCrossEntropy(), Reduction.SUM)
                .gradient(net, new DMatrixRMaj(1, 3, true, x), new DMatrixRMaj(1, 2, true, y));
        for (int l = 1; l <= 3; l++) {
            for (int j = 0; j < net.layer(l).units(); j++) {
                for (int k = 0; k < net.layer(l).in(); k++) {
                    ChainRuleTrace t = ChainRuleTrace.weight(net, Loss.softmaxCrossEntropy(), x, y, l, j, k);
                    assertEquals(g.dW(l).get(j, k), t.value(), 1e-12, t.parameter());
                }
                assertEquals(g.db(l).get(j, 0), ChainRuleTrace.bias(net, Loss.softmaxCrossEntropy(), x, y, l, j).value(), 1e-12);
            }
        }
        ChainRuleTrace first = ChainRuleTrace.weight(net, Loss.softmaxCrossEntropy(), x, y, 1, 2, 1);
        assertEquals("∂C/∂W(1)[3,2]", first.chain().symbol());
        assertEquals(4, first.pathSum().paths().size() + 1, "3 paths through layer 2");
        assertEquals(2 + 3, first.deltas().size(), "δ of the 2 outputs and the 3 units of layer 2");
        ChainRuleTrace top = ChainRuleTrace.weight(net, Loss.softmaxCrossEntropy(), x, y, 3, 0, 0);
        assertEquals(2, top.factors().size(), "a softmax output starts at ∂C/∂z");
        assertEquals("∂C/∂z(3)_1", top.factors().get(0).symbol());
    }

    @Test
    void textAndTableShowEveryNumber() {
        ChainRuleTrace t = trace("w1");
        String text = t.toString();
        assertTrue(text.contains("∂E_total/∂w1 = ∂E_total/∂out_h1 · ∂out_h1/∂net_h1 · ∂net_h1/∂w1"), text);
        assertTrue(text.contains("0.036350306"), text);
        assertTrue(text.contains("(−0.019049118"), text);
        Table table = t.table();
        assertEquals(3 + 1 + 2 + 1 + 2, table.rowCount());
        assertEquals(0.000438568, table.doubleColumn("value").get(3), 1e-9);
    }

    @Test
    void badRequestsAreRefusedWithTheReason() {
        Network net = workedExample();
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ChainRuleTrace.of(net, QUADRATIC, X, Y, "w9", ChainRuleTrace.Naming.workedExample()));
        assertTrue(unknown.getMessage().contains("w9") && unknown.getMessage().contains("w8"), unknown.getMessage());
        IllegalArgumentException index = assertThrows(IllegalArgumentException.class,
                () -> ChainRuleTrace.weight(net, QUADRATIC, X, Y, 2, 2, 0));
        assertTrue(index.getMessage().contains("0 … 1"), index.getMessage());
        IllegalArgumentException shortX = assertThrows(IllegalArgumentException.class,
                () -> ChainRuleTrace.weight(net, QUADRATIC, new double[]{1}, Y, 1, 0, 0));
        assertTrue(shortX.getMessage().contains("x must hold 2"), shortX.getMessage());
        Network maxout = Network.builder(2).maxout(2, 2).dense(1, Activation.sigmoid()).init(Init.xavier(), 1).build();
        IllegalArgumentException mx = assertThrows(IllegalArgumentException.class,
                () -> ChainRuleTrace.weight(maxout, QUADRATIC, X, new double[]{1}, 1, 0, 0));
        assertTrue(mx.getMessage().contains("maxout"), mx.getMessage());
        Network wide = Network.builder(3).dense(2, Activation.sigmoid()).dense(2, Activation.sigmoid()).init(Init.xavier(), 1).build();
        IllegalArgumentException sizes = assertThrows(IllegalArgumentException.class,
                () -> ChainRuleTrace.of(wide, QUADRATIC, new double[3], Y, "w1", ChainRuleTrace.Naming.workedExample()));
        assertTrue(sizes.getMessage().contains("[2, 2, 2]") && sizes.getMessage().contains("[3, 2, 2]"), sizes.getMessage());
    }
}
