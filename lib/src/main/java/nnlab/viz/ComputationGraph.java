package nnlab.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import nnlab.net.Activation;
import nnlab.net.ForwardPass;
import nnlab.net.Network;
import org.ejml.data.DMatrixRMaj;

/**
 * A computational graph with its numbers: variables and computed values as boxes (name and value), each
 * edge labelled with its local derivative (as a formula and as a number), in the style of "derivatives
 * in computational graphs" of the course notes.
 *
 * <pre>{@code
 * ComputationGraph g = ComputationGraph.titled("C₀ of one example");
 * var w = g.input("w⁽ᴸ⁾", 0.8);
 * var a = g.input("a⁽ᴸ⁻¹⁾", 0.6);
 * var b = g.input("b⁽ᴸ⁾", 0.1);
 * var z = g.weightedSum("z⁽ᴸ⁾", List.of(w), List.of(a), b);        // z = w·a + b; ∂z/∂w = a, ∂z/∂a = w, ∂z/∂b = 1
 * var out = g.activation("a⁽ᴸ⁾", Activation.sigmoid(), z);         // ∂a/∂z = σ′(z)
 * var y = g.constant("y", 1.0);
 * g.squaredError("C₀", List.of(out), List.of(y));                  // C₀ = (a − y)²; ∂C₀/∂a = 2(a − y)
 * g.showPaths("w⁽ᴸ⁾").image();                                     // the chain ∂C₀/∂w⁽ᴸ⁾ written beside it
 * }</pre>
 *
 * The operations compute their values and local derivatives from the numbers given; {@link #node} and
 * {@link #edge} add anything else. The last node added is the output. {@link #gradient} sums over all
 * paths by reverse accumulation, {@link #paths} lists them one by one; {@link #showPaths} draws every path
 * from a node to the output in its own colour with its product, and their sum: the several-neurons
 * picture where a⁽ᴸ⁻¹⁾ reaches the cost through several units. {@link #lastLayer} builds the graph of a
 * network's last layer from a forward pass.
 */
public final class ComputationGraph {

    /** A variable (input), a constant, or a computed value. */
    public static final class Node {
        private final String name;
        private final double value;
        private final String formula;
        private final boolean constant;
        private final int order;

        private Node(String name, double value, String formula, boolean constant, int order) {
            this.name = name;
            this.value = value;
            this.formula = formula;
            this.constant = constant;
            this.order = order;
        }

        public String name() {
            return name;
        }

        public double value() {
            return value;
        }

        /** How it is computed ("σ(z⁽ᴸ⁾)"), null for inputs and constants. */
        public String formula() {
            return formula;
        }

        public boolean isConstant() {
            return constant;
        }

        @Override
        public String toString() {
            return name + " = " + value;
        }
    }

    /** An edge from a node to one computed from it, with the local derivative ∂to/∂from (null for constants). */
    public record Edge(Node from, Node to, String symbol, Double derivative) {}

    /** One path from a node to the output: its nodes, and the product of the local derivatives along it. */
    public record Path(List<Node> nodes, List<Edge> edges, double product) {
        /** "a⁽ᴸ⁻¹⁾ · σ′(z⁽ᴸ⁾) · 2(a⁽ᴸ⁾ − y)": the symbols of the factors. */
        public String symbols() {
            return edges.stream().map(e -> e.symbol() == null ? "?" : e.symbol()).collect(Collectors.joining(" · "));
        }
    }

    private final String title;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();
    private Node output;
    private String pathsFrom;
    private boolean gradients;
    private int digits = 4;
    private int width;
    private int height;

    private ComputationGraph(String title) {
        this.title = title;
    }

    /** An empty graph with a title. */
    public static ComputationGraph titled(String title) {
        return new ComputationGraph(title == null ? "" : title);
    }

    // ------------------------------------------------------------------------------ building

    /** A variable the output is differentiated with respect to (a weight, a bias, an activation). */
    public Node input(String name, double value) {
        return add(name, value, null, false);
    }

