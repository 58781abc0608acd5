package nnlab.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;

import nnlab.net.ForwardPass;
import nnlab.net.Gradients;
import nnlab.net.Layer;
import nnlab.net.Network;
import org.ejml.data.DMatrixRMaj;

/**
 * A picture of a fully connected network: one column of nodes per layer, input on the left.
 *
 * <pre>{@code
 * BufferedImage img = NetworkDiagram.of(2, 2, 2)
 *         .weights(List.of(W1, W2))           // W(l) is (sizes[l] × sizes[l-1])
 *         .biases(List.of(b1, b2))            // b(l) is (sizes[l] × 1); draws "+1" bias nodes
 *         .values(List.of(a0, a1, a2))        // optional per-node labels, layer 0 (input) first
 *         .image();
 * }</pre>
 *
 * Edges are blue for negative and orange for positive weights (a pair told apart with every common
 * colour-vision deficiency) and their width grows with |w| relative to the largest |w| drawn. Without
 * weights every edge is a thin grey line. Layers with more than {@value #MAX_NODES} nodes show their first
 * {@value #MAX_NODES} − 2 nodes, a "⋮" and the last node, and their caption gives the real count, so a
 * 784-100-10 network stays readable; only edges between drawn nodes are drawn.
 */
public final class NetworkDiagram {
    /** Most node slots drawn per layer (including the ellipsis). */
    public static final int MAX_NODES = 12;

    private static final Color POSITIVE = Style.series(3);   // Okabe–Ito vermillion
    private static final Color NEGATIVE = Style.series(0);   // Okabe–Ito blue
    private static final Color NO_WEIGHT = new Color(0x999999);

    private final int[] sizes;
    private List<DMatrixRMaj> weights;
    private List<DMatrixRMaj> biases;
    private boolean biasNodes;
    private List<String[]> labels;
    private String[] captions;
    private String title;
    private int width = Frame.WIDTH;
    private int height = Frame.HEIGHT;

    private NetworkDiagram(int[] sizes) {
        this.sizes = sizes;
        this.title = "Network " + Arrays.stream(sizes).mapToObj(Integer::toString).collect(Collectors.joining("-"));
    }

    /** A diagram of a network with these layer sizes, input layer first (at least two layers). */
    public static NetworkDiagram of(int... sizes) {
        if (sizes == null || sizes.length < 2) {
            throw new IllegalArgumentException("a network diagram needs at least two layer sizes (input and output), got "
                    + Arrays.toString(sizes));
        }
        for (int l = 0; l < sizes.length; l++) {
            if (sizes[l] < 1) {
                throw new IllegalArgumentException(String.format(
                        "layer %d has %d nodes; every layer needs at least one (sizes %s)", l, sizes[l], Arrays.toString(sizes)));
            }
        }
        return new NetworkDiagram(sizes.clone());
    }

    /**
     * A diagram of a network's current state: its layer sizes, weights W(l) and biases b(l) (with "+1"
     * bias nodes). A layer with several linear pieces per output (maxout) has no one weight per edge; its
     * edges are drawn grey.
     */
    public static NetworkDiagram of(Network net) {
        if (net == null) {
            throw new IllegalArgumentException("network is null");
        }
        List<DMatrixRMaj> w = new ArrayList<>();
        List<DMatrixRMaj> b = new ArrayList<>();
        for (int l = 1; l <= net.depth(); l++) {
            Layer layer = net.layer(l);
            boolean oneWeightPerEdge = layer.units() == layer.out();
            w.add(oneWeightPerEdge ? layer.W() : null);
            b.add(oneWeightPerEdge ? layer.b() : null);
        }
        return of(net.sizes()).weights(w).biases(b);
    }

    /**
     * Colours and widens the edges: {@code weights.get(l-1)} is W(l), shape (sizes[l] × sizes[l-1]); a null
     * entry leaves that layer's edges grey. The matrices are copied.
     */
    public NetworkDiagram weights(List<DMatrixRMaj> weights) {
        this.weights = perLayer(weights, "weights", "W", l -> sizes[l - 1]);
        return this;
    }

    /**
     * Draws a "+1" bias node beside every layer but the output, its edges coloured by b(l), shape
     * (sizes[l] × 1); a null entry leaves that layer's bias edges grey.
     */
    public NetworkDiagram biases(List<DMatrixRMaj> biases) {
        this.biases = perLayer(biases, "biases", "b", l -> 1);
        this.biasNodes = true;
        return this;
    }

