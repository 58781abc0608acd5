package nnlab.viz;

import static nnlab.viz.NetworkDiagram.bias;
import static nnlab.viz.NetworkDiagram.unit;
import static nnlab.viz.NetworkDiagram.weight;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static nnlab.viz.VizAssert.assertRefused;
import static nnlab.viz.VizAssert.near;

import java.awt.Color;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import nnlab.net.Activation;
import nnlab.net.Backprop;
import nnlab.net.ForwardPass;
import nnlab.net.Gradients;
import nnlab.net.Init;
import nnlab.net.Loss;
import nnlab.net.Network;
import nnlab.net.Reduction;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.jupiter.api.Test;

class NetworkDiagramTest {

    /** The worked example of seed 003: its initial weights, one input and its targets. */
    private static final Network NET = DiagramGallery.workedExample();
    private static final DMatrixRMaj X = new DMatrixRMaj(new double[][] {{0.05, 0.10}});
    private static final DMatrixRMaj Y = new DMatrixRMaj(new double[][] {{0.01, 0.99}});

    private static NetworkDiagram worked() {
        return NetworkDiagram.of(NET).notation(Notation.workedExample());
    }

    private static Gradients gradients() {
        return Backprop.vectorized(NET, Loss.quadratic(), Reduction.SUM, X, Y);
    }

    private static List<String> texts(NetworkLayout lay, NetworkLayout.Kind kind) {
        return lay.texts.stream().filter(t -> t.kind() == kind).map(NetworkLayout.Text::text).collect(Collectors.toList());
    }

    /** No two text boxes share area, no text box covers a node it does not belong to, no two nodes touch. */
    private static void assertNoOverlaps(NetworkLayout lay) {
        List<NetworkLayout.Text> t = lay.texts;
        for (int i = 0; i < t.size(); i++) {
            for (int j = i + 1; j < t.size(); j++) {
                Rectangle2D shared = t.get(i).box().createIntersection(t.get(j).box());
                assertFalse(shared.getWidth() > 0.5 && shared.getHeight() > 0.5,
                        "'" + t.get(i).text() + "' and '" + t.get(j).text() + "' overlap");
            }
            for (NetworkLayout.Node n : lay.nodes) {
                Rectangle2D shared = t.get(i).box().createIntersection(n.box().getBounds2D());
                assertFalse(shared.getWidth() > 0.5 && shared.getHeight() > 0.5,
                        "'" + t.get(i).text() + "' covers node " + n.layer() + "/" + n.index());
            }
            Rectangle2D b = t.get(i).box();
            assertTrue(b.getMinX() >= 0 && b.getMaxX() <= lay.width && b.getMinY() >= 0 && b.getMaxY() <= lay.height,
                    "'" + t.get(i).text() + "' leaves the picture: " + b);
        }
        for (int i = 0; i < lay.nodes.size(); i++) {
            for (int j = i + 1; j < lay.nodes.size(); j++) {
                assertFalse(lay.nodes.get(i).box().getBounds2D().intersects(lay.nodes.get(j).box().getBounds2D()),
                        "nodes " + lay.nodes.get(i) + " and " + lay.nodes.get(j) + " overlap");
            }
        }
    }



    /** The colour on an edge's line at a point covered by no text box and no node. */
    private static int pixelOnEdge(NetworkLayout lay, BufferedImage img, NetworkDiagram.Part part) {
        NetworkLayout.Edge e = lay.edges.stream().filter(x -> x.part().equals(part)).findFirst().orElseThrow();
        for (double f = 0.2; f <= 0.8; f += 0.02) {
            double px = e.x1() + (e.x2() - e.x1()) * f;
            double py = e.y1() + (e.y2() - e.y1()) * f;
            boolean free = lay.texts.stream().noneMatch(t -> t.box().contains(px, py))
                    && lay.edges.stream().filter(o -> o != e)
                    .noneMatch(o -> Line2D.ptSegDist(o.x1(), o.y1(), o.x2(), o.y2(), px, py) < 8);
            if (free) {
                return img.getRGB((int) Math.round(px), (int) Math.round(py)) & 0xFFFFFF;
            }
        }
        throw new AssertionError("no free point on " + part);
    }