    /** A constant such as a target y: its edges carry no derivative. */
    public Node constant(String name, double value) {
        return add(name, value, null, true);
    }

    /** A computed node of your own with its value and formula; connect it with {@link #edge}. */
    public Node node(String name, double value, String formula) {
        return add(name, value, formula, false);
    }

    /** An edge with the local derivative ∂to/∂from written as {@code symbol} (e.g. "w⁽ᴸ⁾") and its number. */
    public ComputationGraph edge(Node from, Node to, String symbol, double derivative) {
        requireNodes(from, to);
        requireForward(from, to);
        if (!Double.isFinite(derivative)) {
            throw new IllegalArgumentException(String.format("edge %s → %s: the derivative is %s; give a finite number",
                    from.name, to.name, derivative));
        }
        edges.add(new Edge(from, to, symbol, derivative));
        return this;
    }

    /** An edge from a constant, which has no derivative. */
    public ComputationGraph constantEdge(Node from, Node to) {
        requireNodes(from, to);
        requireForward(from, to);
        edges.add(new Edge(from, to, null, null));
        return this;
    }

    /**
     * z = Σₖ wₖ·aₖ + b with ∂z/∂wₖ = aₖ, ∂z/∂aₖ = wₖ, ∂z/∂b = 1 (b may be null for none).
     */
    public Node weightedSum(String name, List<Node> w, List<Node> a, Node b) {
        if (w == null || a == null || w.isEmpty() || w.size() != a.size()) {
            throw new IllegalArgumentException("weightedSum " + name + ": give as many weights as inputs (at least one)");
        }
        double z = b == null ? 0 : b.value;
        List<String> terms = new ArrayList<>();
        for (int k = 0; k < w.size(); k++) {
            z += w.get(k).value * a.get(k).value;
            terms.add(w.get(k).name + "·" + a.get(k).name);
        }
        Node out = node(name, z, String.join(" + ", terms) + (b == null ? "" : " + " + b.name));
        for (int k = 0; k < w.size(); k++) {
            edge(w.get(k), out, a.get(k).name, a.get(k).value);
            edge(a.get(k), out, w.get(k).name, w.get(k).value);
        }
        if (b != null) {
            edge(b, out, "1", 1);
        }
        return out;
    }

    /** a = g(z) for an element-wise activation (sigmoid, tanh, ReLU, …), with ∂a/∂z = g′(z). */
    public Node activation(String name, Activation g, Node z) {
        if (!(g instanceof Activation.Elementwise e)) {
            throw new IllegalArgumentException("activation " + name + ": " + (g == null ? "null" : g.name())
                    + " is not an element-wise function of one number; use sigmoid, tanh, ReLU, …");
        }
        requireNodes(z, z);
        String f = e.name().equals("sigmoid") ? "σ" : e.name();
        Node out = node(name, e.value(z.value), f + "(" + z.name + ")");
        edge(z, out, f + "′(" + z.name + ")", e.derivative(z.value));
        return out;
    }

    /**
     * C = Σⱼ (aⱼ − yⱼ)², the notes' C₀ (no ½), with ∂C/∂aⱼ = 2(aⱼ − yⱼ); the targets are constants.
     */
    public Node squaredError(String name, List<Node> a, List<Node> y) {
        if (a == null || y == null || a.isEmpty() || a.size() != y.size()) {
            throw new IllegalArgumentException("squaredError " + name + ": give one target per output (at least one)");
        }
        double c = 0;
        List<String> terms = new ArrayList<>();
        for (int j = 0; j < a.size(); j++) {
            c += Math.pow(a.get(j).value - y.get(j).value, 2);
            terms.add("(" + a.get(j).name + " − " + y.get(j).name + ")²");
        }
        Node out = node(name, c, String.join(" + ", terms));
        for (int j = 0; j < a.size(); j++) {
            edge(a.get(j), out, "2(" + a.get(j).name + " − " + y.get(j).name + ")", 2 * (a.get(j).value - y.get(j).value));
            constantEdge(y.get(j), out);
        }
        return out;
    }

