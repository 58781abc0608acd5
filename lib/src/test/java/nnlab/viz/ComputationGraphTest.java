package nnlab.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static nnlab.viz.VizAssert.assertRefused;

import java.awt.Color;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Collectors;

import nnlab.net.Activation;
import nnlab.net.Backprop;
import nnlab.net.Gradients;
import nnlab.net.Init;
import nnlab.net.Loss;
import nnlab.net.Network;
import nnlab.net.Reduction;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ComputationGraphTest {

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** The course notes' chain of single sigmoid neurons (b⁽¹⁾, w⁽¹⁾, b⁽²⁾, w⁽²⁾, b⁽³⁾, w⁽³⁾). */
    private static Network chain() {
        Network net = Network.builder(1).dense(1, Activation.sigmoid()).dense(1, Activation.sigmoid())
                .dense(1, Activation.sigmoid()).init(Init.zeros(), 0).build();
        net.setParameters(new double[] {0.1, 0.8, 0.4, -1.5, -0.3, 2.0});
        return net;
    }

    private static Network wide() {
        return Network.builder(2).dense(3, Activation.sigmoid()).dense(2, Activation.sigmoid()).init(Init.uniform(1.0), 8).build();
    }


    private static double central(DoubleUnaryOperator f, double at) {
        double h = 1e-5;
        return (f.applyAsDouble(at + h) - f.applyAsDouble(at - h)) / (2 * h);
    }

    @Test
    void chainValuesAndDerivativesMatchAHandComputationAndFiniteDifferences() {
        Network net = chain();
        ComputationGraph g = ComputationGraph.lastLayer(net, new double[] {0.6}, new double[] {1.0}, 0);
        // the same chain by hand: a1 = σ(0.8·0.6 + 0.1), a2 = σ(−1.5·a1 + 0.4), z3 = 2·a2 − 0.3
        double a1 = sigmoid(0.8 * 0.6 + 0.1);
        double a2 = sigmoid(-1.5 * a1 + 0.4);
        DoubleUnaryOperator cOfW = w -> Math.pow(sigmoid(w * a2 - 0.3) - 1.0, 2);
        DoubleUnaryOperator cOfA = a -> Math.pow(sigmoid(2.0 * a - 0.3) - 1.0, 2);
        DoubleUnaryOperator cOfB = b -> Math.pow(sigmoid(2.0 * a2 + b) - 1.0, 2);
        assertEquals(a2, g.node("a⁽ᴸ⁻¹⁾").value(), 1e-15);
        assertEquals(2.0 * a2 - 0.3, g.node("z⁽ᴸ⁾").value(), 1e-15);
        assertEquals(cOfW.applyAsDouble(2.0), g.output().value(), 1e-15);
        assertEquals(central(cOfW, 2.0), g.gradient("w⁽ᴸ⁾"), 1e-9);
        assertEquals(central(cOfA, a2), g.gradient("a⁽ᴸ⁻¹⁾"), 1e-9);
        assertEquals(central(cOfB, -0.3), g.gradient("b⁽ᴸ⁾"), 1e-9);
        // the library's quadratic loss is ½(a − y)², so backprop's derivative is half of C₀'s
        Gradients bp = Backprop.vectorized(net, Loss.quadratic(), Reduction.SUM,
                new DMatrixRMaj(new double[][] {{0.6}}), new DMatrixRMaj(new double[][] {{1.0}}));
        assertEquals(2 * bp.dW(3).get(0, 0), g.gradient("w⁽ᴸ⁾"), 1e-14);
        List<ComputationGraph.Path> paths = g.paths("w⁽ᴸ⁾");
        assertEquals(1, paths.size());
        assertEquals("a⁽ᴸ⁻¹⁾ · σ′(z⁽ᴸ⁾) · 2(a⁽ᴸ⁾ − y)", paths.get(0).symbols());
        assertEquals(g.gradient("w⁽ᴸ⁾"), paths.get(0).product(), 1e-15);
    }

    @Test
    void severalPathsAddUpToTheDerivative() {
        Network net = wide();
        double[] x = {0.3, 0.9};
        double[] y = {1.0, 0.0};
        int k = 1;
        ComputationGraph g = ComputationGraph.lastLayer(net, x, y, k);
        List<ComputationGraph.Path> paths = g.paths("a₁⁽ᴸ⁻¹⁾");
        assertEquals(2, paths.size(), "through a₀⁽ᴸ⁾ and through a₁⁽ᴸ⁾");
        assertEquals(List.of("a₁⁽ᴸ⁻¹⁾", "z₀⁽ᴸ⁾", "a₀⁽ᴸ⁾", "C₀"),
                paths.get(0).nodes().stream().map(ComputationGraph.Node::name).collect(Collectors.toList()));
        // C₀ as a function of a_k alone, the last layer written out here
        double[] hidden = net.forward(new DMatrixRMaj(1, 2, true, x)).a(1).data.clone();
        DMatrixRMaj W = net.layer(2).W();
        DMatrixRMaj b = net.layer(2).b();
        DoubleUnaryOperator cost = ak -> {
            double c = 0;
            for (int j = 0; j < 2; j++) {
                double z = b.get(j, 0);
                for (int m = 0; m < 3; m++) {
                    z += W.get(j, m) * (m == k ? ak : hidden[m]);
                }
                c += Math.pow(sigmoid(z) - y[j], 2);
            }
            return c;
        };
        double sum = paths.get(0).product() + paths.get(1).product();
        assertEquals(central(cost, hidden[k]), sum, 1e-9);
        assertEquals(sum, g.gradient("a₁⁽ᴸ⁻¹⁾"), 1e-15);
        for (int j = 0; j < 2; j++) {
            double aj = sigmoid(net.forward(new DMatrixRMaj(1, 2, true, x)).z(2).get(0, j));
            assertEquals(W.get(j, k) * aj * (1 - aj) * 2 * (aj - y[j]), paths.get(j).product(), 1e-15, "path " + j);
        }
    }

    @Test
    void picturesWriteEveryDerivativeWhereNothingOverlaps() {
        ComputationGraph g = ComputationGraph.lastLayer(wide(), new double[] {0.3, 0.9}, new double[] {1.0, 0.0}, 1)
                .showPaths("a₁⁽ᴸ⁻¹⁾").showGradients();
        ComputationGraph.Layout lay = g.layout();
        List<String> labels = lay.texts().stream().filter(t -> t.kind() == NetworkLayout.Kind.EDGE_LABEL)
                .map(NetworkLayout.Text::text).collect(Collectors.toList());
        assertEquals(10, labels.size(), "w, a and b into each z, z into a, a into C₀: 2 × 5 derivatives");
        assertTrue(labels.contains("∂z₀⁽ᴸ⁾/∂b₀⁽ᴸ⁾ = 1"), labels.toString());
        List<String> panel = lay.texts().stream().filter(t -> t.kind() == NetworkLayout.Kind.PANEL)
                .map(NetworkLayout.Text::text).collect(Collectors.toList());
        assertEquals(3, panel.size(), "two paths and their sum");
        assertTrue(panel.get(2).startsWith("sum of the 2 paths: ∂C₀/∂a₁⁽ᴸ⁻¹⁾ = "), panel.get(2));
        List<Rectangle2D> all = lay.texts().stream().map(NetworkLayout.Text::box).collect(Collectors.toList());
        all.addAll(lay.boxes().values());
        for (int i = 0; i < all.size(); i++) {
            Rectangle2D a = all.get(i);
            assertTrue(a.getMinX() >= 0 && a.getMaxX() <= lay.width() && a.getMinY() >= 0 && a.getMaxY() <= lay.height(),
                    "box " + i + " leaves the picture");
            for (int j = i + 1; j < all.size(); j++) {
                Rectangle2D shared = a.createIntersection(all.get(j));
                assertFalse(shared.getWidth() > 0.5 && shared.getHeight() > 0.5, "boxes " + i + " and " + j + " overlap");
            }
        }
    }

    @Test
    void eachPathIsDrawnInItsColour() {
        ComputationGraph g = ComputationGraph.lastLayer(wide(), new double[] {0.3, 0.9}, new double[] {1.0, 0.0}, 1)
                .showPaths("a₁⁽ᴸ⁻¹⁾");
        ComputationGraph.Layout lay = g.layout();
        BufferedImage img = g.image();
        List<ComputationGraph.Path> paths = g.paths("a₁⁽ᴸ⁻¹⁾");
        for (int p = 0; p < paths.size(); p++) {
            Color expected = Style.series(p);
            for (ComputationGraph.Edge e : paths.get(p).edges()) {
                ComputationGraph.Line line = lay.lines().stream().filter(l -> l.edge().equals(e)).findFirst().orElseThrow();
                int rgb = freePixel(lay, line, img);
                assertTrue(distance(rgb, expected) < 60 && distance(rgb, expected) < distance(rgb, Style.series(1 - p)),
                        e.from().name() + " → " + e.to().name() + " is drawn in path " + p + "'s colour, got " + Integer.toHexString(rgb));
            }
        }
        ComputationGraph.Line other = lay.lines().stream().filter(l -> l.edge().from().name().equals("b₀⁽ᴸ⁾")).findFirst().orElseThrow();
        int grey = freePixel(lay, other, img);
        assertTrue(Math.abs(((grey >> 16) & 0xFF) - ((grey >> 8) & 0xFF)) < 10, "edges off the paths stay grey");
    }

    private static double distance(int rgb, Color c) {
        return Math.hypot(Math.hypot(((rgb >> 16) & 0xFF) - c.getRed(), ((rgb >> 8) & 0xFF) - c.getGreen()), (rgb & 0xFF) - c.getBlue());
    }

    private static int freePixel(ComputationGraph.Layout lay, ComputationGraph.Line line, BufferedImage img) {
        for (double f = 0.1; f <= 0.9; f += 0.02) {
            double px = line.x1() + (line.x2() - line.x1()) * f;
            double py = line.y1() + (line.y2() - line.y1()) * f;
            boolean free = lay.texts().stream().noneMatch(t -> t.box().contains(px, py))
                    && lay.lines().stream().filter(o -> o != line).noneMatch(o -> Line2D.ptSegDist(o.x1(), o.y1(), o.x2(), o.y2(), px, py) < 6);
            if (free) {
                return img.getRGB((int) Math.round(px), (int) Math.round(py)) & 0xFFFFFF;
            }
        }
        throw new AssertionError("no free point on " + line.edge());
    }

    @Test
    void expressionsComputeTheirOwnValues() {
        ComputationGraph g = ComputationGraph.titled("t");
        var w = g.input("w", 0.5);
        var a = g.input("a", 2.0);
        var b = g.input("b", -0.25);
        var z = g.weightedSum("z", List.of(w), List.of(a), b);
        var out = g.activation("out", Activation.tanh(), z);
        g.squaredError("C", List.of(out), List.of(g.constant("y", 0.0)));
        assertEquals(0.75, z.value(), 1e-15);
        assertEquals(Math.tanh(0.75), out.value(), 1e-15);
        assertEquals(central(v -> Math.pow(Math.tanh(v * 2.0 - 0.25), 2), 0.5), g.gradient("w"), 1e-9);
        assertEquals(0, ComputationGraph.titled("u").input("alone", 1).value() - 1, 0);
    }

    @Test
    void badGraphsAreRefused() {
        ComputationGraph g = ComputationGraph.titled("t");
        var w = g.input("w", 1);
        var c = g.node("c", 2, "2w");
        assertRefused(() -> g.input("w", 3), "names must be unique");
        assertRefused(() -> g.edge(c, w, "?", 1), "must lead to a node added after");
        assertRefused(() -> g.edge(w, c, "2", Double.NaN), "give a finite number");
        assertRefused(() -> g.input("v", Double.POSITIVE_INFINITY), "has value Infinity");
        assertRefused(() -> g.node("nope"), "no node named nope");
        assertRefused(() -> g.paths("w"), "no path leads from w");
        assertRefused(() -> g.activation("s", Activation.softmax(), w), "not an element-wise function");
        var y = g.constant("y", 1);
        assertRefused(() -> g.gradient("y"), "is a constant");
        assertRefused(() -> ComputationGraph.titled("e").image(), "the graph is empty");
        assertRefused(() -> ComputationGraph.lastLayer(wide(), new double[] {1}, new double[] {1, 0}, 0), "x has 1 values");
        assertRefused(() -> ComputationGraph.lastLayer(wide(), new double[] {1, 0}, new double[] {1, 0}, 3), "unit k = 3 is outside 0 … 2");
        assertRefused(() -> g.weightedSum("z", List.of(w), List.of(), null), "as many weights as inputs");
        assertRefused(() -> g.squaredError("C", List.of(w), List.of()), "one target per output");
        assertTrue(y.isConstant());
    }
}