    // ------------------------------------------------------------------------------ notation

    @Test
    void notationsNameWhatTheirTextsName() {
        int[] sizes = {2, 2, 2};
        Notation worked = Notation.workedExample();
        // seed 003: net_h1 = w1·i1 + w2·i2 + b1, net_h2 uses w3 and w4, net_o1 = w5·out_h1 + w6·out_h2, net_o2 uses w7, w8
        assertEquals("w1", worked.weight(1, 0, 0, sizes));
        assertEquals("w2", worked.weight(1, 0, 1, sizes));
        assertEquals("w3", worked.weight(1, 1, 0, sizes));
        assertEquals("w4", worked.weight(1, 1, 1, sizes));
        assertEquals("w5", worked.weight(2, 0, 0, sizes));
        assertEquals("w6", worked.weight(2, 0, 1, sizes));
        assertEquals("w7", worked.weight(2, 1, 0, sizes));
        assertEquals("w8", worked.weight(2, 1, 1, sizes));
        assertEquals("i2", worked.unit(0, 1, 2));
        assertEquals("h1", worked.unit(1, 0, 2));
        assertEquals("o2", worked.unit(2, 1, 2));
        assertEquals("b1", worked.biasUnit(0));
        assertEquals("b2", worked.biasUnit(1));
        assertEquals("net", worked.zSymbol());
        assertEquals("out", worked.aSymbol());
        // the course notes: a⁽¹⁾ is the input, Θ⁽¹⁾ maps it to a⁽²⁾, indices from 1 and 0 for the bias
        Notation course = Notation.courseNotes();
        assertEquals("a⁽¹⁾", course.layer(0, 2));
        assertEquals("a₁⁽²⁾", course.unit(1, 0, 2));
        assertEquals("Θ⁽¹⁾₁₂", course.weight(1, 0, 1, sizes));
        assertEquals("Θ⁽²⁾₂₀", course.bias(2, 1, sizes));
        assertEquals("δ₂⁽³⁾", course.delta(2, 1, 2));
        assertEquals("Θ⁽¹²⁾₁₁,₃", course.weight(12, 10, 2, new int[14]));
        // Nielsen: input layer 1, wˡⱼₖ from k in layer l−1 to j in layer l
        assertEquals("w³₂₁", Notation.nielsen().weight(2, 1, 0, sizes));
        // counted from the output
        Notation back = Notation.fromOutput();
        assertEquals("a₀⁽ᴸ⁾", back.unit(2, 0, 2));
        assertEquals("a₁⁽ᴸ⁻¹⁾", back.unit(1, 1, 2));
        assertEquals("w₀₁⁽ᴸ⁾", back.weight(2, 0, 1, sizes));
        // the notes' chain of one neuron per layer has no subscripts: w⁽ᴸ⁾, a⁽ᴸ⁻¹⁾, b⁽ᴸ⁾
        int[] chain = {1, 1, 1, 1};
        assertEquals("w⁽ᴸ⁾", back.weight(3, 0, 0, chain));
        assertEquals("b⁽ᴸ⁾", back.bias(3, 0, chain));
        assertEquals("a⁽ᴸ⁻¹⁾", back.unit(2, 0, chain));
        assertEquals("a₁⁽ᴸ⁻¹⁾", back.unit(1, 1, new int[] {2, 3, 2}));
        assertEquals("a₁⁽²⁾", Notation.courseNotes().unit(1, 0, chain), "the course notes keep their subscripts");
        // seed 004's L95 … L100
        Notation numbered = Notation.numberedLayers(95);
        assertEquals("L95", numbered.layer(0, 5));
        assertEquals("L100", numbered.layer(5, 5));
        assertEquals("Z", numbered.zSymbol());
        assertEquals("O", numbered.aSymbol());
        assertRefused(() -> NetworkDiagram.of(2, 2, 2, 2).notation(Notation.workedExample()), "one hidden layer");
        assertRefused(() -> Notation.numberedLayers(-1), "0 or more");
    }

    // ------------------------------------------------------------------------------ layout

