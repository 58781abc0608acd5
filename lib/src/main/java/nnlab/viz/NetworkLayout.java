package nnlab.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RectangularShape;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import nnlab.viz.NetworkDiagram.Bias;
import nnlab.viz.NetworkDiagram.Callout;
import nnlab.viz.NetworkDiagram.EdgeText;
import nnlab.viz.NetworkDiagram.Part;
import nnlab.viz.NetworkDiagram.Unit;
import nnlab.viz.NetworkDiagram.Weight;
import org.ejml.data.DMatrixRMaj;

/**
 * Where everything of a {@link NetworkDiagram} goes: node boxes, edge lines, and a box for every text,
 * computed before anything is drawn so that labels can be placed where they overlap nothing (and tests can
 * check that they do not). {@link #paint()} draws the result.
 */
final class NetworkLayout {
    /** What a text box holds; tests check that the placed kinds never overlap. */
    enum Kind { TITLE, HEADING, CAPTION, NOTE, NAME, BELOW, ELLIPSIS, EDGE_LABEL, UNIT_LABEL, KEY, PANEL }

    /** A unit or bias node: its box, the text inside (whole or split in two halves) and its colours. */
    record Node(int layer, int index, boolean bias, RectangularShape box, String inside, Font font, String left, String right,
                Color fill, Color ring, float ringWidth, Color ink) {}

    /** An edge line, the part it draws and its colour and width. */
    record Edge(Part part, double x1, double y1, double x2, double y2, Color color, float width, boolean front) {}

    /** A text and the box it was placed in. */
    record Text(Kind kind, String text, Rectangle2D box, Font font, Color color, Color border) {}

    /** A vertical arrow (a wished nudge) at x from y1 to y2. */
    record Arrow(double x, double y1, double y2, Color color) {}

    private static final Color NO_WEIGHT = new Color(0x999999);
    private static final Color DIM_TEXT = new Color(0x9A9A9A);
    private static final Color BIAS_FILL = new Color(0xEEEEEE);
    private static final Color SHADE_INK = new Color(0x1B2A41);
    private static final Font NODE_FONT = Style.SMALL;
    private static final Font NAME_FONT = Style.LEGEND.deriveFont(13f);
    private static final Font EDGE_FONT = Style.LEGEND;
    private static final Font KEY_FONT = Style.SMALL.deriveFont(Font.BOLD);
    private static final int TOP = 84;
    /**
     * Where a key may sit on its edge: 0.5, 0.475, 0.525, 0.45, … 0.15, 0.85, the middle first; fine steps, as on
     * a 3 × 3 gap the free stretches between crossings are short. The node boxes at the ends are blocked anyway.
     */
    private static final double[] KEY_FRACTIONS = IntStream.rangeClosed(0, 28)
            .mapToDouble(i -> 0.5 + (i % 2 == 1 ? -0.025 : 0.025) * ((i + 1) / 2)).toArray();
    /** Pixels a key keeps from every other highlighted edge, so that it is not read as sitting on that one. */
    private static final double KEY_MARGIN = 3;

    final int width;
    final int height;
    final List<Node> nodes = new ArrayList<>();
    final List<Edge> edges = new ArrayList<>();
    final List<Text> texts = new ArrayList<>();
    final List<Arrow> arrows = new ArrayList<>();

    private final NetworkDiagram d;
    private final int L;
    private final double[] x;
    private final double[][] y;
    private final double[] biasY;
    private final double[] nodeW;
    private final double r;
    private final double rowGap;
    private final Marks.Placer placer;

