package nnlab.check;

import nnlab.net.Activation;
import nnlab.net.Cost;
import nnlab.net.Init;
import nnlab.net.Loss;
import nnlab.net.Network;
import nnlab.net.Reduction;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import tech.tablesaw.api.Table;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static nnlab.Refused.refused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Boundaries and texts of nnlab.check that the other tests left open (found by mutation testing). */
class CheckEdgeCasesTest {

    /** What {@code call} prints to standard output. */
    private static String printed(Runnable call) {
        PrintStream before = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            call.run();
        } finally {
            System.setOut(before);
        }
        return out.toString(StandardCharsets.UTF_8);
    }


    @Test
    void toleranceBoundariesPassAndPrint() {
        int before = Check.passed();
        assertTrue(printed(() -> Check.close("edge", 1.0, 1.5, 0.5)).startsWith("✔ edge = 1.5 (expected 1, |Δ| = 0.5 ≤ 0.5)"));
        assertTrue(printed(() -> Check.closeRelative("rel", 2.0, 3.0, 0.5)).startsWith("✔ rel = 3"));
        Check.closeRelative("near", 2.0, 2.000001, 1e-6);
        assertThrows(Check.CheckFailed.class, () -> Check.closeRelative("far", 2.0, -2.0, 1.5));
        assertTrue(printed(() -> Check.close("m", new double[]{1, 2}, new double[]{1.5, 2.25}, 0.5))
                .contains("all 2 entries match (max |Δ| = 0.5 ≤ 0.5)"));
        Check.close("zero tolerance", 3.0, 3.0, 0);
        Check.CheckFailed entry = assertThrows(Check.CheckFailed.class, () -> Check.close("m", new double[]{1, 2}, new double[]{1, 2.6}, 0.5));
        assertTrue(entry.getMessage().contains("entry (0, 1)"), entry.getMessage());
        assertTrue(printed(() -> Check.differs("d", 1.0, 1.6, 0.5, "a typo")).contains("published 1, recomputed 1.6"));
        assertThrows(Check.CheckFailed.class, () -> Check.differs("d", 1.0, 1.5, 0.5, "at the edge it reproduces"));
        assertEquals(before + 6, Check.passed());
        for (Executable negative : new Executable[]{() -> Check.close("x", 1, 1, -1), () -> Check.closeRelative("x", 1, 1, -1),
                () -> Check.close("x", new double[1], new double[1], -1), () -> Check.differs("x", 1, 2, -1, "r")}) {
            refused(negative, "tolerance must be ≥ 0");
        }
    }

    @Test
    void numbersPrintWithTenDigitsInsideTheirRange() {
        assertEquals("0.0001", Check.fmt(1e-4));
        assertEquals("9.999999000e-05", Check.fmt(9.999999e-5));
        assertEquals("9999999", Check.fmt(9_999_999));
        assertEquals("1.000000000e+07", Check.fmt(1e7));
        assertEquals("-0.0001", Check.fmt(-1e-4));
        assertEquals("0", Check.fmt(0));
    }

    private static GradientCheck.Result result(double[] analytic, double[] numeric) {
        Network net = Network.builder(2).dense(1, Activation.sigmoid()).init(Init.zeros(), 0).build();
        return new GradientCheck.Result(net, analytic, numeric, 6, GradientCheck.Method.CENTRAL, 1e-4, 2_000_000);
    }

    @Test
    void perParameterErrorsAndTheTableAreTheFormulas() {
        GradientCheck.Result r = result(new double[]{1, 0, -2}, new double[]{0.5, 0, -2.5});
        assertArrayEquals(new double[]{0.5 / 1.5, 0, 0.5 / 4.5}, r.perParameterRelativeError(), 1e-15);
        double overall = Math.sqrt(0.25 + 0.25) / Math.sqrt(1.5 * 1.5 + 4.5 * 4.5);
        assertEquals(overall, r.relativeError(), 1e-15);
        Table t = r.table();
        assertEquals(3, t.rowCount());
        assertEquals(1, t.intColumn("#").get(0));
        assertEquals(3, t.intColumn("#").get(2));
        assertEquals("Θ(1)[1,3]", t.stringColumn("parameter").get(2));
        assertEquals(0.5, t.doubleColumn("|Δ|").get(2), 1e-15);
        assertEquals(0.5, t.doubleColumn("|Δ|").get(0), 1e-15);
        assertEquals(0.002, r.seconds(), 1e-15);
        assertEquals("gradient check (CENTRAL, ε = 1.0E-4): relative difference " + String.format(java.util.Locale.ROOT, "%.3e", overall)
                + " over 3 parameters, 6 cost evaluations", r.toString());
    }

    @Test
    void parameterNamesCrossFromOneLayerToTheNext() {
        Network net = Network.builder(2).dense(3, Activation.sigmoid()).dense(1, Activation.sigmoid()).init(Init.uniform(0.5), 1).build();
        GradientCheck.Result r = GradientCheck.check(net, Cost.of(Loss.quadratic(), Reduction.SUM), new DMatrixRMaj(new double[][]{{1, 2}}),
                new DMatrixRMaj(new double[][]{{1}}));
        // Θ(1) is 3 × 3 (bias column first), Θ(2) is 1 × 4
        assertEquals("Θ(1)[3,3]", r.parameterName(8));
        assertEquals("Θ(2)[1,1]", r.parameterName(9));
        assertEquals("Θ(2)[1,4]", r.parameterName(12));
        refused(() -> r.parameterName(13), "past the last parameter 12");
        assertTrue(r.seconds() >= 0);
    }

    @Test
    void dropoutNetworksNeedFrozenMasks() {
        Network net = Network.builder(2).dense(3, Activation.sigmoid()).dropout(0.5).dense(1, Activation.sigmoid())
                .init(Init.uniform(0.5), 1).build();
        refused(() -> GradientCheck.check(net, Cost.of(Loss.quadratic(), Reduction.SUM), new DMatrixRMaj(1, 2), new DMatrixRMaj(1, 1)),
                "dropout is active", "freezeMasks()");
    }

    private static final double[] X = {0.05, 0.10};
    private static final double[] Y = {0.01, 0.99};

    private static Network workedExample() {
        Network net = Network.builder(2).dense(2, Activation.sigmoid()).dense(2, Activation.sigmoid()).init(Init.zeros(), 0).build();
        net.setParameters(new double[]{0.35, 0.35, 0.15, 0.25, 0.20, 0.30, 0.60, 0.60, 0.40, 0.50, 0.45, 0.55});
        return net;
    }

    @Test
    void traceRequestsOutsideTheNetworkAreRefused() {
        Network net = workedExample();
        Loss quadratic = Loss.quadratic();
        refused(() -> ChainRuleTrace.weight(net, quadratic, X, Y, 1, 0, 2), "input k = 2", "outside 0 … 1");
        refused(() -> ChainRuleTrace.weight(net, quadratic, X, Y, 1, -1, 0), "unit j = -1");
        refused(() -> ChainRuleTrace.bias(net, quadratic, X, Y, 2, 2), "unit j = 2");
        refused(() -> ChainRuleTrace.weight(net, quadratic, null, Y, 1, 0, 0), "x must hold 2 numbers", "got null");
        refused(() -> ChainRuleTrace.weight(net, quadratic, X, new double[]{0.01, Double.NaN}, 1, 0, 0), "y[1] is NaN");
        Network softmaxHidden = Network.builder(2).dense(2, Activation.softmax()).dense(2, Activation.sigmoid()).init(Init.uniform(0.5), 1).build();
        refused(() -> ChainRuleTrace.weight(softmaxHidden, quadratic, X, Y, 1, 0, 0), "softmax only on the output layer", "layer 1 uses softmax");
        refused(() -> ChainRuleTrace.of(softmaxHidden, quadratic, X, Y, "w1", ChainRuleTrace.Naming.workedExample()), "layer 1 uses softmax");
        Network maxoutOut = Network.builder(2).dense(2, Activation.sigmoid()).maxout(2, 2).init(Init.uniform(0.5), 1).build();
        refused(() -> ChainRuleTrace.weight(maxoutOut, quadratic, X, Y, 1, 0, 0), "layer 2 uses maxout(2)");
        // an unknown name lists the known ones, at most 40 of them
        Network forty = Network.builder(4).dense(8, Activation.sigmoid()).init(Init.uniform(0.5), 1).build();
        String all = refused(() -> ChainRuleTrace.of(forty, quadratic, new double[4], new double[8], "v", ChainRuleTrace.Naming.standard()),
                "no parameter is named \"v\"", "b(1)[8]");
        assertTrue(!all.contains("…"), all);
        Network more = Network.builder(4).dense(8, Activation.sigmoid()).dense(1, Activation.sigmoid()).init(Init.uniform(0.5), 1).build();
        String cut = refused(() -> ChainRuleTrace.of(more, quadratic, new double[4], new double[1], "v", ChainRuleTrace.Naming.standard()));
        assertTrue(cut.endsWith(" …") && !cut.contains("W(2)"), cut);
        Network softmaxOut = Network.builder(2).dense(2, Activation.sigmoid()).dense(2, Activation.softmax()).init(Init.uniform(0.5), 1).build();
        assertTrue(Double.isFinite(ChainRuleTrace.weight(softmaxOut, Loss.softmaxCrossEntropy(), X, new double[]{0, 1}, 1, 0, 0).value()));
    }

    @Test
    void namesOnUnequalWidths() {
        // 3 inputs, 2 hidden, 1 output: 6 + 2 weights, 2 + 1 biases
        ChainRuleTrace.Naming names = ChainRuleTrace.Naming.units("E", "E_", new String[][]{{"a", "b", "c"}, {"h", "k"}, {"o"}},
                new String[]{"w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8"}, new String[]{"p", "q", "r"});
        assertEquals("w6", names.weight(1, 1, 2));
        assertEquals("w4", names.weight(1, 1, 0));
        assertEquals("w8", names.weight(2, 0, 1));
        assertEquals("q", names.bias(1, 1));
        assertEquals("r", names.bias(2, 0));
        assertEquals("b", names.out(0, 1));
        assertEquals("out_k", names.out(1, 1));
        assertEquals("net_o", names.net(2, 0));
        assertEquals("E_o", names.costOfOutput(0));
        ChainRuleTrace.Naming standard = ChainRuleTrace.Naming.standard();
        assertEquals("x_2", standard.out(0, 1));
        assertEquals("C_2", standard.costOfOutput(1));
        assertEquals("a(1)_2", standard.out(1, 1));
        assertEquals("W(2)[1,3]", standard.weight(2, 0, 2));
        assertEquals("b(1)[2]", standard.bias(1, 1));
        Network net = Network.builder(3).dense(2, Activation.sigmoid()).dense(1, Activation.sigmoid()).init(Init.uniform(0.5), 2).build();
        ChainRuleTrace t = ChainRuleTrace.of(net, Loss.quadratic(), new double[]{1, 2, 3}, new double[]{1}, "w6", names);
        assertEquals("w6", t.parameter());
        assertEquals(ChainRuleTrace.weight(net, Loss.quadratic(), new double[]{1, 2, 3}, new double[]{1}, 1, 1, 2).value(), t.value(), 0);
        refused(() -> ChainRuleTrace.of(net, Loss.quadratic(), new double[]{1, 2, 3}, new double[]{1}, "w6",
                ChainRuleTrace.Naming.units("E", "E_", new String[][]{{"a", "b", "c"}, {"h", "k"}, {"o"}}, new String[7], null)),
                "8 weights but 7 names");
        refused(() -> ChainRuleTrace.of(net, Loss.quadratic(), new double[]{1, 2, 3}, new double[]{1}, "p",
                ChainRuleTrace.Naming.units("E", "E_", new String[][]{{"a", "b", "c"}, {"h", "k"}, {"o"}}, null, new String[2])),
                "3 biases but 2 names");
        refused(() -> ChainRuleTrace.Naming.units("E", "E_", new String[][]{{"a"}}, null, null), "at least two levels, got 1");
        assertEquals("E", ChainRuleTrace.Naming.units("E", "E_", new String[][]{{"a"}, {"o"}}, null, null).cost());
    }

    @Test
    void numbersInProductsAreBracketedWhenNegative() {
        assertEquals("(−0.5)", ChainRuleTrace.format(-0.5, true));
        assertEquals("−0.5", ChainRuleTrace.format(-0.5, false));
        assertEquals("0.5", ChainRuleTrace.format(0.5, true));
        assertEquals("0", ChainRuleTrace.format(0.0, true));
        assertEquals("0.123456789", ChainRuleTrace.format(0.1234567891));
        assertEquals("NaN", ChainRuleTrace.format(Double.NaN));
    }

    @Test
    void theTableAndTextOfAHiddenWeightShowThePathSum() {
        ChainRuleTrace t = ChainRuleTrace.of(workedExample(), Loss.quadratic(), X, Y, "w1", ChainRuleTrace.Naming.workedExample());
        Table table = t.table();
        int sumRow = table.stringColumn("part").indexOf("path sum");
        assertTrue(sumRow > 0, table.print());
        assertEquals("∂E_o1/∂out_h1 + ∂E_o2/∂out_h1", table.stringColumn("= product / sum of").get(sumRow));
        assertEquals(ChainRuleTrace.format(t.pathSum().paths().get(0).value(), true) + " + "
                + ChainRuleTrace.format(t.pathSum().paths().get(1).value(), true), table.stringColumn("numbers").get(sumRow));
        assertEquals(t.pathSum().value(), table.doubleColumn("value").get(sumRow), 0);
        assertEquals("factor", table.stringColumn("part").get(0));
        ChainRuleTrace.Product chain = t.chain();
        String numbers = ChainRuleTrace.format(chain.factors().get(0).value(), true) + " · "
                + ChainRuleTrace.format(chain.factors().get(1).value(), true) + " · " + ChainRuleTrace.format(chain.factors().get(2).value(), true);
        assertEquals(numbers, chain.numbers());
        assertEquals(chain.symbol() + " = " + chain.expression() + " = " + numbers + " = " + ChainRuleTrace.format(chain.value()),
                chain.toString());
        assertTrue(t.toString().contains("where ") && t.toString().contains("δ recursion"), t.toString());
        ChainRuleTrace output = ChainRuleTrace.of(workedExample(), Loss.quadratic(), X, Y, "w5", ChainRuleTrace.Naming.workedExample());
        assertTrue(!output.toString().contains("where ") && !output.toString().contains("δ recursion"), output.toString());
    }
}