    @Test
    void edgeNumbersAreAllWrittenAndOverlapNothing() {
        NetworkLayout lay = worked().edgeText(NetworkDiagram.EdgeText.NAME_AND_VALUE).layout();
        List<String> labels = texts(lay, NetworkLayout.Kind.EDGE_LABEL);
        // the document's initial values
        for (String expected : List.of("w1 = 0.15", "w2 = 0.2", "w3 = 0.25", "w4 = 0.3", "w5 = 0.4", "w6 = 0.45",
                "w7 = 0.5", "w8 = 0.55", "b1 = 0.35", "b2 = 0.6")) {
            assertTrue(labels.contains(expected), expected + " missing from " + labels);
        }
        assertEquals(12, labels.size(), "8 weights and 4 bias edges");
        assertNoOverlaps(lay);
        assertTrue(texts(lay, NetworkLayout.Kind.CAPTION).get(1).startsWith("hidden"));
    }

    @Test
    void labelsStayClearOnEveryDocumentNetwork() {
        Gradients g = gradients();
        ForwardPass pass = NET.forward(X);
        Network deep = Network.builder(5).dense(2, Activation.sigmoid()).dense(4, Activation.sigmoid())
                .dense(3, Activation.sigmoid()).dense(3, Activation.sigmoid()).dense(1, Activation.sigmoid())
                .init(Init.uniform(1), 4).build();
        List<NetworkDiagram> diagrams = List.of(
                worked().edgeText(NetworkDiagram.EdgeText.VALUE).forward(pass, 0).backward(g, 0).digits(4),
                worked().edgeText(NetworkDiagram.EdgeText.NAME_AND_VALUE).forward(pass, 0).backward(g, 0).digits(9),
                NetworkDiagram.of(deep).notation(Notation.numberedLayers(95)).edgeText(NetworkDiagram.EdgeText.VALUE),
                NetworkDiagram.of(deep.sizes()).notation(Notation.numberedLayers(95)).splitSymbols(),
                NetworkDiagram.of(3, 5, 5, 4).biasNodes().notation(Notation.courseNotes()),
                NetworkDiagram.of(NET).notation(Notation.courseNotes()).edgeText(NetworkDiagram.EdgeText.NAME),
                NetworkDiagram.of(25, 12, 10).biasNodes().notation(Notation.courseNotes()).size(720, 420),
                NetworkDiagram.of(784, 100, 10).notation(Notation.library()),
                NetworkDiagram.of(784, 25, 10).biasNodes(),
                worked().edgeText(NetworkDiagram.EdgeText.NAME_AND_VALUE).values(Arrays.asList(new double[] {0.05, 0.10}, null, null))
                        .label(unit(2, 0), "target 0.01").label(unit(2, 1), "target 0.99"),
                worked().forward(pass, 0).digits(9).backward(g, 0).highlight(Style.VERMILLION, weight(2, 0, 0), unit(2, 0))
                        .label(weight(2, 0, 0), "∂net_o1/∂w5 = 0.593269992")
                        .label(unit(2, 0), "∂E/∂out_o1 = 0.74136507\n∂out_o1/∂net_o1 = 0.186815602").dimRest(),
                worked().forward(pass, 0).digits(9).backward(g, 0).highlightPath(Style.BLUE, 1, 0, 0).highlightPath(Style.ORANGE, 1, 0, 1)
                        .label(weight(2, 0, 0), "0.055399425").label(weight(2, 1, 0), "-0.019049119")
                        .label(unit(1, 0), "∂E/∂out_h1 = 0.036350306").dimRest(),
                NetworkDiagram.of(NET).notation(Notation.nielsen()).forward(pass, 0).backward(g, 0)
                        .callout(unit(2, 0), "BP1", "δᴸ = ∇ₐC ⊙ σ′(zᴸ)", Style.VERMILLION)
                        .callout(unit(1, 1), "BP2", "δˡ = ((wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ)", Style.BLUE)
                        .callout(bias(2, 1), "BP3", "∂C/∂b = δ", Style.GREEN)
                        .callout(weight(2, 0, 1), "BP4", "∂C/∂w = a δ", Style.PURPLE).dimRest());
        for (NetworkDiagram d : diagrams) {
            assertNoOverlaps(d.layout());
        }
    }