    /** Labels every node with its activation for one example of a forward pass: a(0) (input) … a(L). */
    public NetworkDiagram activations(ForwardPass pass, int example) {
        requireExample(pass.batchSize(), example);
        List<double[]> values = new ArrayList<>();
        for (int l = 0; l <= pass.depth(); l++) {
            values.add(row(pass.a(l), example));
        }
        return values(values);
    }

    /** Labels layers 1 … L with the deltas δ = ∂C/∂z of one example; the input layer stays unlabelled. */
    public NetworkDiagram deltas(Gradients gradients, int example) {
        List<double[]> values = new ArrayList<>();
        values.add(null);
        for (int l = 1; l <= gradients.depth(); l++) {
            DMatrixRMaj delta = gradients.delta(l);
            requireExample(delta.numRows, example);
            values.add(row(delta, example));
        }
        return values(values);
    }

    /** Draws the "+1" bias nodes even without bias values (grey edges). */
    public NetworkDiagram biasNodes() {
        this.biasNodes = true;
        return this;
    }

    /**
     * Numeric node labels (activations, deltas, …), one array per layer, input layer first; a null array
     * leaves that layer unlabelled. Shown with 3 significant digits.
     */
    public NetworkDiagram values(List<double[]> perLayer) {
        if (perLayer == null || perLayer.size() != sizes.length) {
            throw new IllegalArgumentException(String.format(
                    "values: expected %d arrays (one per layer, input first), got %s",
                    sizes.length, perLayer == null ? "null" : perLayer.size()));
        }
        List<String[]> text = new ArrayList<>();
        for (int l = 0; l < sizes.length; l++) {
            double[] v = perLayer.get(l);
            if (v == null) {
                text.add(null);
                continue;
            }
            Inputs.requireValues(v, "values of layer " + l, false);
            String[] t = new String[v.length];
            for (int i = 0; i < v.length; i++) {
                t[i] = Numbers.sig(v[i], 3);
            }
            text.add(t);
        }
        return labels(text);
    }

    /** Text node labels, one array per layer (input first, null for none), each as long as its layer. */
    public NetworkDiagram labels(List<String[]> perLayer) {
        if (perLayer == null || perLayer.size() != sizes.length) {
            throw new IllegalArgumentException(String.format(
                    "labels: expected %d arrays (one per layer, input first), got %s",
                    sizes.length, perLayer == null ? "null" : perLayer.size()));
        }
        for (int l = 0; l < sizes.length; l++) {
            if (perLayer.get(l) != null && perLayer.get(l).length != sizes[l]) {
                throw new IllegalArgumentException(String.format(
                        "labels of layer %d: %d given for %d nodes; give one per node", l, perLayer.get(l).length, sizes[l]));
            }
        }
        this.labels = new ArrayList<>(perLayer);
        return this;
    }

    /** Captions under the layers, input first (default "input", "hidden l", "output" with a(l) and the size). */
    public NetworkDiagram captions(String... perLayer) {
        if (perLayer == null || perLayer.length != sizes.length) {
            throw new IllegalArgumentException(String.format(
                    "captions: expected %d (one per layer, input first), got %d",
                    sizes.length, perLayer == null ? 0 : perLayer.length));
        }
        this.captions = perLayer.clone();
        return this;
    }

    /** The title (default "Network 2-2-2"). */
    public NetworkDiagram title(String title) {
        this.title = title == null ? "" : title;
        return this;
    }

    /** Picture size in pixels (default {@value Frame#WIDTH} × {@value Frame#HEIGHT}). */
    public NetworkDiagram size(int width, int height) {
        Frame.checkSize(width, height);
        this.width = width;
        this.height = height;
        return this;
    }

