package nnlab.viz;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * BufferedImage img = NetworkDiagram.of(net)                 // sizes, W(l), b(l) of a Network
 *         .notation(Notation.workedExample())                // names: i1, h1, o1, b1, w1 … w8
 *         .edgeText(NetworkDiagram.EdgeText.NAME_AND_VALUE)  // "w5 = 0.4" on every edge
 *         .forward(pass, 0)                                  // split nodes net | out of example 0
 *         .backward(gradients, 0)                            // δ under every node of layers 1 … L
 *         .highlightPath(Style.VERMILLION, 1, 0, 0)          // h1 → o1
 *         .image();
 * }</pre>
 *
 * What a diagram can show, each from numbers the caller computed:
 * <ul>
 *   <li>names of units, bias nodes, weights and layers in the {@link Notation} of the text beside it;
 *   <li>edges coloured by sign (orange-vermillion positive, blue negative, told apart with every common
 *       colour-vision deficiency), width ∝ |w|, and with {@link #edgeText} the numbers or names on them,
 *       placed along each edge near its head where they overlap no other label;
 *   <li>one number per node ({@link #values}, {@link #activations}), split nodes z | a ({@link #forward}),
 *       a second number under the node such as δ or ∂C/∂a ({@link #backward}, {@link #below}), node
 *       shading by activation ({@link #shade}) and arrows for wished nudges ({@link #nudges});
 *   <li>highlighted units, edges, paths and layers ({@link #highlight}, {@link #highlightPath},
 *       {@link #highlightLayer}) with the rest dimmed ({@link #dimRest}), labels on any part
 *       ({@link #label}) and numbered callouts listed beside the network ({@link #callout}).
 * </ul>
 * Layers with more than {@value #MAX_NODES} nodes (or {@link #maxNodes}) show their first {@value #MAX_NODES} − 2 nodes, a "⋮"
 * and the last node, and their caption gives the real count, so a 784-100-10 network stays readable;
 * only edges between drawn nodes are drawn. Without an explicit {@link #size} the picture grows to fit
 * what it shows (at least {@value Frame#WIDTH} × {@value Frame#HEIGHT}).
 */
public final class NetworkDiagram {
    /** Most node slots drawn per layer (including the ellipsis) unless {@link #maxNodes} says otherwise. */
    public static final int MAX_NODES = 12;
    /** The largest {@link #maxNodes} accepted. */
    public static final int MOST_NODES = 64;
    /** Most edges that may carry text; more would be unreadable, so they are refused. */
    public static final int MAX_LABELLED_EDGES = 80;

    /** What {@link #edgeText} writes on every edge (weights and, with bias nodes, biases). */
    public enum EdgeText {
        /** Nothing (the default). */
        NONE,
        /** The notation's name, e.g. "w5", "Θ⁽¹⁾₁₂". */
        NAME,
        /** The number, with the diagram's significant {@link #digits}. */
        VALUE,
        /** Name and number, e.g. "w5 = 0.4". */
        NAME_AND_VALUE
    }

    /** A part of the diagram that can be highlighted, labelled or pointed to. */
    public sealed interface Part permits Unit, Weight, Bias {}

    /** Unit {@code index} (0-based) of layer {@code layer} (0 = input). */
    public record Unit(int layer, int index) implements Part {}

    /** The edge of weight W(layer)[to, from]: from unit {@code from} of layer−1 to unit {@code to} of layer. */
    public record Weight(int layer, int to, int from) implements Part {}

    /** The edge of bias b(layer)[to]: from the bias node beside layer−1 to unit {@code to} of layer. */
    public record Bias(int layer, int to) implements Part {}

    /** Unit i of layer l (0 = input), 0-based as in {@code pass.a(l).get(example, i)}. */
    public static Unit unit(int l, int i) {
        return new Unit(l, i);
    }

    /** The edge of W(l)[j, k], from unit k of layer l−1 to unit j of layer l. */
    public static Weight weight(int l, int j, int k) {
        return new Weight(l, j, k);
    }

    /** The edge of b(l)[j], from the bias node of layer l−1 to unit j of layer l. */
    public static Bias bias(int l, int j) {
        return new Bias(l, j);
    }

    /** A numbered note: its key is drawn at the part, its text in the list beside the network. */
    record Callout(Part part, String key, String text, Color color) {}

    /** Numbers under the nodes with the symbol they are written with ("δ = 0.139"). */
    record Below(List<double[]> values, String symbol) {}

    final int[] sizes;
    List<DMatrixRMaj> weights;
    List<DMatrixRMaj> biases;
    String edgeSymbol = "w";
    boolean biasNodes;
    Notation notation = Notation.library();
    boolean showNames;
    List<String[]> names;
    List<double[]> values;
    List<String[]> labels;
    List<double[]> z;
    List<double[]> a;
    boolean splitSymbols;
    Below below;
    List<double[]> shade;
    List<double[]> nudges;
    EdgeText edgeText = EdgeText.NONE;
    int digits = 3;
    int maxNodes = MAX_NODES;
    final Map<Part, Color> highlights = new LinkedHashMap<>();
    boolean dim;
    final Map<Part, String> partLabels = new LinkedHashMap<>();
    final List<Callout> callouts = new ArrayList<>();
    String[] captions;
    String title;
    String note;
    int width = Frame.WIDTH;
    int height = Frame.HEIGHT;
    boolean sized;

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

    /** Pictures side by side under one title (e.g. a zero start beside a random start). */
    public static BufferedImage sideBySide(String title, BufferedImage... pictures) {
        if (pictures == null || pictures.length == 0 || Arrays.stream(pictures).anyMatch(p -> p == null)) {
            throw new IllegalArgumentException("sideBySide: give at least one picture and no null");
        }
        int band = title == null || title.isEmpty() ? 0 : 34;
        int w = Arrays.stream(pictures).mapToInt(BufferedImage::getWidth).sum();
        int h = band + Arrays.stream(pictures).mapToInt(BufferedImage::getHeight).max().orElseThrow();
        BufferedImage out = Raster.canvas(w, h);
        Graphics2D g = Raster.graphics(out);
        if (band > 0) {
            Raster.title(g, title, w, 24);
        }
        int x = 0;
        for (BufferedImage p : pictures) {
            g.drawImage(p, x, band, null);
            x += p.getWidth();
        }
        g.dispose();
        return out;
    }

    // ------------------------------------------------------------------------------ edges

    /**
     * Colours and widens the edges: {@code weights.get(l-1)} is W(l), shape (sizes[l] × sizes[l-1]); a null
     * entry leaves that layer's edges grey. The matrices are copied.
     */
    public NetworkDiagram weights(List<DMatrixRMaj> weights) {
        return edges(weights, "w");
    }

    /**
     * Colours and widens the edges by any per-edge quantity shaped like the weights, e.g. the wished
     * nudges −∂C/∂W(l); the legend and {@link EdgeText#VALUE} then show that quantity under its symbol.
     */
    public NetworkDiagram edges(List<DMatrixRMaj> perLayer, String symbol) {
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("edges: name the quantity for the legend, e.g. \"w\" or \"−∂C/∂w\"");
        }
        this.weights = perLayer(perLayer, "weights", "W", l -> sizes[l - 1]);
        this.edgeSymbol = symbol;
        return this;
    }

    /**
     * Draws a bias node beside every layer but the output, its edges coloured by b(l), shape
     * (sizes[l] × 1); a null entry leaves that layer's bias edges grey.
     */
    public NetworkDiagram biases(List<DMatrixRMaj> biases) {
        this.biases = perLayer(biases, "biases", "b", l -> 1);
        this.biasNodes = true;
        return this;
    }

    /** Draws the bias nodes even without bias values (grey edges). */
    public NetworkDiagram biasNodes() {
        this.biasNodes = true;
        return this;
    }

    /** Writes names and/or numbers on every edge (see {@link EdgeText}); numbers need {@link #weights}. */
    public NetworkDiagram edgeText(EdgeText what) {
        if (what == null) {
            throw new IllegalArgumentException("edgeText: pass EdgeText.NONE, NAME, VALUE or NAME_AND_VALUE, not null");
        }
        this.edgeText = what;
        return this;
    }

    /**
     * Draws layers of up to n units in full (default {@value #MAX_NODES}; 3 … {@value #MOST_NODES}), e.g. 16
     * for every hidden unit of the notes' 784-16-16-10; larger layers show n − 2 units, "⋮" and the last.
     */
    public NetworkDiagram maxNodes(int n) {
        if (n < 3 || n > MOST_NODES) {
            throw new IllegalArgumentException("maxNodes must be 3 … " + MOST_NODES + ", got " + n);
        }
        this.maxNodes = n;
        return this;
    }

    /** Significant digits of every number drawn (default 3; 1 … 10). */
    public NetworkDiagram digits(int digits) {
        if (digits < 1 || digits > 10) {
            throw new IllegalArgumentException("digits must be 1 … 10, got " + digits);
        }
        this.digits = digits;
        return this;
    }

    // ------------------------------------------------------------------------------ names

    /**
     * Names units, bias nodes, weights and layers in a notation (e.g. {@link Notation#courseNotes()}) and
     * writes the unit names: inside nodes that show nothing else, above those that show numbers.
     */
    public NetworkDiagram notation(Notation notation) {
        if (notation == null) {
            throw new IllegalArgumentException("notation is null; pass e.g. Notation.library() or Notation.courseNotes()");
        }
        notation.check(sizes);
        this.notation = notation;
        this.showNames = true;
        return this;
    }

    /** Unit names of your own, one array per layer (input first, null for none), e.g. the digits "0" … "9". */
    public NetworkDiagram names(List<String[]> perLayer) {
        this.names = perNode(perLayer, "names");
        this.showNames = true;
        return this;
    }

    // ------------------------------------------------------------------------------ node contents

    /** Labels every node with its activation for one example of a forward pass: a(0) (input) … a(L). */
    public NetworkDiagram activations(ForwardPass pass, int example) {
        requirePass(pass, example);
        List<double[]> v = new ArrayList<>();
        for (int l = 0; l <= pass.depth(); l++) {
            v.add(row(pass.a(l), example));
        }
        return values(v);
    }

    /** Labels layers 1 … L with the deltas δ = ∂C/∂z of one example; the input layer stays unlabelled. */
    public NetworkDiagram deltas(Gradients gradients, int example) {
        return values(deltaRows(gradients, example));
    }

    /**
     * Numbers on the nodes (activations, deltas, …), one array per layer, input layer first; a null array
     * leaves that layer without. Shown with the diagram's significant {@link #digits}.
     */
    public NetworkDiagram values(List<double[]> perLayer) {
        this.values = perNodeValues(perLayer, "values");
        return this;
    }

    /** Text node labels, one array per layer (input first, null for none), each as long as its layer. */
    public NetworkDiagram labels(List<String[]> perLayer) {
        this.labels = perNode(perLayer, "labels");
        return this;
    }

    /**
     * Split nodes z | a for one example of a forward pass (the documents' "Z | O" and "net | out"): the
     * left half holds z(l), the right half a(l); input nodes hold a(0) only.
     */
    public NetworkDiagram forward(ForwardPass pass, int example) {
        requirePass(pass, example);
        List<double[]> zs = new ArrayList<>();
        List<double[]> as = new ArrayList<>();
        zs.add(null);
        as.add(row(pass.a(0), example));
        for (int l = 1; l <= pass.depth(); l++) {
            zs.add(row(pass.z(l), example));
            as.add(row(pass.a(l), example));
        }
        return split(zs, as);
    }

    /** Split nodes z | a from arrays, one per layer, input first; a null z leaves that layer's nodes whole. */
    public NetworkDiagram split(List<double[]> z, List<double[]> a) {
        this.z = perNodeValues(z, "split: z");
        this.a = perNodeValues(a, "split: a");
        return this;
    }

    /** Split nodes with the notation's symbols in the halves (z | a, net | out, Z | O) and no numbers. */
    public NetworkDiagram splitSymbols() {
        this.splitSymbols = true;
        return this;
    }

    /** δ(l) = ∂C/∂z(l) of one example under every node of layers 1 … L, in vermillion ("δ = 0.139"). */
    public NetworkDiagram backward(Gradients gradients, int example) {
        return below(deltaRows(gradients, example), "δ");
    }

    /**
     * ∂C/∂a(l) of one example under every node of the hidden layers 1 … L−1: what the layer above sends
     * back. Backprop starts the output layer at δ(L), not at ∂C/∂a(L), so that layer is left without; to
     * show the loss's derivative there, pass your numbers to {@link #below}.
     */
    public NetworkDiagram backwardActivations(Gradients gradients, int example) {
        requireGradients(gradients);
        List<double[]> v = new ArrayList<>();
        v.add(null);
        for (int l = 1; l < gradients.depth(); l++) {
            requireExample(gradients.dA(l).numRows, example);
            v.add(row(gradients.dA(l), example));
        }
        v.add(null);
        return below(v, "∂C/∂a");
    }

    /** Any numbers under the nodes, one array per layer (input first, null for none), written "symbol = value". */
    public NetworkDiagram below(List<double[]> perLayer, String symbol) {
        if (symbol == null) {
            throw new IllegalArgumentException("below: give the symbol the numbers are written with, e.g. \"δ\" (\"\" for none)");
        }
        this.below = new Below(perNodeValues(perLayer, "below"), symbol);
        return this;
    }

    /**
     * Fills each node darker the closer its value is to 1, like the notes' glowing neurons; values must lie
     * in [0, 1] (sigmoid activations), one array per layer, null for none.
     */
    public NetworkDiagram shade(List<double[]> perLayer) {
        List<double[]> v = perNodeValues(perLayer, "shade");
        for (int l = 0; l < v.size(); l++) {
            double[] row = v.get(l);
            for (int i = 0; row != null && i < row.length; i++) {
                if (row[i] < 0 || row[i] > 1) {
                    throw new IllegalArgumentException(String.format(
                            "shade: layer %d, unit %d is %s; shading needs values in [0, 1] such as sigmoid activations", l, i, row[i]));
                }
            }
        }
        this.shade = v;
        return this;
    }

    /**
     * An arrow beside each node for the nudge wished on it: up (green) for positive, down (vermillion) for
     * negative, length ∝ |value| relative to the largest drawn. Arrows stand right of output nodes and left
     * of the others. One array per layer, null for none.
     */
    public NetworkDiagram nudges(List<double[]> perLayer) {
        this.nudges = perNodeValues(perLayer, "nudges");
        return this;
    }

    // ------------------------------------------------------------------------------ highlights

    /** Draws parts in a colour (edges wider, nodes with a coloured ring and a light fill). */
    public NetworkDiagram highlight(Color color, Part... parts) {
        requireColor(color, "highlight");
        if (parts == null || parts.length == 0) {
            throw new IllegalArgumentException("highlight: name at least one part, e.g. unit(1, 0) or weight(2, 0, 1)");
        }
        for (Part p : parts) {
            requirePart(p);
            highlights.put(p, color);
        }
        return this;
    }

    /**
     * Highlights a path through consecutive layers: unit {@code units[0]} of layer {@code fromLayer}, the
     * edge to unit {@code units[1]} of the next layer, that unit, and so on. {@code highlightPath(c, 0, 0, 0, 1)}
     * is input 0 → hidden unit 0 → output 1.
     */
    public NetworkDiagram highlightPath(Color color, int fromLayer, int... units) {
        if (units == null || units.length < 2) {
            throw new IllegalArgumentException("highlightPath: give at least two units (one per layer, from layer " + fromLayer + " on)");
        }
        if (fromLayer < 0 || fromLayer + units.length > sizes.length) {
            throw new IllegalArgumentException(String.format(
                    "highlightPath: %d units from layer %d run past the output layer %d", units.length, fromLayer, sizes.length - 1));
        }
        List<Part> parts = new ArrayList<>();
        parts.add(unit(fromLayer, units[0]));
        for (int s = 1; s < units.length; s++) {
            parts.add(weight(fromLayer + s, units[s], units[s - 1]));
            parts.add(unit(fromLayer + s, units[s]));
        }
        return highlight(color, parts.toArray(Part[]::new));
    }

    /** Highlights layer l: its units and every edge into it (weights and biases). */
    public NetworkDiagram highlightLayer(int l, Color color) {
        if (l < 0 || l >= sizes.length) {
            throw new IllegalArgumentException(String.format("highlightLayer: layer %d is outside 0 … %d", l, sizes.length - 1));
        }
        List<Part> parts = new ArrayList<>();
        for (int j = 0; j < sizes[l]; j++) {
            parts.add(unit(l, j));
            for (int k = 0; l > 0 && k < sizes[l - 1]; k++) {
                parts.add(weight(l, j, k));
            }
            if (l > 0 && biasNodes) {
                parts.add(bias(l, j));
            }
        }
        return highlight(color, parts.toArray(Part[]::new));
    }

    /** Draws everything not highlighted (or called out) in light grey, so the highlighted parts stand out. */
    public NetworkDiagram dimRest() {
        this.dim = true;
        return this;
    }

    /** Short text at a part, replacing its edge text: beside a unit, along an edge. */
    public NetworkDiagram label(Part part, String text) {
        requirePart(part);
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("label: text is empty for " + part);
        }
        partLabels.put(part, text);
        return this;
    }

    /**
     * A numbered callout: the key (1, 2, …) is drawn at the part in the colour, which also highlights the
     * part, and "key  text" is listed beside the network. For longer explanations than fit on an edge,
     * e.g. each term of an equation or each weight's chain-rule product.
     */
    public NetworkDiagram callout(Part part, String text, Color color) {
        return callout(part, Integer.toString(callouts.size() + 1), text, color);
    }

    /**
     * One numbered callout per entry, all in one colour, in the map's order (a LinkedHashMap; an unordered
     * map with several entries is refused): e.g. each weight's chain-rule product of a layer.
     */
    public NetworkDiagram callouts(Color color, Map<? extends Part, String> texts) {
        requireColor(color, "callouts");
        if (texts == null || texts.isEmpty()) {
            throw new IllegalArgumentException("callouts: give at least one part → text entry");
        }
        Inputs.requireOrdered(texts, "callouts");
        texts.forEach((part, text) -> callout(part, text, color));
        return this;
    }

    /** A callout with a key of your own (e.g. "BP1"). */
    public NetworkDiagram callout(Part part, String key, String text, Color color) {
        requirePart(part);
        requireColor(color, "callout");
        if (key == null || key.isBlank() || text == null || text.isBlank()) {
            throw new IllegalArgumentException("callout: give a key and a text (neither blank) for " + part);
        }
        callouts.add(new Callout(part, key, text, color));
        highlights.putIfAbsent(part, color);
        return this;
    }

    // ------------------------------------------------------------------------------ frame

    /** Captions under the layers, input first (default: the layer's role, its symbol and size). */
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

    /** A line of text under the picture (what to look at). */
    public NetworkDiagram note(String note) {
        this.note = note;
        return this;
    }

    /** Picture size in pixels; without it the picture grows to fit its contents (at least 720 × 420). */
    public NetworkDiagram size(int width, int height) {
        Frame.checkSize(width, height);
        this.width = width;
        this.height = height;
        this.sized = true;
        return this;
    }

    /** Draws the diagram. */
    public BufferedImage image() {
        return layout().paint();
    }

    /** The geometry of the picture: every node, edge and text box (for tests and for {@link #image}). */
    NetworkLayout layout() {
        return new NetworkLayout(this);
    }

    // ------------------------------------------------------------------------------ checks

    /** Node indices drawn for layer l; -1 marks the ellipsis slot. */
    int[] slots(int l) {
        int n = sizes[l];
        if (n <= maxNodes) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int[] some = new int[maxNodes];
        for (int i = 0; i < maxNodes - 2; i++) {
            some[i] = i;
        }
        some[maxNodes - 2] = -1;
        some[maxNodes - 1] = n - 1;
        return some;
    }

    boolean hasBias(int l) {
        return biasNodes && l < sizes.length - 1;
    }

    private void requirePart(Part p) {
        int L = sizes.length - 1;
        String problem = null;
        if (p == null) {
            problem = "a part is null";
        } else if (p instanceof Unit u) {
            if (u.layer() < 0 || u.layer() > L) {
                problem = "layer " + u.layer() + " is outside 0 … " + L;
            } else if (u.index() < 0 || u.index() >= sizes[u.layer()]) {
                problem = "unit " + u.index() + " is outside 0 … " + (sizes[u.layer()] - 1) + " of layer " + u.layer();
            }
        } else if (p instanceof Weight w) {
            if (w.layer() < 1 || w.layer() > L) {
                problem = "weight layer " + w.layer() + " is outside 1 … " + L;
            } else if (w.to() < 0 || w.to() >= sizes[w.layer()] || w.from() < 0 || w.from() >= sizes[w.layer() - 1]) {
                problem = String.format("W(%d) is (%d × %d); [%d, %d] is outside it",
                        w.layer(), sizes[w.layer()], sizes[w.layer() - 1], w.to(), w.from());
            }
        } else if (p instanceof Bias b) {
            if (b.layer() < 1 || b.layer() > L) {
                problem = "bias layer " + b.layer() + " is outside 1 … " + L;
            } else if (b.to() < 0 || b.to() >= sizes[b.layer()]) {
                problem = "b(" + b.layer() + ") has " + sizes[b.layer()] + " entries; " + b.to() + " is outside";
            }
        }
        if (problem != null) {
            throw new IllegalArgumentException(problem + " (network " + Arrays.toString(sizes)
                    + "; layers count from 0 = input, units and weights from 0)");
        }
    }

    private static void requireColor(Color c, String what) {
        if (c == null) {
            throw new IllegalArgumentException(what + ": colour is null; use e.g. Style.VERMILLION or Style.series(k)");
        }
    }

    private List<String[]> perNode(List<String[]> perLayer, String what) {
        requireCount(perLayer, what);
        for (int l = 0; l < sizes.length; l++) {
            if (perLayer.get(l) != null && perLayer.get(l).length != sizes[l]) {
                throw new IllegalArgumentException(String.format(
                        "%s of layer %d: %d given for %d nodes; give one per node", what, l, perLayer.get(l).length, sizes[l]));
            }
        }
        return Collections.unmodifiableList(new ArrayList<>(perLayer));
    }

    private List<double[]> perNodeValues(List<double[]> perLayer, String what) {
        requireCount(perLayer, what);
        List<double[]> copies = new ArrayList<>();
        for (int l = 0; l < sizes.length; l++) {
            double[] v = perLayer.get(l);
            if (v != null) {
                Inputs.requireValues(v, what + " of layer " + l, false);
                if (v.length != sizes[l]) {
                    throw new IllegalArgumentException(String.format(
                            "%s of layer %d: %d given for %d nodes; give one per node", what, l, v.length, sizes[l]));
                }
            }
            copies.add(v == null ? null : v.clone());
        }
        return Collections.unmodifiableList(copies);
    }

    private void requireCount(List<?> perLayer, String what) {
        if (perLayer == null || perLayer.size() != sizes.length) {
            throw new IllegalArgumentException(String.format(
                    "%s: expected %d arrays (one per layer, input first), got %s",
                    what, sizes.length, perLayer == null ? "null" : perLayer.size()));
        }
    }

    private void requireGradients(Gradients gradients) {
        if (gradients == null || gradients.depth() != sizes.length - 1) {
            throw new IllegalArgumentException(String.format("gradients of %s layers for a diagram of %d",
                    gradients == null ? "no" : gradients.depth(), sizes.length - 1));
        }
    }

    private List<double[]> deltaRows(Gradients gradients, int example) {
        requireGradients(gradients);
        List<double[]> v = new ArrayList<>();
        v.add(null);
        for (int l = 1; l <= gradients.depth(); l++) {
            DMatrixRMaj delta = gradients.delta(l);
            requireExample(delta.numRows, example);
            v.add(row(delta, example));
        }
        return v;
    }

    private void requirePass(ForwardPass pass, int example) {
        if (pass == null || pass.depth() != sizes.length - 1) {
            throw new IllegalArgumentException(String.format("a forward pass of %s layers for a diagram of %d",
                    pass == null ? "no" : pass.depth(), sizes.length - 1));
        }
        requireExample(pass.batchSize(), example);
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
        if (m.numRows != rows || m.numCols != cols) {
            throw new IllegalArgumentException(String.format(
                    "%s must be (%d × %d) but is (%d × %d); W(l) is (out × in) and b(l) is (out × 1)",
                    name, rows, cols, m.numRows, m.numCols));
        }
        for (int k = 0; k < m.getNumElements(); k++) {
            if (!Double.isFinite(m.data[k])) {
                throw new IllegalArgumentException(String.format(
                        "%s entry (%d, %d) is %s; the diagram needs finite weights", name, k / cols, k % cols, m.data[k]));
            }
        }
    }
}