    @Test
    void biasNodeSitsAboveTheFirstUnit() {
        NetworkLayout lay = NetworkDiagram.of(3, 5, 5, 4).biasNodes().notation(Notation.courseNotes()).layout();
        for (int l = 0; l < 3; l++) {
            int layer = l;
            Rectangle2D bias = lay.nodes.stream().filter(n -> n.bias() && n.layer() == layer).findFirst().orElseThrow().box().getBounds2D();
            Rectangle2D first = lay.nodes.stream().filter(n -> !n.bias() && n.layer() == layer && n.index() == 0)
                    .findFirst().orElseThrow().box().getBounds2D();
            assertTrue(bias.getMaxY() < first.getMinY(), "bias node of layer " + l + " above unit 1, not on it");
            assertEquals("+1", lay.nodes.stream().filter(n -> n.bias() && n.layer() == layer).findFirst().orElseThrow().inside());
        }
        assertEquals("a₁⁽¹⁾", lay.nodes.stream().filter(n -> !n.bias() && n.layer() == 0 && n.index() == 0)
                .findFirst().orElseThrow().inside());
    }

    @Test
    void equalLayersLineUpAndMaxNodesDrawsThemAll() {
        NetworkLayout chain = NetworkDiagram.of(1, 1, 1, 1).biasNodes().notation(Notation.fromOutput()).layout();
        List<Double> ys = chain.nodes.stream().filter(n -> !n.bias()).map(n -> n.box().getCenterY()).collect(Collectors.toList());
        assertEquals(4, ys.size());
        assertTrue(ys.stream().allMatch(v -> Math.abs(v - ys.get(0)) < 1e-9), "a chain is a straight line: " + ys);
        assertEquals(List.of("a⁽ᴸ⁻³⁾", "a⁽ᴸ⁻²⁾", "a⁽ᴸ⁻¹⁾", "a⁽ᴸ⁾"), chain.nodes.stream().filter(n -> !n.bias())
                .map(NetworkLayout.Node::inside).collect(Collectors.toList()));
        NetworkLayout all = NetworkDiagram.of(16, 10).maxNodes(16).shade(Arrays.asList(new double[16], null))
                .nudges(Arrays.asList(new double[16], null)).layout();
        assertEquals(26, all.nodes.size(), "all 16 units of layer L−1 and the 10 outputs");
        assertEquals(16, all.arrows.size(), "a nudge arrow for each of the 16");
        assertNoOverlaps(all);
        assertEquals(21, NetworkDiagram.of(16, 10).layout().nodes.size(), "by default 11 of the 16 and the 10 outputs");
        assertRefused(() -> NetworkDiagram.of(2, 2).maxNodes(2), "maxNodes must be 3 … 64");
    }

    @Test
    void splitNodesHoldZAndAOfTheForwardPassAndDeltasGoUnder() {
        NetworkLayout lay = worked().forward(NET.forward(X), 0).backward(gradients(), 0).digits(4).layout();
        NetworkLayout.Node h1 = lay.nodes.stream().filter(n -> !n.bias() && n.layer() == 1 && n.index() == 0).findFirst().orElseThrow();
        // seed 003: net_h1 = 0.3775, out_h1 = 0.593269992
        assertEquals("0.3775", h1.left());
        assertEquals("0.5933", h1.right());
        NetworkLayout.Node o1 = lay.nodes.stream().filter(n -> !n.bias() && n.layer() == 2 && n.index() == 0).findFirst().orElseThrow();
        // net_o1 = 1.105905967, out_o1 = 0.75136507
        assertEquals("1.106", o1.left());
        assertEquals("0.7514", o1.right());
        NetworkLayout.Node i1 = lay.nodes.stream().filter(n -> !n.bias() && n.layer() == 0 && n.index() == 0).findFirst().orElseThrow();
        assertEquals("0.05", i1.inside(), "the input has no z: its node holds a(0) whole");
        // δ_o1 = 0.74136507 · 0.186815602 = 0.138498562
        assertTrue(texts(lay, NetworkLayout.Kind.BELOW).contains("δ = 0.1385"), texts(lay, NetworkLayout.Kind.BELOW).toString());
        assertTrue(texts(lay, NetworkLayout.Kind.NAME).containsAll(List.of("i1", "h1", "o2")), "names above the numbers");
        // ∂E_total/∂out_h1 = 0.055399425 + (−0.019049119) = 0.036350306 in the document
        NetworkLayout dA = worked().backwardActivations(gradients(), 0).digits(8).layout();
        assertEquals(List.of("∂C/∂a = 0.036350306"), texts(dA, NetworkLayout.Kind.BELOW).subList(0, 1));
        assertEquals(2, texts(dA, NetworkLayout.Kind.BELOW).size(), "hidden units only");
        NetworkLayout symbols = NetworkDiagram.of(5, 2, 4, 3, 3, 1).notation(Notation.numberedLayers(95)).splitSymbols().layout();
        assertTrue(symbols.nodes.stream().allMatch(n -> "Z".equals(n.left()) && "O".equals(n.right())));
        assertEquals(List.of("L95\n5 units", "L96\n2 units", "L97\n4 units", "L98\n3 units", "L99\n3 units", "L100\n1 unit"),
                texts(symbols, NetworkLayout.Kind.CAPTION));
    }