    private Node add(String name, double value, String formula, boolean constant) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("every node needs a name");
        }
        if (nodes.containsKey(name)) {
            throw new IllegalArgumentException("the graph has a node named " + name + " already; names must be unique");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("node " + name + " has value " + value + "; give a finite number");
        }
        Node n = new Node(name, value, formula, constant, nodes.size());
        nodes.put(name, n);
        output = n;
        return n;
    }

    private void requireNodes(Node from, Node to) {
        for (Node n : new Node[] {from, to}) {
            if (n == null || nodes.get(n.name) != n) {
                throw new IllegalArgumentException("edge: " + (n == null ? "null" : n.name) + " is not a node of this graph");
            }
        }
    }

    /** Edges run from a node to one added later, so the graph has no cycle and insertion order is an evaluation order. */
    private static void requireForward(Node from, Node to) {
        if (from.order >= to.order) {
            throw new IllegalArgumentException(String.format(
                    "edge %s → %s: an edge must lead to a node added after its source (add %s first)", from.name, to.name, from.name));
        }
    }

    // ------------------------------------------------------------------------------ from a network

    /**
     * The last layer of a network for one example, in the notes' notation and cost C₀ = Σⱼ (aⱼ⁽ᴸ⁾ − yⱼ)²
     * (no ½): unit k of layer L−1, and for every unit j of layer L its weight wⱼₖ⁽ᴸ⁾ and bias bⱼ⁽ᴸ⁾, zⱼ⁽ᴸ⁾,
     * aⱼ⁽ᴸ⁾ and the target yⱼ. Values come from a forward pass of {@code net}; zⱼ⁽ᴸ⁾ also sums the other
     * units of layer L−1, which are not drawn. With one unit per layer the subscripts are left off
     * (w⁽ᴸ⁾, a⁽ᴸ⁻¹⁾, b⁽ᴸ⁾ → z⁽ᴸ⁾ → a⁽ᴸ⁾, y → C₀). The output activation must be element-wise.
     */
    public static ComputationGraph lastLayer(Network net, double[] x, double[] y, int k) {
        if (net == null || x == null || y == null) {
            throw new IllegalArgumentException("lastLayer: give a network, an input x and a target y");
        }
        int L = net.depth();
        if (x.length != net.inputs() || y.length != net.outputs()) {
            throw new IllegalArgumentException(String.format("lastLayer: x has %d values and y %d, the network takes %d and gives %d",
                    x.length, y.length, net.inputs(), net.outputs()));
        }
        int before = net.layer(L).in();
        if (k < 0 || k >= before) {
            throw new IllegalArgumentException(String.format("lastLayer: unit k = %d is outside 0 … %d of layer L−1", k, before - 1));
        }
        ForwardPass pass = net.forward(new DMatrixRMaj(1, x.length, true, x.clone()));
        DMatrixRMaj W = net.layer(L).W();
        DMatrixRMaj bias = net.layer(L).b();
        boolean one = before == 1 && net.outputs() == 1;
        String top = Notation.sup("(L)");
        String prev = Notation.sup("(L-1)");
        ComputationGraph g = titled(one ? "The last layer for one example: C₀ = (a" + top + " − y)²"
                : "The last layer for one example: C₀ = Σⱼ (aⱼ" + top + " − yⱼ)²");
        List<Node> w = new ArrayList<>();
        for (int j = 0; j < net.outputs(); j++) {
            w.add(g.input("w" + (one ? "" : Notation.sub(j, k)) + top, W.get(j, k)));
        }
        Node ak = g.input("a" + (one ? "" : Notation.sub(k)) + prev, pass.a(L - 1).get(0, k));
        List<Node> outs = new ArrayList<>();
        List<Node> targets = new ArrayList<>();
        for (int j = 0; j < net.outputs(); j++) {
            String sj = one ? "" : Notation.sub(j);
            Node b = g.input("b" + sj + top, bias.get(j, 0));
            Node z = g.node("z" + sj + top, pass.z(L).get(0, j), one ? w.get(j).name + "·" + ak.name + " + " + b.name
                    : "Σₖ wⱼₖ" + top + "aₖ" + prev + " + " + b.name);
            g.edge(w.get(j), z, ak.name, ak.value);
            g.edge(ak, z, w.get(j).name, w.get(j).value);
            g.edge(b, z, "1", 1);
            Node a = g.activation("a" + sj + top, net.layer(L).activation(), z);
            outs.add(a);
            targets.add(g.constant("y" + sj, y[j]));
        }
        g.squaredError("C₀", outs, targets);
        return g;
    }

    // ------------------------------------------------------------------------------ analysis

    /** The node of that name. */
    public Node node(String name) {
        Node n = nodes.get(name);
        if (n == null) {
            throw new IllegalArgumentException("no node named " + name + "; the graph has " + nodes.keySet());
        }
        return n;
    }

    /** The output: the last node added. */
    public Node output() {
        if (output == null) {
            throw new IllegalArgumentException("the graph is empty");
        }
        return output;
    }

    /** ∂output/∂node, summed over every path by reverse accumulation (0 for a node the output does not use). */
    public double gradient(String name) {
        Node target = node(name);
        if (target.constant) {
            throw new IllegalArgumentException(name + " is a constant; the graph has no derivative with respect to it");
        }
        Map<Node, Double> g = new HashMap<>();
        List<Node> order = new ArrayList<>(nodes.values());
        Collections.reverse(order);
        g.put(output(), 1.0);
        for (Node n : order) {
            double sum = n == output ? 1 : 0;
            for (Edge e : edges) {
                if (e.from() == n && e.derivative() != null) {
                    sum += e.derivative() * g.getOrDefault(e.to(), 0.0);
                }
            }
            g.put(n, sum);
        }
        return g.get(target);
    }

    /** Every path from the node to the output, in the order the edges were added, with its product. */
    public List<Path> paths(String from) {
        Node start = node(from);
        List<Path> out = new ArrayList<>();
        walk(start, new ArrayList<>(List.of(start)), new ArrayList<>(), out);
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no path leads from " + from + " to the output " + output().name);
        }
        return out;
    }

    private void walk(Node at, List<Node> trail, List<Edge> used, List<Path> out) {
        if (at == output) {
            double product = 1;
            for (Edge e : used) {
                product *= e.derivative();
            }
            out.add(new Path(List.copyOf(trail), List.copyOf(used), product));
            return;
        }
        for (Edge e : edges) {
            if (e.from() == at && e.derivative() != null) {
                trail.add(e.to());
                used.add(e);
                walk(e.to(), trail, used, out);
                trail.remove(trail.size() - 1);
                used.remove(used.size() - 1);
            }
        }
    }

    // ------------------------------------------------------------------------------ drawing options

    /** Draws every path from the node to the output in its own colour and lists each product and their sum. */
    public ComputationGraph showPaths(String from) {
        paths(from);
        this.pathsFrom = from;
        return this;
    }

    /** Writes ∂output/∂node under every node that is not a constant. */
    public ComputationGraph showGradients() {
        this.gradients = true;
        return this;
    }

    /** Significant digits of the numbers drawn (default 4; 1 … 10). */
    public ComputationGraph digits(int digits) {
        if (digits < 1 || digits > 10) {
            throw new IllegalArgumentException("digits must be 1 … 10, got " + digits);
        }
        this.digits = digits;
        return this;
    }

    /** Picture size in pixels; without it the picture grows to fit (at least 720 × 420). */
    public ComputationGraph size(int width, int height) {
        Frame.checkSize(width, height);
        this.width = width;
        this.height = height;
        return this;
    }

    // ------------------------------------------------------------------------------ layout

    /** Node boxes, edge lines and text boxes: computed first, then painted (tests read them). */
    record Layout(int width, int height, Map<Node, Rectangle2D> boxes, List<Line> lines, List<NetworkLayout.Text> texts) {}

    /** An edge as drawn. */
    record Line(Edge edge, double x1, double y1, double x2, double y2, Color color, float width) {}

    private static final Font NAME_FONT = Style.LEGEND.deriveFont(Font.BOLD, 13f);
    private static final Font VALUE_FONT = Style.LEGEND;
    private static final Font SMALL = Style.SMALL;
    private static final Color FORMULA = new Color(0x555555);
    private static final int TOP = 56;

    private String num(double v) {
        return Numbers.sig(v, digits);
    }

    private String edgeText(Edge e) {
        String number = num(e.derivative());
        String ratio = "∂" + e.to().name + "/∂" + e.from().name;
        return e.symbol() == null || e.symbol().equals(number) ? ratio + " = " + number
                : ratio + " = " + e.symbol() + "\n= " + number;
    }

    /** Columns: computed nodes one right of their latest input; inputs and constants just left of their first use. */
    private Map<Node, Integer> columns() {
        Map<Node, Integer> col = new HashMap<>();
        for (Node n : nodes.values()) {
            int c = 0;
            for (Edge e : edges) {
                if (e.to() == n) {
                    c = Math.max(c, col.get(e.from()) + 1);
                }
            }
            col.put(n, c);
        }
        for (Node n : nodes.values()) {
            boolean source = edges.stream().noneMatch(e -> e.to() == n);
            int first = edges.stream().filter(e -> e.from() == n).mapToInt(e -> col.get(e.to())).min().orElse(col.get(n) + 1);
            if (source) {
                col.put(n, first - 1);
            }
        }
        return col;
    }

    Layout layout() {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("the graph is empty; add nodes with input(...), weightedSum(...), …");
        }
        Map<Node, Integer> col = columns();
        int columns = col.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        List<List<Node>> byColumn = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            byColumn.add(new ArrayList<>());
        }
        nodes.values().forEach(n -> byColumn.get(col.get(n)).add(n));

        Map<Node, double[]> size = new HashMap<>();
        double boxW = 0;
        for (Node n : nodes.values()) {
            double w = Math.max(Marks.size(n.name, NAME_FONT)[0], Marks.size(num(n.value), VALUE_FONT)[0]) + 16;
            double h = Marks.size(n.name, NAME_FONT)[1] + Marks.size(num(n.value), VALUE_FONT)[1] + 4;
            size.put(n, new double[] {Math.max(64, w), h});
            boxW = Math.max(boxW, Math.max(64, w));
        }
        double labelW = 0;
        double labelH = 0;
        for (Edge e : edges) {
            if (e.derivative() != null) {
                double[] s = Marks.size(edgeText(e), SMALL);
                labelW = Math.max(labelW, s[0]);
                labelH = Math.max(labelH, s[1]);
            }
        }
        List<Path> shown = pathsFrom == null ? List.of() : paths(pathsFrom);
        List<String> panel = panelLines(shown);
        double panelH = panel.stream().mapToDouble(t -> Marks.size(t, VALUE_FONT)[1] + 4).sum();
        double panelW = panel.stream().mapToDouble(t -> Marks.size(t, VALUE_FONT)[0]).max().orElse(0) + 40;
        int maxRows = byColumn.stream().mapToInt(List::size).max().orElse(1);
        double below = (gradients ? 18 : 0) + 18;
        double rowNeed = 44 + below + 24;
        double colNeed = boxW + Math.max(80, labelW + 40);
        int w = width > 0 ? width : (int) Math.min(Frame.MAX_SIDE, Math.max(Math.max(Frame.WIDTH, panelW),
                60 + boxW + (columns - 1) * colNeed));
        int h = height > 0 ? height : (int) Math.min(Frame.MAX_SIDE, Math.max(Frame.HEIGHT, TOP + maxRows * rowNeed + panelH + 30));
        double areaH = h - TOP - panelH - 20;
        double colGap = columns == 1 ? 0 : (w - 60 - boxW) / (columns - 1);

        // rows: right to left, each column ordered by the mean row of the nodes it feeds
        Map<Node, Double> rowY = new HashMap<>();
        for (int c = columns - 1; c >= 0; c--) {
            List<Node> here = byColumn.get(c);
            Map<Node, Double> key = new HashMap<>();
            for (Node n : here) {
                double sum = 0;
                int count = 0;
                for (Edge e : edges) {
                    if (e.from() == n && rowY.containsKey(e.to())) {
                        sum += rowY.get(e.to());
                        count++;
                    }
                }
                key.put(n, count == 0 ? Double.MAX_VALUE : sum / count);
            }
            here.sort(Comparator.comparingDouble((Node n) -> key.get(n)).thenComparingInt(n -> n.order));
            double gap = areaH / Math.max(1, here.size());
            for (int i = 0; i < here.size(); i++) {
                rowY.put(here.get(i), TOP + gap * (i + 0.5));
            }
        }

        Map<Node, Rectangle2D> boxes = new LinkedHashMap<>();
        Marks.Placer placer = new Marks.Placer(new Rectangle2D.Double(0, 0, w, h));
        List<NetworkLayout.Text> texts = new ArrayList<>();
        Rectangle2D titleBox = Marks.box(title, Style.TITLE, w / 2.0, 20);
        texts.add(new NetworkLayout.Text(NetworkLayout.Kind.TITLE, title, titleBox, Style.TITLE, Style.TEXT, null));
        placer.block(titleBox);
        for (Node n : nodes.values()) {
            double cx = 30 + boxW / 2 + col.get(n) * colGap;
            double[] s = size.get(n);
            Rectangle2D box = new Rectangle2D.Double(cx - s[0] / 2, rowY.get(n) - s[1] / 2, s[0], s[1]);
            boxes.put(n, box);
            placer.block(box);
            double yb = box.getMaxY() + 1;
            if (n.formula != null) {
                double fh = Marks.size(n.formula, SMALL)[1];
                Rectangle2D f = Marks.within(Marks.box(n.formula, SMALL, cx, yb + fh / 2), w);
                texts.add(new NetworkLayout.Text(NetworkLayout.Kind.BELOW, n.formula, f, SMALL, FORMULA, null));
                placer.block(f);
                yb += fh;
            }
            if (gradients && !n.constant) {
                String t = "∂" + output.name + "/∂" + n.name + " = " + num(gradient(n.name));
                Rectangle2D f = Marks.within(Marks.box(t, SMALL, cx, yb + Marks.size(t, SMALL)[1] / 2), w);
                texts.add(new NetworkLayout.Text(NetworkLayout.Kind.BELOW, t, f, SMALL, Marks.darker(Style.VERMILLION, 0.15), null));
                placer.block(f);
            }
        }

        Map<Edge, Color> pathColour = new HashMap<>();
        for (int p = shown.size() - 1; p >= 0; p--) {
            for (Edge e : shown.get(p).edges()) {
                pathColour.put(e, pathColor(p));
            }
        }
        List<Line> lines = new ArrayList<>();
        for (Edge e : edges) {
            Rectangle2D a = boxes.get(e.from());
            Rectangle2D b = boxes.get(e.to());
            Color c = pathColour.getOrDefault(e, e.derivative() == null ? Style.DIM : new Color(0x777777));
            lines.add(new Line(e, a.getMaxX(), a.getCenterY(), b.getMinX(), b.getCenterY(), c, pathColour.containsKey(e) ? 3.2f : 1.4f));
        }
        for (Line line : lines) {
            if (line.edge().derivative() == null) {
                continue;
            }
            String t = edgeText(line.edge());
            double[] s = Marks.size(t, SMALL);
            List<Rectangle2D> candidates = new ArrayList<>();
            for (double shift : new double[] {0, -s[1] / 2 - 3, s[1] / 2 + 3}) {
                for (double f : new double[] {0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8}) {
                    double cx = line.x1() + (line.x2() - line.x1()) * f;
                    double cy = line.y1() + (line.y2() - line.y1()) * f + shift;
                    candidates.add(new Rectangle2D.Double(cx - s[0] / 2, cy - s[1] / 2, s[0], s[1]));
                }
            }
            Rectangle2D box = placer.place(candidates);
            Color ink = pathColour.containsKey(line.edge()) ? Marks.darker(line.color(), 0.25) : Style.TEXT;
            texts.add(new NetworkLayout.Text(NetworkLayout.Kind.EDGE_LABEL, t, box, SMALL, ink, null));
        }
        double py = h - panelH - 14;
        for (int i = 0; i < panel.size(); i++) {
            String t = panel.get(i);
            double[] s = Marks.size(t, VALUE_FONT);
            Color ink = i < shown.size() ? Marks.darker(pathColor(i), 0.25) : Style.TEXT;
            texts.add(new NetworkLayout.Text(NetworkLayout.Kind.PANEL, t, new Rectangle2D.Double(20, py, s[0], s[1]), VALUE_FONT, ink, null));
            py += s[1] + 4;
        }
        return new Layout(w, h, boxes, lines, texts);
    }

    private static Color pathColor(int p) {
        return Style.series(p == 5 ? 6 : p);
    }

    /** One line per path ("via … : symbols = numbers = product") and, for several paths, their sum. */
    private List<String> panelLines(List<Path> shown) {
        List<String> out = new ArrayList<>();
        if (shown.isEmpty()) {
            return out;
        }
        String ratio = "∂" + output().name + "/∂" + pathsFrom;
        for (Path p : shown) {
            String via = p.nodes().subList(1, p.nodes().size() - 1).stream().map(Node::name).collect(Collectors.joining(", "));
            String numbers = p.edges().stream().map(e -> num(e.derivative())).collect(Collectors.joining(" × "));
            String head = shown.size() == 1 ? ratio : "path via " + via;
            out.add(head + ": " + p.symbols() + " = " + numbers + " = " + num(p.product()));
        }
        if (shown.size() > 1) {
            double sum = shown.stream().mapToDouble(Path::product).sum();
            out.add("sum of the " + shown.size() + " paths: " + ratio + " = "
                    + shown.stream().map(p -> num(p.product())).collect(Collectors.joining(" + ")) + " = " + num(sum));
        }
        return out;
    }

    /** Draws the graph. */
    public BufferedImage image() {
        Layout lay = layout();
        BufferedImage out = Raster.canvas(lay.width(), lay.height());
        Graphics2D g = Raster.graphics(out);
        for (Line line : lay.lines()) {
            g.setColor(line.color());
            g.setStroke(new BasicStroke(line.width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            if (line.edge().derivative() == null) {
                g.setStroke(new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f));
                g.draw(new Line2D.Double(line.x1(), line.y1(), line.x2(), line.y2()));
            } else {
                Marks.arrow(g, line.x1(), line.y1(), line.x2() - 1, line.y2(), 9);
            }
        }
        for (var entry : lay.boxes().entrySet()) {
            Node n = entry.getKey();
            Rectangle2D b = entry.getValue();
            RoundRectangle2D shape = new RoundRectangle2D.Double(b.getX(), b.getY(), b.getWidth(), b.getHeight(), 12, 12);
            boolean start = n.name.equals(pathsFrom);
            g.setColor(n.constant ? new Color(0xF2F2F2) : Color.WHITE);
            g.fill(shape);
            g.setColor(Style.TEXT);
            g.setStroke(new BasicStroke(start || n == output ? 2.6f : 1.4f));
            g.draw(shape);
            double[] ns = Marks.size(n.name, NAME_FONT);
            Marks.plainText(g, n.name, NAME_FONT, new Rectangle2D.Double(b.getX(), b.getY() + 2, b.getWidth(), ns[1]), Style.TEXT);
            Marks.plainText(g, num(n.value), VALUE_FONT,
                    new Rectangle2D.Double(b.getX(), b.getY() + ns[1], b.getWidth(), b.getHeight() - ns[1]), Marks.darker(Style.BLUE, 0.2));
        }
        for (NetworkLayout.Text t : lay.texts()) {
            if (t.kind() == NetworkLayout.Kind.EDGE_LABEL) {
                Marks.boxedText(g, t.text(), t.font(), t.box(), t.color(), null);
            } else {
                Marks.plainText(g, t.text(), t.font(), t.box(), t.color());
            }
        }
        g.dispose();
        return out;
    }
}