    NetworkLayout(NetworkDiagram d) {
        this.d = d;
        this.L = d.sizes.length - 1;
        int layers = d.sizes.length;
        boolean anySplit = d.splitSymbols || d.z != null;
        double r0 = anySplit ? 19 : 22;

        // what each layer needs: node widths, room above (names) and below (second numbers)
        nodeW = new double[layers];
        double above = 0;
        double below = 0;
        for (int l = 0; l < layers; l++) {
            nodeW[l] = 2 * r0;
            for (int i : d.slots(l)) {
                if (i < 0) {
                    continue;
                }
                nodeW[l] = Math.max(nodeW[l], contentWidth(l, i));
                if (nameAbove(l, i) != null) {
                    above = Marks.size("h", NAME_FONT)[1] + 2;
                }
                if (belowText(l, i) != null) {
                    below = Marks.size("δ", Style.SMALL)[1] + 2;
                }
            }
        }
        int maxSlots = 0;
        for (int l = 0; l < layers; l++) {
            maxSlots = Math.max(maxSlots, d.slots(l).length + (d.biasNodes ? 1 : 0));
        }
        double panelW = panelWidth();
        double bare = d.callouts.stream().anyMatch(c -> !(c.part() instanceof Unit)) ? 150 : 70;
        int bottom = 50 + (d.note == null ? 0 : 20);

        double[] gapNeed = new double[layers];
        double gapSum = 0;
        for (int l = 1; l < layers; l++) {
            gapNeed[l] = nodeW[l - 1] / 2 + nodeW[l] / 2 + labelRoom(l, bare);
            gapSum += gapNeed[l];
        }
        double sideL = Math.max(70, nodeW[0] / 2 + 24 + (hasNudges(0) ? 30 : 0) + unitLabelWidth(0));
        double sideR = Math.max(70, nodeW[L] / 2 + 24 + (hasNudges(L) ? 30 : 0) + unitLabelWidth(L));
        int panelRows = panelHeight();
        if (d.sized) {
            width = d.width;
            height = d.height;
        } else {
            double titleW = Marks.size(d.title, Style.TITLE)[0] + 40;
            width = (int) Math.min(Frame.MAX_SIDE, Math.max(Math.max(Frame.WIDTH, titleW), Math.ceil(sideL + sideR + gapSum + panelW)));
            // plain nodes shrink to fit the default height; nodes with text need their size
            boolean text = d.labels != null || d.values != null || d.showNames || anySplit || d.below != null
                    || d.shade != null || d.nudges != null;
            double rowNeed = text ? 2 * r0 + above + below + 12 : 0;
            height = (int) Math.min(Frame.MAX_SIDE,
                    Math.max(Math.max(Frame.HEIGHT, TOP + bottom + maxSlots * rowNeed), TOP + panelRows + 20));
        }
        if (panelW > 0 && TOP - 24 + panelRows > height - 8) {
            throw new IllegalArgumentException(String.format(
                    "the %d callouts need %d pixels of height but the picture has %d; make it taller or the texts shorter",
                    d.callouts.size(), TOP - 24 + panelRows + 8, height));
        }

        rowGap = (height - TOP - bottom) / (double) maxSlots;
        double scale = (width - panelW - sideL - sideR) / gapSum;
        x = new double[layers];
        x[0] = sideL;
        for (int l = 1; l < layers; l++) {
            x[l] = x[l - 1] + gapNeed[l] * scale;
        }
        r = Math.max(4, Math.min(r0, Math.min((rowGap - above - below - 6) / 2, (x[1] - x[0]) * 0.16)));
        for (int l = 0; l < layers; l++) {
            nodeW[l] = Math.max(nodeW[l] - 2 * r0 + 2 * r, 2 * r);
        }
        double shift = (above - below) / 2;
        y = new double[layers][];
        biasY = new double[layers];
        for (int l = 0; l < layers; l++) {
            // the output layer keeps an empty bias slot, so that equal layers line up (a chain is straight)
            int n = d.slots(l).length + (d.biasNodes ? 1 : 0);
            double first = TOP + (height - TOP - bottom - (n - 1) * rowGap) / 2 + shift;
            int offset = d.biasNodes ? 1 : 0;
            biasY[l] = first;
            y[l] = new double[d.slots(l).length];
            for (int s = 0; s < y[l].length; s++) {
                y[l][s] = first + (s + offset) * rowGap;
            }
        }
        placer = new Marks.Placer(new Rectangle2D.Double(0, 0, width - panelW, height));

        checkParts();
        frameTexts(bottom);
        nodes();
        edgeLines();
        nudgeArrows();
        edgeLabels();
        unitLabels();
        callouts(panelW);
    }

    // ------------------------------------------------------------------------------ contents

    private String num(double v) {
        return Numbers.sig(v, d.digits);
    }

    private String name(int l, int i) {
        if (!d.showNames) {
            return null;
        }
        if (d.names != null && d.names.get(l) != null) {
            return d.names.get(l)[i];
        }
        return d.notation.unit(l, i, d.sizes);
    }

    /** The two halves of a split node, or null. */
    private String[] split(int l, int i) {
        if (d.splitSymbols) {
            return new String[] {d.notation.zSymbol(), d.notation.aSymbol()};
        }
        if (d.z != null && d.z.get(l) != null) {
            return new String[] {num(d.z.get(l)[i]), d.a.get(l) == null ? "" : num(d.a.get(l)[i])};
        }
        return null;
    }

    /** The text inside a whole (not split) node. */
    private String inside(int l, int i) {
        if (d.labels != null && d.labels.get(l) != null) {
            return d.labels.get(l)[i];
        }
        if (d.values != null && d.values.get(l) != null) {
            return num(d.values.get(l)[i]);
        }
        if (d.z != null && d.z.get(l) == null && d.a.get(l) != null) {
            return num(d.a.get(l)[i]);
        }
        return name(l, i);
    }

    /** The name written above a node: only when the node holds something else. */
    private String nameAbove(int l, int i) {
        String n = name(l, i);
        return n == null || (split(l, i) == null && n.equals(inside(l, i))) ? null : n;
    }