    @Test
    void highlightedEdgesAreDrawnInTheirColourAndTheRestDimmed() {
        NetworkDiagram d = worked().highlightPath(Style.VERMILLION, 0, 1, 0, 1).dimRest();
        NetworkLayout lay = d.layout();
        BufferedImage img = lay.paint();
        int lit = pixelOnEdge(lay, img, weight(1, 0, 1));
        assertTrue(near(lit, Style.VERMILLION, 12), "highlighted edge i2→h1 is vermillion, got " + Integer.toHexString(lit));
        int lit2 = pixelOnEdge(lay, img, weight(2, 1, 0));
        assertTrue(near(lit2, Style.VERMILLION, 12), "highlighted edge h1→o2 is vermillion, got " + Integer.toHexString(lit2));
        int dim = pixelOnEdge(lay, img, weight(2, 0, 1));
        assertTrue(near(dim, Style.DIM, 30), "the rest is light grey, got " + Integer.toHexString(dim));
        NetworkLayout.Node h1 = lay.nodes.stream().filter(n -> !n.bias() && n.layer() == 1 && n.index() == 0).findFirst().orElseThrow();
        assertEquals(Style.VERMILLION, h1.ring());
        // without dimming, the other edges keep their sign colour: all weights of the worked example are positive
        NetworkLayout plain = worked().highlight(Style.BLUE, weight(2, 0, 0)).layout();
        int other = pixelOnEdge(plain, plain.paint(), weight(1, 1, 1));
        assertTrue(((other >> 16) & 0xFF) > (other & 0xFF) + 60, "a positive weight stays vermillion, got " + Integer.toHexString(other));
        int blue = pixelOnEdge(plain, plain.paint(), weight(2, 0, 0));
        assertTrue(near(blue, Style.BLUE, 12), "the highlighted one is blue, got " + Integer.toHexString(blue));
    }

    @Test
    void highlightLayerCoversItsUnitsAndIncomingEdges() {
        NetworkLayout lay = NetworkDiagram.of(5, 2, 4, 3, 3, 1).highlightLayer(5, Style.GREEN).layout();
        long green = lay.edges.stream().filter(e -> e.color().equals(Style.GREEN)).count();
        assertEquals(3, green, "the three edges into L100");
        assertTrue(lay.edges.stream().filter(e -> e.color().equals(Style.GREEN))
                .allMatch(e -> e.part() instanceof NetworkDiagram.Weight w && w.layer() == 5));
    }