    /** Draws the diagram. */
    public BufferedImage image() {
        int layers = sizes.length;
        int top = 84;
        int bottom = 50;
        int side = 70;
        double columnGap = (width - 2.0 * side) / (layers - 1);
        int maxSlots = 0;
        for (int l = 0; l < layers; l++) {
            maxSlots = Math.max(maxSlots, slots(l).length + (hasBias(l) ? 1 : 0));
        }
        double rowGap = (height - top - bottom) / (double) maxSlots;
        double radius = Math.max(4, Math.min(22, Math.min(rowGap * 0.38, columnGap * 0.16)));

        double[][] ys = new double[layers][];
        double[] biasY = new double[layers];
        for (int l = 0; l < layers; l++) {
            int n = slots(l).length + (hasBias(l) ? 1 : 0);
            double first = top + (height - top - bottom - (n - 1) * rowGap) / 2;
            int offset = hasBias(l) ? 1 : 0;
            biasY[l] = first;
            ys[l] = new double[slots(l).length];
            for (int s = 0; s < ys[l].length; s++) {
                ys[l][s] = first + (s + offset) * rowGap;
            }
        }

        BufferedImage out = Raster.canvas(width, height);
        Graphics2D g = Raster.graphics(out);
        Raster.title(g, title, width, 24);
        if (weights != null || biases != null) {
            edgeLegend(g);
        }
        drawEdges(g, columnGap, side, ys, biasY, radius);
        g.setFont(Style.SMALL);
        for (int l = 0; l < layers; l++) {
            double x = side + l * columnGap;
            if (l > 0) {
                g.setColor(Style.TEXT);
                Raster.centred(g, "layer " + l, x - columnGap / 2, 74);
            }
            int[] shown = slots(l);
            for (int s = 0; s < shown.length; s++) {
                if (shown[s] < 0) {
                    g.setColor(Style.TEXT);
                    g.setFont(Style.AXIS_TITLE);
                    Raster.centred(g, "⋮", x, ys[l][s] + 6);
                    g.setFont(Style.SMALL);
                } else {
                    node(g, x, ys[l][s], radius, label(l, shown[s]), false);
                }
            }
            if (hasBias(l)) {
                node(g, x, biasY[l], radius * 0.8, "+1", true);
            }
            caption(g, l, x);
        }
        g.dispose();
        return out;
    }

    // ------------------------------------------------------------------------------------ drawing

    private record Edge(double x1, double y1, double x2, double y2, double w) {}

    private void drawEdges(Graphics2D g, double columnGap, int side, double[][] ys, double[] biasY, double radius) {
        List<Edge> edges = new ArrayList<>();
        for (int l = 1; l < sizes.length; l++) {
            double x1 = side + (l - 1) * columnGap;
            double x2 = side + l * columnGap;
            int[] from = slots(l - 1);
            int[] to = slots(l);
            for (int t = 0; t < to.length; t++) {
                if (to[t] < 0) {
                    continue;
                }
                for (int f = 0; f < from.length; f++) {
                    if (from[f] >= 0) {
                        DMatrixRMaj W = weights == null ? null : weights.get(l - 1);
                        double w = W == null ? Double.NaN : W.get(to[t], from[f]);
                        edges.add(new Edge(x1 + radius, ys[l - 1][f], x2 - radius, ys[l][t], w));
                    }
                }
                if (hasBias(l - 1)) {
                    DMatrixRMaj bias = biases == null ? null : biases.get(l - 1);
                    double b = bias == null ? Double.NaN : bias.get(to[t], 0);
                    edges.add(new Edge(x1 + radius * 0.8, biasY[l - 1], x2 - radius, ys[l][t], b));
                }
            }
        }
        double maxAbs = edges.stream().mapToDouble(e -> Double.isNaN(e.w()) ? 0 : Math.abs(e.w())).max().orElse(0);
        // strongest last, so they stay on top
        edges.sort(Comparator.comparingDouble(e -> Double.isNaN(e.w()) ? 0 : Math.abs(e.w())));
        // dense diagrams get thinner lines so the strongest edges do not bury the rest
        double maxWidth = edges.size() > 60 ? 2.5 : 6;
        for (Edge e : edges) {
            if (Double.isNaN(e.w())) {
                g.setColor(NO_WEIGHT);
                g.setStroke(new BasicStroke(1f));
            } else {
                Color c = e.w() >= 0 ? POSITIVE : NEGATIVE;
                g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 210));
                float widthPx = (float) (0.6 + (maxWidth - 0.6) * (maxAbs > 0 ? Math.abs(e.w()) / maxAbs : 0));
                g.setStroke(new BasicStroke(widthPx, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            }
            g.draw(new Line2D.Double(e.x1(), e.y1(), e.x2(), e.y2()));
        }
    }