    private String belowText(int l, int i) {
        if (d.below == null || d.below.values().get(l) == null) {
            return null;
        }
        String v = num(d.below.values().get(l)[i]);
        return d.below.symbol().isEmpty() ? v : d.below.symbol() + " = " + v;
    }

    private double contentWidth(int l, int i) {
        String[] halves = split(l, i);
        if (halves != null) {
            return 2 * Math.max(Marks.size(halves[0], NODE_FONT)[0], Marks.size(halves[1], NODE_FONT)[0]) + 14;
        }
        String in = inside(l, i);
        return in == null ? 0 : Marks.size(in, in.equals(name(l, i)) ? NAME_FONT : NODE_FONT)[0] + 10;
    }

    /** The widest label of a unit of layer l: room it needs beside the outer columns. */
    private double unitLabelWidth(int l) {
        double w = 0;
        for (var e : d.partLabels.entrySet()) {
            if (e.getKey() instanceof Unit u && u.layer() == l) {
                w = Math.max(w, Marks.size(e.getValue(), EDGE_FONT)[0]);
            }
        }
        return w;
    }

    private boolean hasNudges(int l) {
        return d.nudges != null && d.nudges.get(l) != null;
    }

    // ------------------------------------------------------------------------------ frame

    private void frameTexts(int bottom) {
        addText(Kind.TITLE, d.title, Marks.box(d.title, Style.TITLE, width / 2.0, 18), Style.TITLE, Style.TEXT, null);
        if (hasLegend()) {
            placer.block(new Rectangle2D.Double(8, 38, 330, 16));
        }
        for (int l = 1; l <= L; l++) {
            String heading = d.showNames ? d.notation.weights(l, L) : "layer " + l;
            if (heading != null) {
                addText(Kind.HEADING, heading, Marks.box(heading, Style.SMALL, (x[l - 1] + x[l]) / 2, 70), Style.SMALL, Style.TEXT, null);
            }
        }
        for (int l = 0; l <= L; l++) {
            String first;
            String second;
            if (d.captions != null) {
                first = d.captions[l];
                second = "";
            } else {
                Notation n = d.showNames ? d.notation : Notation.library();
                first = n.role(l, L);
                String count = d.sizes[l] + (d.sizes[l] == 1 ? " unit" : " units")
                        + (d.sizes[l] > d.maxNodes ? " (" + (d.maxNodes - 1) + " drawn)" : "");
                String symbol = n.captionSymbol(l, L);
                second = symbol == null || first.equals(symbol) ? count : symbol + ", " + count;
            }
            String caption = second.isEmpty() ? first : first + "\n" + second;
            addText(Kind.CAPTION, caption, Marks.within(Marks.box(caption, Style.SMALL, x[l], height - bottom + 24), width), Style.SMALL, Style.TEXT, null);
        }
        if (d.note != null) {
            addText(Kind.NOTE, d.note, Marks.within(Marks.box(d.note, Style.SMALL, (width - panelWidth()) / 2, height - 12), width),
                    Style.SMALL, Style.TEXT, null);
        }
    }

    private void addText(Kind kind, String text, Rectangle2D box, Font font, Color color, Color border) {
        texts.add(new Text(kind, text, box, font, color, border));
        placer.block(box);
    }

    // ------------------------------------------------------------------------------ nodes

    private void nodes() {
        for (int l = 0; l <= L; l++) {
            int[] shown = d.slots(l);
            for (int s = 0; s < shown.length; s++) {
                if (shown[s] < 0) {
                    addText(Kind.ELLIPSIS, "⋮", Marks.box("⋮", Style.AXIS_TITLE, x[l], y[l][s]), Style.AXIS_TITLE, Style.TEXT, null);
                } else {
                    unitNode(l, shown[s], y[l][s]);
                }
            }
            if (d.hasBias(l)) {
                String text = d.showNames ? d.notation.biasUnit(l) : "+1";
                double[] ts = Marks.size(text, NODE_FONT);
                // a node too small for its text keeps the text beside it, left, where no edge runs
                boolean fits = 1.6 * r >= ts[1];
                double w = fits ? Math.max(1.6 * r, ts[0] + 6) : 1.6 * r;
                RectangularShape box = shape(x[l], biasY[l], w, 1.6 * r);
                int fed = l + 1;
                boolean lit = d.highlights.keySet().stream().anyMatch(p -> p instanceof Bias b && b.layer() == fed);
                Color ink = d.dim && !lit ? DIM_TEXT : Style.TEXT;
                nodes.add(new Node(l, -1, true, box, fits ? text : null, NODE_FONT, null, null, BIAS_FILL,
                        d.dim && !lit ? NO_WEIGHT : Style.TEXT, 1.2f, ink));
                placer.block(box.getBounds2D());
                if (!fits) {
                    addText(Kind.NAME, text, new Rectangle2D.Double(box.getBounds2D().getMinX() - ts[0] - 2, biasY[l] - ts[1] / 2,
                            ts[0], ts[1]), NODE_FONT, ink, null);
                }
            }
        }
    }