    @Test
    void calloutsPutAKeyAtThePartAndTheTextInTheList() {
        NetworkLayout lay = NetworkDiagram.of(NET).notation(Notation.nielsen())
                .callout(unit(2, 0), "δᴸ = ∇ₐC ⊙ σ′(zᴸ)", Style.VERMILLION)
                .callout(weight(2, 0, 1), "∂C/∂w = a δ", Style.PURPLE).layout();
        assertEquals(List.of("1", "2"), texts(lay, NetworkLayout.Kind.KEY));
        assertEquals(List.of("1", "δᴸ = ∇ₐC ⊙ σ′(zᴸ)", "2", "∂C/∂w = a δ"), texts(lay, NetworkLayout.Kind.PANEL));
        assertTrue(lay.edges.stream().anyMatch(e -> e.part().equals(weight(2, 0, 1)) && e.color().equals(Style.PURPLE)),
                "a callout highlights its part");
        Rectangle2D key = lay.texts.stream().filter(t -> t.kind() == NetworkLayout.Kind.KEY && t.text().equals("1"))
                .findFirst().orElseThrow().box();
        Rectangle2D o1 = lay.nodes.stream().filter(n -> !n.bias() && n.layer() == 2 && n.index() == 0).findFirst().orElseThrow()
                .box().getBounds2D();
        assertTrue(Math.hypot(key.getCenterX() - o1.getCenterX(), key.getCenterY() - o1.getCenterY()) < 80, "key 1 beside o1");
        assertNoOverlaps(lay);
        Map<NetworkDiagram.Part, String> layer2 = new LinkedHashMap<>();
        layer2.put(weight(2, 1, 1), "∂C/∂w(2)₁₁ = δ · a");
        layer2.put(weight(2, 0, 0), "∂C/∂w(2)₀₀ = δ · a");
        NetworkLayout both = NetworkDiagram.of(NET).callouts(Style.BLUE, layer2).callout(unit(0, 0), "input", Style.GREEN).layout();
        assertEquals(List.of("1", "∂C/∂w(2)₁₁ = δ · a", "2", "∂C/∂w(2)₀₀ = δ · a", "3", "input"), texts(both, NetworkLayout.Kind.PANEL),
                "in the map's order, numbered on");
        assertRefused(() -> NetworkDiagram.of(NET).callouts(Style.BLUE, Map.of(weight(1, 0, 0), "a", weight(1, 1, 0), "b")),
                "no defined order");
        NetworkDiagram many = NetworkDiagram.of(2, 2).size(400, 200);
        for (int k = 0; k < 12; k++) {
            many.callout(unit(1, 0), "line " + k, Style.BLUE);
        }
        assertRefused(many::image, "make it taller");
    }

    /**
     * Seed 004's figure of the last two layers: keys 1 … 3 on the edges into L100, 4 … 12 on the 3 × 3 edges
     * L98 → L99; with Z | O nodes as in the notebook, or plain circles as in the gallery.
     */
    private static NetworkDiagram lastTwoLayers(boolean forward) {
        Network net = Network.builder(5).dense(2, Activation.sigmoid()).dense(4, Activation.sigmoid())
                .dense(3, Activation.sigmoid()).dense(3, Activation.sigmoid()).dense(1, Activation.sigmoid())
                .init(Init.normal(1), 95).build();
        ForwardPass p = net.forward(RandomMatrices_DDRM.rectangle(1, 5, -1, 1, new Random(1)));
        Map<NetworkDiagram.Part, String> intoL100 = new LinkedHashMap<>();
        Map<NetworkDiagram.Part, String> intoL99 = new LinkedHashMap<>();
        for (int j = 0; j < 3; j++) {
            intoL100.put(weight(5, 0, j), "O99" + j + " → L100: -0.625 × 0.153 = -0.0959");
            for (int k = 0; k < 3; k++) {
                intoL99.put(weight(4, j, k), "O98" + k + " → O99" + j + ": -0.625 × -0.145 × 0.0313 = 0.00284");
            }
        }
        NetworkDiagram d = NetworkDiagram.of(net.sizes()).notation(Notation.numberedLayers(95));
        if (forward) {
            d.forward(p, 0).digits(3);
        }
        return d.callouts(Style.VERMILLION, intoL100).callouts(Style.BLUE, intoL99).dimRest();
    }

    private static Rectangle2D key(NetworkLayout lay, String key) {
        return lay.texts.stream().filter(t -> t.kind() == NetworkLayout.Kind.KEY && t.text().equals(key)).findFirst().orElseThrow().box();
    }

    private static NetworkLayout.Edge edgeOf(NetworkLayout lay, NetworkDiagram.Part part) {
        return lay.edges.stream().filter(e -> e.part().equals(part)).findFirst().orElseThrow();
    }