    private static void node(Graphics2D g, double x, double y, double r, String label, boolean bias) {
        Ellipse2D circle = new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
        g.setColor(bias ? new Color(0xEEEEEE) : Color.WHITE);
        g.fill(circle);
        g.setColor(Style.TEXT);
        g.setStroke(bias ? new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {3f, 2f}, 0f)
                : new BasicStroke(1.5f));
        g.draw(circle);
        if (label == null) {
            return;
        }
        g.setFont(Style.SMALL);
        FontMetrics fm = g.getFontMetrics();
        int textW = fm.stringWidth(label);
        if (textW <= 2 * r - 4 && fm.getAscent() <= 2 * r) {
            Raster.centred(g, label, x, y + fm.getAscent() / 2.0 - 1);
            return;
        }
        // too wide for the node: a boxed label just below-right of it, over the edges
        double bx = x + r * 0.6;
        double by = y + r * 0.6;
        g.setColor(new Color(255, 255, 255, 230));
        g.fill(new RoundRectangle2D.Double(bx, by, textW + 6, fm.getHeight(), 6, 6));
        g.setColor(Style.TEXT);
        g.drawString(label, (float) bx + 3, (float) (by + fm.getAscent()));
    }

    private void caption(Graphics2D g, int l, double x) {
        g.setColor(Style.TEXT);
        g.setFont(Style.SMALL);
        String first;
        String second;
        if (captions != null) {
            first = captions[l];
            second = "";
        } else {
            first = l == 0 ? "input" : l == sizes.length - 1 ? "output" : "hidden " + l;
            second = "a(" + l + "), " + sizes[l] + (sizes[l] == 1 ? " unit" : " units")
                    + (sizes[l] > MAX_NODES ? " (" + (MAX_NODES - 1) + " drawn)" : "");
        }
        Raster.centredInside(g, first, x, height - 26, width);
        Raster.centredInside(g, second, x, height - 10, width);
    }

    private static void edgeLegend(Graphics2D g) {
        g.setFont(Style.SMALL);
        int y = 50;
        int x = 12;
        g.setStroke(new BasicStroke(3f));
        g.setColor(POSITIVE);
        g.drawLine(x, y - 4, x + 22, y - 4);
        g.setColor(Style.TEXT);
        g.drawString("w > 0", x + 28, y);
        g.setColor(NEGATIVE);
        g.drawLine(x + 80, y - 4, x + 102, y - 4);
        g.setColor(Style.TEXT);
        g.drawString("w < 0", x + 108, y);
        g.drawString("line width ∝ |w|", x + 160, y);
    }

    // ------------------------------------------------------------------------------------ layout

    /** Node indices drawn for layer l; -1 marks the ellipsis slot. */
    private int[] slots(int l) {
        int n = sizes[l];
        if (n <= MAX_NODES) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int[] some = new int[MAX_NODES];
        for (int i = 0; i < MAX_NODES - 2; i++) {
            some[i] = i;
        }
        some[MAX_NODES - 2] = -1;
        some[MAX_NODES - 1] = n - 1;
        return some;
    }

    private boolean hasBias(int l) {
        return biasNodes && l < sizes.length - 1;
    }

    private String label(int l, int i) {
        return labels == null || labels.get(l) == null ? null : labels.get(l)[i];
    }

    /** Checks one matrix (or null) per layer 1..L, (sizes[l] × cols(l)), and copies them. */
    private List<DMatrixRMaj> perLayer(List<DMatrixRMaj> list, String what, String symbol, IntUnaryOperator cols) {
        if (list == null || list.size() != sizes.length - 1) {
            throw new IllegalArgumentException(String.format(
                    "%s: expected %d matrices (one per layer 1..%d), got %s",
                    what, sizes.length - 1, sizes.length - 1, list == null ? "null" : list.size()));
        }
        List<DMatrixRMaj> copies = new ArrayList<>();
        for (int l = 1; l < sizes.length; l++) {
            DMatrixRMaj m = list.get(l - 1);
            if (m != null) {
                requireShape(m, sizes[l], cols.applyAsInt(l), symbol + "(" + l + ")");
            }
            copies.add(m == null ? null : m.copy());
        }
        return Collections.unmodifiableList(copies);
    }

    private static void requireExample(int batch, int example) {
        if (example < 0 || example >= batch) {
            throw new IllegalArgumentException(String.format(
                    "example %d is outside the batch of %d examples (0-based)", example, batch));
        }
    }

    private static double[] row(DMatrixRMaj m, int r) {
        return Arrays.copyOfRange(m.data, r * m.numCols, (r + 1) * m.numCols);
    }

    private static void requireShape(DMatrixRMaj m, int rows, int cols, String name) {
        if (m == null || m.numRows != rows || m.numCols != cols) {
            throw new IllegalArgumentException(String.format(
                    "%s must be (%d × %d) but is %s; W(l) is (out × in) and b(l) is (out × 1)",
                    name, rows, cols, m == null ? "null" : "(" + m.numRows + " × " + m.numCols + ")"));
        }
        for (int k = 0; k < m.getNumElements(); k++) {
            if (!Double.isFinite(m.data[k])) {
                throw new IllegalArgumentException(String.format(
                        "%s entry (%d, %d) is %s; the diagram needs finite weights", name, k / cols, k % cols, m.data[k]));
            }
        }
    }
}