    private void unitNode(int l, int i, double cy) {
        Color lit = d.highlights.get(new Unit(l, i));
        boolean faded = d.dim && lit == null;
        Color fill = Color.WHITE;
        Color ink = faded ? DIM_TEXT : Style.TEXT;
        if (d.shade != null && d.shade.get(l) != null) {
            double v = d.shade.get(l)[i];
            fill = mix(Color.WHITE, SHADE_INK, v);
            ink = v > 0.55 ? Color.WHITE : Style.TEXT;
        } else if (lit != null) {
            fill = Marks.lighter(lit, 0.85);
        }
        Color ring = lit != null ? lit : faded ? NO_WEIGHT : Style.TEXT;
        RectangularShape box = shape(x[l], cy, nodeW[l], 2 * r);
        String[] halves = split(l, i);
        String in = halves == null ? inside(l, i) : null;
        nodes.add(new Node(l, i, false, box, in, in != null && in.equals(name(l, i)) ? NAME_FONT : NODE_FONT,
                halves == null ? null : halves[0], halves == null ? null : halves[1], fill, ring, lit != null ? 3f : 1.5f, ink));
        Rectangle2D bounds = box.getBounds2D();
        placer.block(grow(bounds, 2));
        String above = nameAbove(l, i);
        if (above != null) {
            addText(Kind.NAME, above, Marks.box(above, NAME_FONT, x[l], bounds.getMinY() - Marks.size(above, NAME_FONT)[1] / 2 - 1), NAME_FONT,
                    faded ? DIM_TEXT : Style.TEXT, null);
        }
        String under = belowText(l, i);
        if (under != null) {
            addText(Kind.BELOW, under, Marks.box(under, Style.SMALL, x[l], bounds.getMaxY() + Marks.size(under, Style.SMALL)[1] / 2 + 1), Style.SMALL,
                    faded ? DIM_TEXT : Marks.darker(Style.VERMILLION, 0.15), null);
        }
    }

    /** A circle when the width is the height, else a stadium (a box with round ends). */
    private static RectangularShape shape(double cx, double cy, double w, double h) {
        if (w <= h + 0.5) {
            return new Ellipse2D.Double(cx - h / 2, cy - h / 2, h, h);
        }
        return new RoundRectangle2D.Double(cx - w / 2, cy - h / 2, w, h, h, h);
    }

    private static Rectangle2D grow(Rectangle2D b, double by) {
        return new Rectangle2D.Double(b.getX() - by, b.getY() - by, b.getWidth() + 2 * by, b.getHeight() + 2 * by);
    }

    private static Color mix(Color from, Color to, double t) {
        return new Color((int) Math.round(from.getRed() + (to.getRed() - from.getRed()) * t),
                (int) Math.round(from.getGreen() + (to.getGreen() - from.getGreen()) * t),
                (int) Math.round(from.getBlue() + (to.getBlue() - from.getBlue()) * t));
    }

    // ------------------------------------------------------------------------------ edges

    private Node node(int l, int i) {
        for (Node n : nodes) {
            if (n.layer() == l && n.index() == i && !n.bias()) {
                return n;
            }
        }
        return null;
    }

    private Node biasNode(int l) {
        for (Node n : nodes) {
            if (n.layer() == l && n.bias()) {
                return n;
            }
        }
        return null;
    }

    private double value(Part p) {
        if (p instanceof Weight w) {
            DMatrixRMaj m = d.weights == null ? null : d.weights.get(w.layer() - 1);
            return m == null ? Double.NaN : m.get(w.to(), w.from());
        }
        Bias b = (Bias) p;
        DMatrixRMaj m = d.biases == null ? null : d.biases.get(b.layer() - 1);
        return m == null ? Double.NaN : m.get(b.to(), 0);
    }

    /**
     * The room the gap before layer {@code gap} needs beyond its nodes for the texts on its edges: every edge labelled
     * ({@link NetworkDiagram#edgeText}) needs the most, a few labels of your own (on edges or beside hidden
     * units) less, none a plain gap.
     */
    private double labelRoom(int gap, double bare) {
        double all = 0;
        double some = 0;
        for (int l = Math.max(1, gap - 1); l <= Math.min(L - 1, gap); l++) {
            some = Math.max(some, unitLabelWidth(l));
        }
        for (Part p : edgeParts()) {
            if (layerOf(p) != gap) {
                continue;
            }
            String t = edgeText(p);
            if (t != null) {
                double w = Marks.size(t, EDGE_FONT)[0];
                if (d.partLabels.containsKey(p)) {
                    some = Math.max(some, w);
                } else {
                    all = Math.max(all, w);
                }
            }
        }
        double room = bare;
        if (all > 0) {
            room = Math.max(room, Math.min(420, Math.max(190, 3.2 * all + 40)));
        }
        if (some > 0) {
            room = Math.max(room, Math.min(340, Math.max(190, 2.2 * some + 60)));
        }
        return room;
    }