    /** The least distance from a segment to a rectangle, from 1000 points along the segment. */
    private static double distance(NetworkLayout.Edge e, Rectangle2D r) {
        double least = Double.POSITIVE_INFINITY;
        for (int s = 0; s <= 1000; s++) {
            double px = e.x1() + (e.x2() - e.x1()) * s / 1000;
            double py = e.y1() + (e.y2() - e.y1()) * s / 1000;
            double dx = Math.max(0, Math.max(r.getMinX() - px, px - r.getMaxX()));
            double dy = Math.max(0, Math.max(r.getMinY() - py, py - r.getMaxY()));
            least = Math.min(least, Math.hypot(dx, dy));
        }
        return least;
    }

    @Test
    void keysSitOnTheirOwnEdgesClearOfEachOtherAndOfCrossings() {
        assertKeysClear(lastTwoLayers(true).layout());
        assertKeysClear(lastTwoLayers(false).layout());
    }

    private static void assertKeysClear(NetworkLayout lay) {
        List<NetworkDiagram.Part> parts = new ArrayList<>();
        for (int j = 0; j < 3; j++) {
            parts.add(weight(5, 0, j));
        }
        for (int j = 0; j < 3; j++) {
            for (int k = 0; k < 3; k++) {
                parts.add(weight(4, j, k));
            }
        }
        for (int i = 0; i < parts.size(); i++) {
            Rectangle2D box = key(lay, Integer.toString(i + 1));
            NetworkLayout.Edge own = edgeOf(lay, parts.get(i));
            assertTrue(Line2D.ptSegDist(own.x1(), own.y1(), own.x2(), own.y2(), box.getCenterX(), box.getCenterY()) < 0.5,
                    "key " + (i + 1) + " is centred on its edge " + parts.get(i));
            for (int j = 0; j < parts.size(); j++) {
                if (j == i) {
                    continue;
                }
                Rectangle2D other = key(lay, Integer.toString(j + 1));
                assertFalse(box.intersects(other), "keys " + (i + 1) + " and " + (j + 1) + " overlap: " + box + ", " + other);
                double gap = distance(edgeOf(lay, parts.get(j)), box);
                assertTrue(gap >= 3, "key " + (i + 1) + " is " + gap + " px from the edge of key " + (j + 1) + ", less than 3");
            }
        }
        assertNoOverlaps(lay);
    }

    @Test
    void aLoneKeyStaysAtTheMiddleOfItsEdge() {
        NetworkLayout lay = NetworkDiagram.of(NET).callout(weight(2, 0, 1), "∂C/∂w = a δ", Style.PURPLE).layout();
        Rectangle2D box = key(lay, "1");
        NetworkLayout.Edge e = edgeOf(lay, weight(2, 0, 1));
        assertEquals((e.x1() + e.x2()) / 2, box.getCenterX(), 1e-9);
        assertEquals((e.y1() + e.y2()) / 2, box.getCenterY(), 1e-9);
    }

    @Test
    void shadeAndNudgesDrawActivityAndWishes() {
        NetworkLayout lay = NetworkDiagram.of(2, 3)
                .shade(List.of(new double[] {0, 1}, new double[] {0.2, 0.5, 0.9}))
                .nudges(Arrays.asList(null, new double[] {0.5, -1, 0.1})).layout();
        NetworkLayout.Node dark = lay.nodes.stream().filter(n -> n.layer() == 0 && n.index() == 1).findFirst().orElseThrow();
        NetworkLayout.Node light = lay.nodes.stream().filter(n -> n.layer() == 0 && n.index() == 0).findFirst().orElseThrow();
        assertEquals(Color.WHITE, light.fill());
        assertTrue(dark.fill().getRed() < 60, "activation 1 is drawn dark");
        assertEquals(3, lay.arrows.size());
        NetworkLayout.Arrow up = lay.arrows.get(0);
        NetworkLayout.Arrow down = lay.arrows.get(1);
        assertTrue(up.y2() < up.y1() && up.color().equals(Style.GREEN), "a positive nudge points up in green");
        assertTrue(down.y2() > down.y1() && down.color().equals(Style.VERMILLION), "a negative one down in vermillion");
        assertTrue(Math.abs(down.y2() - down.y1()) > Math.abs(up.y2() - up.y1()), "length grows with |nudge|");
        assertTrue(lay.arrows.stream().allMatch(a -> a.x() > lay.nodes.get(2).box().getMaxX()), "output nudges stand right");
        assertRefused(() -> NetworkDiagram.of(2, 3).shade(Arrays.asList(new double[] {0, 1.5}, null)), "layer 0, unit 1 is 1.5");
    }

    @Test
    void edgeQuantityNamesTheLegendAndTheNumbers() {
        DMatrixRMaj nudge = new DMatrixRMaj(new double[][] {{-0.25, 0.5}});
        NetworkLayout lay = NetworkDiagram.of(2, 1).edges(List.of(nudge), "−∂C/∂w").edgeText(NetworkDiagram.EdgeText.VALUE).layout();
        assertEquals(List.of("-0.25", "0.5"), texts(lay, NetworkLayout.Kind.EDGE_LABEL));
        assertEquals(Style.BLUE.getRGB() & 0xFFFFFF, lay.edges.stream().filter(e -> e.part().equals(weight(1, 0, 0)))
                .findFirst().orElseThrow().color().getRGB() & 0xFFFFFF, "negative is blue");
    }

    @Test
    void sideBySidePutsPicturesInARow() {
        BufferedImage a = NetworkDiagram.of(2, 2).size(300, 200).image();
        BufferedImage b = NetworkDiagram.of(2, 3).size(320, 240).image();
        BufferedImage both = NetworkDiagram.sideBySide("zero start vs random start", a, b);
        assertEquals(620, both.getWidth());
        assertEquals(240 + 34, both.getHeight());
        assertRefused(() -> NetworkDiagram.sideBySide("x"), "at least one picture");
    }

    @Test
    void growsToFitUnlessSized() {
        NetworkLayout big = worked().edgeText(NetworkDiagram.EdgeText.NAME_AND_VALUE).forward(NET.forward(X), 0).digits(9).layout();
        assertTrue(big.width > Frame.WIDTH, "nine digits need a wider picture, got " + big.width);
        NetworkLayout fixed = worked().size(500, 300).layout();
        assertEquals(500, fixed.width);
        assertEquals(300, fixed.height);
        assertNotNull(worked().image());
    }

    @Test
    void badRequestsAreRefusedWithWhatToDo() {
        assertRefused(() -> worked().highlight(Style.BLUE, unit(3, 0)), "layer 3 is outside 0 … 2");
        assertRefused(() -> worked().highlight(Style.BLUE, weight(1, 0, 2)), "W(1) is (2 × 2); [0, 2] is outside it");
        assertRefused(() -> worked().highlight(null, unit(0, 0)), "colour is null");
        assertRefused(() -> NetworkDiagram.of(2, 2).highlight(Style.BLUE, bias(1, 0)).image(), "needs bias nodes");
        assertRefused(() -> NetworkDiagram.of(2, 2).edgeText(NetworkDiagram.EdgeText.VALUE).image(), "has no number");
        assertRefused(() -> NetworkDiagram.of(2, 2).notation(Notation.numberedLayers(95)).edgeText(NetworkDiagram.EdgeText.NAME).image(),
                "names no weights");
        assertRefused(() -> NetworkDiagram.of(30, 30).edgeText(NetworkDiagram.EdgeText.NAME).image(), "more than the 80");
        assertRefused(() -> NetworkDiagram.of(30, 2).highlight(Style.BLUE, unit(0, 15)).image(), "is not drawn");
        assertRefused(() -> worked().highlightPath(Style.BLUE, 1, 0, 0, 0), "run past the output layer");
        assertRefused(() -> worked().forward(NET.forward(X), 1), "example 1 is outside the batch of 1");
        assertRefused(() -> NetworkDiagram.of(2, 2, 2, 2).forward(NET.forward(X), 0), "a forward pass of 2 layers for a diagram of 3");
        assertRefused(() -> worked().below(Arrays.asList(null, new double[] {1}, null), "δ"), "below of layer 1: 1 given for 2 nodes");
        assertRefused(() -> worked().label(weight(2, 0, 0), ""), "text is empty");
        assertRefused(() -> worked().digits(0), "digits must be 1 … 10");
        List<double[]> nan = new ArrayList<>(Arrays.asList(null, null, new double[] {Double.NaN, 0}));
        assertRefused(() -> worked().values(nan), "NaN at index 0");
    }
}