    /** The weights and biases whose edges are drawn (between drawn nodes). */
    private List<Part> edgeParts() {
        List<Part> parts = new ArrayList<>();
        for (int l = 1; l <= L; l++) {
            for (int j : d.slots(l)) {
                if (j < 0) {
                    continue;
                }
                for (int k : d.slots(l - 1)) {
                    if (k >= 0) {
                        parts.add(new Weight(l, j, k));
                    }
                }
                if (d.hasBias(l - 1)) {
                    parts.add(new Bias(l, j));
                }
            }
        }
        return parts;
    }

    private void edgeLines() {
        List<Part> parts = edgeParts();
        double maxAbs = parts.stream().mapToDouble(p -> Double.isNaN(value(p)) ? 0 : Math.abs(value(p))).max().orElse(0);
        double maxWidth = parts.size() > 60 ? 2.5 : 6;
        for (Part p : parts) {
            Node from = p instanceof Weight w ? node(w.layer() - 1, w.from()) : biasNode(((Bias) p).layer() - 1);
            Node to = p instanceof Weight w ? node(w.layer(), w.to()) : node(((Bias) p).layer(), ((Bias) p).to());
            double[] ends = ends(from.box(), to.box());
            double v = value(p);
            Color lit = d.highlights.get(p);
            float widthPx = (float) (Double.isNaN(v) || v == 0 ? 1 : 0.6 + (maxWidth - 0.6) * (maxAbs > 0 ? Math.abs(v) / maxAbs : 0));
            Color c;
            if (lit != null) {
                c = lit;
                widthPx = Math.max(3.2f, widthPx);
            } else if (d.dim) {
                c = Style.DIM;
                widthPx = Math.min(widthPx, 1.5f);
            } else if (Double.isNaN(v)) {
                c = NO_WEIGHT;
            } else if (v == 0) {
                c = Style.DIM;
            } else {
                Color sign = v >= 0 ? Style.VERMILLION : Style.BLUE;
                c = new Color(sign.getRed(), sign.getGreen(), sign.getBlue(), 210);
            }
            edges.add(new Edge(p, ends[0], ends[1], ends[2], ends[3], c, widthPx, lit != null));
        }
        // strongest last so they stay on top; highlighted edges above all
        edges.sort(Comparator.comparing(Edge::front).thenComparingDouble(e -> e.width()));
    }

    /** Where a line from one node to the next leaves and enters: on a circle's rim, at a stadium's end. */
    private static double[] ends(RectangularShape a, RectangularShape b) {
        double ax = a.getCenterX();
        double ay = a.getCenterY();
        double bx = b.getCenterX();
        double by = b.getCenterY();
        double len = Math.hypot(bx - ax, by - ay);
        double ux = (bx - ax) / len;
        double uy = (by - ay) / len;
        double[] start = a instanceof Ellipse2D ? new double[] {ax + ux * a.getWidth() / 2, ay + uy * a.getHeight() / 2}
                : new double[] {a.getMaxX(), ay};
        double[] end = b instanceof Ellipse2D ? new double[] {bx - ux * b.getWidth() / 2, by - uy * b.getHeight() / 2}
                : new double[] {b.getMinX(), by};
        return new double[] {start[0], start[1], end[0], end[1]};
    }

    private Edge edge(Part p) {
        for (Edge e : edges) {
            if (e.part().equals(p)) {
                return e;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------ labels

    private String edgeText(Part p) {
        String custom = d.partLabels.get(p);
        if (custom != null || d.edgeText == EdgeText.NONE) {
            return custom;
        }
        String name = p instanceof Weight w ? d.notation.weight(w.layer(), w.to(), w.from(), d.sizes)
                : d.notation.bias(((Bias) p).layer(), ((Bias) p).to(), d.sizes);
        if (d.edgeText != EdgeText.VALUE && name == null) {
            throw new IllegalArgumentException("edgeText(" + d.edgeText + "): the notation " + d.notation
                    + " names no weights; use EdgeText.VALUE or label(part, text)");
        }
        double v = value(p);
        if (d.edgeText != EdgeText.NAME && Double.isNaN(v)) {
            throw new IllegalArgumentException("edgeText(" + d.edgeText + "): " + p + " has no number; give weights(...) and "
                    + "biases(...) (or build the diagram with NetworkDiagram.of(net)), or use EdgeText.NAME");
        }
        String symbol = p instanceof Weight && !d.edgeSymbol.equals("w") ? d.edgeSymbol : null;
        return switch (d.edgeText) {
            case NAME -> name;
            case VALUE -> num(v);
            default -> (symbol != null ? symbol + " " + name : name) + " = " + num(v);
        };
    }

    private Color edgeTextColor(Edge e) {
        if (e.front()) {
            return Marks.darker(e.color(), 0.25);
        }
        if (d.dim) {
            return DIM_TEXT;
        }
        Color c = e.color();
        return c.equals(NO_WEIGHT) ? Style.TEXT : Marks.darker(new Color(c.getRed(), c.getGreen(), c.getBlue()), 0.25);
    }

    private void edgeLabels() {
        List<Edge> labelled = new ArrayList<>();
        for (Edge e : orderedEdges()) {
            if (edgeText(e.part()) != null) {
                labelled.add(e);
            }
        }
        if (labelled.size() > NetworkDiagram.MAX_LABELLED_EDGES) {
            throw new IllegalArgumentException(String.format(
                    "%d edges would carry text, more than the %d that stay readable; label a few with label(part, text) "
                            + "or draw a smaller network", labelled.size(), NetworkDiagram.MAX_LABELLED_EDGES));
        }
        for (Edge e : labelled) {
            String text = edgeText(e.part());
            Rectangle2D box = placer.place(alongEdge(e, text, EDGE_FONT, new double[] {0.75, 0.65, 0.85, 0.55, 0.45, 0.35, 0.25}, e.front()));
            texts.add(new Text(Kind.EDGE_LABEL, text, box, EDGE_FONT, edgeTextColor(e), null));
        }
    }

    /** Edges in reading order: by layer, target and source (bias edges after the weights of a target). */
    private List<Edge> orderedEdges() {
        List<Edge> sorted = new ArrayList<>(edges);
        sorted.sort(Comparator.comparingInt((Edge e) -> layerOf(e.part())).thenComparingInt(e -> toOf(e.part()))
                .thenComparingInt(e -> e.part() instanceof Weight w ? w.from() : Integer.MAX_VALUE));
        return sorted;
    }

    private static int layerOf(Part p) {
        return p instanceof Weight w ? w.layer() : p instanceof Bias b ? b.layer() : ((Unit) p).layer();
    }

    private static int toOf(Part p) {
        return p instanceof Weight w ? w.to() : p instanceof Bias b ? b.to() : ((Unit) p).index();
    }

    /**
     * Boxes for text centred on points along an edge at the given fractions from its start, then nudged off
     * it; {@code beside} tries the nudged ones first, so the label of a highlighted edge leaves its colour visible.
     */
    private static List<Rectangle2D> alongEdge(Edge e, String text, Font font, double[] fractions, boolean beside) {
        double[] s = Marks.size(text, font);
        List<Rectangle2D> out = new ArrayList<>();
        double[] shifts = beside ? new double[] {-s[1] / 2 - 4, s[1] / 2 + 4, 0} : new double[] {0, -s[1] / 2 - 2, s[1] / 2 + 2};
        for (double shiftY : shifts) {
            for (double f : fractions) {
                out.add(atFraction(e, s, f, shiftY));
            }
        }
        return out;
    }

    /** A box of the given size centred on the point a fraction f along an edge, moved down by shiftY. */
    private static Rectangle2D atFraction(Edge e, double[] size, double f, double shiftY) {
        double cx = e.x1() + (e.x2() - e.x1()) * f;
        double cy = e.y1() + (e.y2() - e.y1()) * f + shiftY;
        return new Rectangle2D.Double(cx - size[0] / 2, cy - size[1] / 2, size[0], size[1]);
    }

    /** Boxes beside a node: right, upper right, lower right, above, below, left. */
    private static List<Rectangle2D> besideNode(Rectangle2D n, double[] s) {
        double[][] centres = {
                {n.getMaxX() + s[0] / 2 + 3, n.getCenterY()},
                {n.getMaxX() + s[0] / 2 - 2, n.getMinY() - s[1] / 2 + 2},
                {n.getMaxX() + s[0] / 2 - 2, n.getMaxY() + s[1] / 2 - 2},
                {n.getCenterX(), n.getMinY() - s[1] / 2 - 1},
                {n.getCenterX(), n.getMaxY() + s[1] / 2 + 1},
                {n.getMinX() - s[0] / 2 - 3, n.getCenterY()},
                {n.getMinX() - s[0] / 2 + 2, n.getMinY() - s[1] / 2 + 2},
                {n.getMinX() - s[0] / 2 + 2, n.getMaxY() + s[1] / 2 - 2}};
        List<Rectangle2D> out = new ArrayList<>();
        for (double[] c : centres) {
            out.add(new Rectangle2D.Double(c[0] - s[0] / 2, c[1] - s[1] / 2, s[0], s[1]));
        }
        return out;
    }

    private void unitLabels() {
        for (var entry : d.partLabels.entrySet()) {
            if (entry.getKey() instanceof Unit u) {
                Node n = node(u.layer(), u.index());
                Color lit = d.highlights.get(u);
                Rectangle2D box = placer.place(besideNode(n.box().getBounds2D(), Marks.size(entry.getValue(), EDGE_FONT)));
                texts.add(new Text(Kind.UNIT_LABEL, entry.getValue(), box, EDGE_FONT,
                        lit != null ? Marks.darker(lit, 0.25) : Style.TEXT, null));
            }
        }
    }

    private void nudgeArrows() {
        if (d.nudges == null) {
            return;
        }
        double max = 0;
        for (double[] row : d.nudges) {
            for (int i = 0; row != null && i < row.length; i++) {
                max = Math.max(max, Math.abs(row[i]));
            }
        }
        for (int l = 0; l <= L; l++) {
            if (!hasNudges(l)) {
                continue;
            }
            int[] shown = d.slots(l);
            for (int s = 0; s < shown.length; s++) {
                if (shown[s] < 0) {
                    continue;
                }
                double v = d.nudges.get(l)[shown[s]];
                double len = 6 + (rowGap * 0.42 - 6) * (max > 0 ? Math.abs(v) / max : 0);
                double ax = l == L ? x[l] + nodeW[l] / 2 + 14 : x[l] - nodeW[l] / 2 - 14;
                double y0 = y[l][s] + (v >= 0 ? len / 2 : -len / 2);
                double y1 = y[l][s] + (v >= 0 ? -len / 2 : len / 2);
                arrows.add(new Arrow(ax, y0, y1, v >= 0 ? Style.GREEN : Style.VERMILLION));
                placer.block(new Rectangle2D.Double(ax - 6, Math.min(y0, y1) - 2, 12, len + 4));
            }
        }
    }

    // ------------------------------------------------------------------------------ callouts

    private double panelWidth() {
        double w = 0;
        for (Callout c : d.callouts) {
            w = Math.max(w, Marks.keySize(c.key(), KEY_FONT)[0] + 8 + Marks.size(c.text(), Style.LEGEND)[0]);
        }
        return w == 0 ? 0 : w + 28;
    }

    private int panelHeight() {
        double h = 0;
        for (Callout c : d.callouts) {
            h += Marks.size(c.text(), Style.LEGEND)[1] + 8;
        }
        return (int) Math.ceil(h);
    }

    private void callouts(double panelW) {
        double py = TOP - 24;
        double px = width - panelW + 14;
        for (Callout c : d.callouts) {
            Rectangle2D key;
            Part p = c.part();
            double[] ks = Marks.keySize(c.key(), KEY_FONT);
            if (p instanceof Unit u) {
                Node n = node(u.layer(), u.index());
                key = placer.place(besideNode(n.box().getBounds2D(), ks));
            } else {
                key = keyOnEdge(edge(p), ks);
            }
            Color ink = Marks.darker(c.color(), 0.25);
            texts.add(new Text(Kind.KEY, c.key(), key, KEY_FONT, ink, c.color()));
            double[] ts = Marks.size(c.text(), Style.LEGEND);
            double firstLine = Marks.size(c.text().split("\n")[0], Style.LEGEND)[1];
            texts.add(new Text(Kind.PANEL, c.key(), new Rectangle2D.Double(px, py + (firstLine - ks[1]) / 2, ks[0], ks[1]), KEY_FONT, ink,
                    c.color()));
            texts.add(new Text(Kind.PANEL, c.text(), new Rectangle2D.Double(px + ks[0] + 6, py, ts[0], ts[1]), Style.LEGEND, ink, null));
            py += ts[1] + 8;
        }
    }

    /** A key's box on its own edge, nearest the middle where it overlaps nothing and keeps clear of the other highlighted edges. */
    private Rectangle2D keyOnEdge(Edge own, double[] size) {
        List<Line2D> others = new ArrayList<>();
        for (Edge e : edges) {
            if (e.front() && e != own) {
                others.add(new Line2D.Double(e.x1(), e.y1(), e.x2(), e.y2()));
            }
        }
        List<Rectangle2D> onEdge = new ArrayList<>();
        for (double f : KEY_FRACTIONS) {
            onEdge.add(atFraction(own, size, f, 0));
        }
        return placer.place(onEdge, others, KEY_MARGIN);
    }

    // ------------------------------------------------------------------------------ checks

    /** Every highlighted, labelled or called-out part must be drawn. */
    private void checkParts() {
        List<Part> parts = new ArrayList<>(d.highlights.keySet());
        parts.addAll(d.partLabels.keySet());
        for (Part p : parts) {
            int l = layerOf(p);
            if (p instanceof Bias && !d.hasBias(l - 1)) {
                throw new IllegalArgumentException(p + " needs bias nodes: call biases(...) or biasNodes()");
            }
            boolean drawn = p instanceof Weight w ? shown(l, w.to()) && shown(l - 1, w.from())
                    : p instanceof Bias b ? shown(l, b.to()) : shown(l, ((Unit) p).index());
            if (!drawn) {
                throw new IllegalArgumentException(p + " is not drawn: layers of more than " + d.maxNodes
                        + " units show units 0 … " + (d.maxNodes - 3) + " and the last one; maxNodes(n) draws more");
            }
        }
    }

    private boolean shown(int l, int i) {
        for (int s : d.slots(l)) {
            if (s == i) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------ painting

    BufferedImage paint() {
        BufferedImage out = Raster.canvas(width, height);
        Graphics2D g = Raster.graphics(out);
        if (hasLegend()) {
            legend(g);
        }
        for (Edge e : edges) {
            g.setColor(e.color());
            g.setStroke(new BasicStroke(e.width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new Line2D.Double(e.x1(), e.y1(), e.x2(), e.y2()));
        }
        for (Arrow a : arrows) {
            g.setColor(a.color());
            g.setStroke(new BasicStroke(3f));
            Marks.arrow(g, a.x(), a.y1(), a.x(), a.y2(), 8);
        }
        for (Node n : nodes) {
            paintNode(g, n);
        }
        for (Text t : texts) {
            switch (t.kind()) {
                case EDGE_LABEL, UNIT_LABEL -> Marks.boxedText(g, t.text(), t.font(), t.box(), t.color(), null);
                case NAME, BELOW -> Marks.haloText(g, t.text(), t.font(), t.box(), t.color());
                case KEY, PANEL -> {
                    if (t.border() != null) {
                        Marks.keyText(g, t.text(), t.font(), t.box(), t.color(), t.border());
                    } else {
                        Marks.plainText(g, t.text(), t.font(), t.box(), t.color());
                    }
                }
                default -> Marks.plainText(g, t.text(), t.font(), t.box(), t.color());
            }
        }
        g.dispose();
        return out;
    }

    private void paintNode(Graphics2D g, Node n) {
        RectangularShape box = n.box();
        g.setColor(n.fill());
        g.fill(box);
        g.setColor(n.ring());
        g.setStroke(n.bias() ? new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {3f, 2f}, 0f)
                : new BasicStroke(n.ringWidth()));
        g.draw(box);
        Rectangle2D b = box.getBounds2D();
        if (n.left() != null) {
            g.setStroke(new BasicStroke(1.2f));
            g.draw(new Line2D.Double(b.getCenterX(), b.getMinY(), b.getCenterX(), b.getMaxY()));
            Rectangle2D leftHalf = new Rectangle2D.Double(b.getX(), b.getY(), b.getWidth() / 2, b.getHeight());
            Rectangle2D rightHalf = new Rectangle2D.Double(b.getCenterX(), b.getY(), b.getWidth() / 2, b.getHeight());
            centredIn(g, n.left(), NODE_FONT, leftHalf, n.ink());
            centredIn(g, n.right(), NODE_FONT, rightHalf, n.ink());
        } else if (n.inside() != null) {
            centredIn(g, n.inside(), n.font(), b, n.ink());
        }
    }

    /** Text centred (both ways) in a box, the half-width allowing for the box's round ends. */
    private static void centredIn(Graphics2D g, String text, Font font, Rectangle2D area, Color color) {
        Rectangle2D t = Marks.box(text, font, area.getCenterX(), area.getCenterY());
        Marks.plainText(g, text, font, t, color);
    }

    /** The sign legend, when edges are coloured by sign and not all dimmed. */
    private boolean hasLegend() {
        return (d.weights != null || d.biases != null) && !d.dim;
    }

    private void legend(Graphics2D g) {
        g.setFont(Style.SMALL);
        int ly = 50;
        int lx = 12;
        String s = d.edgeSymbol;
        g.setStroke(new BasicStroke(3f));
        g.setColor(Style.VERMILLION);
        g.drawLine(lx, ly - 4, lx + 22, ly - 4);
        g.setColor(Style.TEXT);
        g.drawString(s + " > 0", lx + 28, ly);
        int next = lx + 40 + g.getFontMetrics().stringWidth(s + " > 0");
        g.setColor(Style.BLUE);
        g.drawLine(next, ly - 4, next + 22, ly - 4);
        g.setColor(Style.TEXT);
        g.drawString(s + " < 0", next + 28, ly);
        g.drawString("line width ∝ |" + s + "|", next + 40 + g.getFontMetrics().stringWidth(s + " < 0"), ly);
    }
}
