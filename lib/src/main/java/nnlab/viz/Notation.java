package nnlab.viz;

import java.util.Arrays;

/**
 * How a diagram names layers, units, weights, biases and errors: the notation of the text beside it.
 * Every name is computed from the library's own indices (layer l = 0 … L with 0 the input, layer l maps
 * a(l−1) to a(l); units and weight entries W(l)[j, k] 0-based), so a diagram always shows the same unit
 * under the name its text uses.
 *
 * <table>
 *   <caption>The notations and what they call unit 0 of the first hidden layer and the weight into it from input 1</caption>
 *   <tr><th>notation</th><th>text</th><th>layers</th><th>unit</th><th>weight</th><th>bias node</th><th>z | a</th></tr>
 *   <tr><td>{@link #library()}</td><td>this library</td><td>a(0) … a(L)</td><td>a(1)₀</td><td>w(1)₀₁</td><td>+1</td><td>z | a</td></tr>
 *   <tr><td>{@link #courseNotes()}</td><td>the course notes (seed 000)</td><td>a⁽¹⁾ … a⁽ᴸ⁾, input a⁽¹⁾</td><td>a₁⁽²⁾</td><td>Θ⁽¹⁾₁₂</td><td>+1 (a₀)</td><td>z | a</td></tr>
 *   <tr><td>{@link #nielsen()}</td><td>Nielsen's chapter 2 (seed 002)</td><td>a¹ … aᴸ, input a¹</td><td>a²₁</td><td>w²₁₂</td><td>+1</td><td>z | a</td></tr>
 *   <tr><td>{@link #fromOutput()}</td><td>"what backprop is really doing" (seed 000)</td><td>… a⁽ᴸ⁻¹⁾, a⁽ᴸ⁾</td><td>a₀⁽ᴸ⁻¹⁾</td><td>w₀₁⁽ᴸ⁻¹⁾</td><td>+1</td><td>z | a</td></tr>
 *   <tr><td>{@link #workedExample()}</td><td>the worked example (seed 003)</td><td>i, h, o</td><td>h1</td><td>w2</td><td>b1, b2</td><td>net | out</td></tr>
 *   <tr><td>{@link #numberedLayers(int)}</td><td>the matrix-shapes article (seed 004)</td><td>L95 … L100</td><td>(none)</td><td>(none)</td><td>+1</td><td>Z | O</td></tr>
 * </table>
 *
 * <p>Pass one to {@link NetworkDiagram#notation(Notation)}; {@link ComputationGraph} users can call the
 * naming methods directly ({@code Notation.fromOutput().unit(2, 0, 2)} is "a₀⁽ᴸ⁾").
 */
public final class Notation {

    private enum Kind { LIBRARY, COURSE, NIELSEN, FROM_OUTPUT, WORKED, NUMBERED }

    private final Kind kind;
    private final int first;

    private Notation(Kind kind, int first) {
        this.kind = kind;
        this.first = first;
    }

    /** The library's own: a(0) is the input, a(L) the output; units and weights 0-based; "+1" bias nodes. */
    public static Notation library() {
        return new Notation(Kind.LIBRARY, 0);
    }

    /**
     * The course notes (Andrew Ng's): layers 1-based, a⁽¹⁾ the input, units aⱼ⁽ˡ⁾ from 1, the bias unit
     * a₀⁽ˡ⁾ = +1, weights Θ⁽ˡ⁾ⱼₖ from unit k of layer l to unit j of layer l+1 (k = 0 the bias).
     */
    public static Notation courseNotes() {
        return new Notation(Kind.COURSE, 1);
    }

    /** Nielsen's: layers 1-based with the input layer 1, aˡⱼ, zˡⱼ, δˡⱼ, wˡⱼₖ and bˡⱼ with j, k from 1. */
    public static Notation nielsen() {
        return new Notation(Kind.NIELSEN, 1);
    }

    /** Counted back from the output as in "what backprop is really doing": a⁽ᴸ⁾, a⁽ᴸ⁻¹⁾, …, units from 0. */
    public static Notation fromOutput() {
        return new Notation(Kind.FROM_OUTPUT, 0);
    }

    /**
     * The worked example's: inputs i1, i2, …, hidden units h1, h2, …, outputs o1, o2, …; bias nodes b1
     * (into the hidden layer) and b2 (into the output); weights w1, w2, … numbered row by row of W(1)
     * then W(2) (w1 = i1→h1, w2 = i2→h1, w3 = i1→h2, …); z | a are net | out. Only for networks with one
     * hidden layer, as in the text.
     */
    public static Notation workedExample() {
        return new Notation(Kind.WORKED, 1);
    }

    /**
     * Layers named L{first}, L{first+1}, … (the matrix-shapes article calls its layers L95 … L100), units
     * unnamed, z | a written Z | O.
     */
    public static Notation numberedLayers(int first) {
        if (first < 0) {
            throw new IllegalArgumentException("the first layer number must be 0 or more, got " + first);
        }
        return new Notation(Kind.NUMBERED, first);
    }

    /** Refuses layer counts the notation cannot name (the worked example names exactly three layers). */
    void check(int[] sizes) {
        if (kind == Kind.WORKED && sizes.length != 3) {
            throw new IllegalArgumentException(String.format(
                    "the worked example's notation (i, h, o) names networks with one hidden layer; this one has sizes %s. "
                            + "Use Notation.library(), courseNotes() or numberedLayers(first)", Arrays.toString(sizes)));
        }
    }

    /** Symbol of layer l of a network whose output layer is L: "a(1)", "a⁽²⁾", "a²", "a⁽ᴸ⁻¹⁾", "h", "L96". */
    public String layer(int l, int L) {
        return switch (kind) {
            case LIBRARY -> "a(" + l + ")";
            case COURSE -> "a" + sup("(" + (l + 1) + ")");
            case NIELSEN -> "a" + sup(Integer.toString(l + 1));
            case FROM_OUTPUT -> "a" + fromOutput(l, L);
            case WORKED -> l == 0 ? "i" : l == L ? "o" : "h";
            case NUMBERED -> "L" + (first + l);
        };
    }

    /** Name of unit i (0-based) of layer l, or null where the notation names no units (numbered layers). */
    public String unit(int l, int i, int L) {
        return switch (kind) {
            case LIBRARY -> "a(" + l + ")" + sub(i);
            case COURSE -> "a" + sub(i + 1) + sup("(" + (l + 1) + ")");
            case NIELSEN -> "a" + sup(Integer.toString(l + 1)) + sub(i + 1);
            case FROM_OUTPUT -> "a" + sub(i) + fromOutput(l, L);
            case WORKED -> layer(l, L) + (i + 1);
            case NUMBERED -> null;
        };
    }

    /**
     * Name of unit i of layer l in a network of these sizes: as {@link #unit(int, int, int)}, except that
     * {@link #fromOutput()} leaves the subscript off a layer of one unit, as the notes do (a⁽ᴸ⁻¹⁾).
     */
    public String unit(int l, int i, int[] sizes) {
        return kind == Kind.FROM_OUTPUT && sizes[l] == 1 ? "a" + fromOutput(l, sizes.length - 1) : unit(l, i, sizes.length - 1);
    }

    /** The error δ of unit i of layer l (l ≥ 1): "δ(1)₀", "δ₁⁽²⁾", "δ²₁", "δ₀⁽ᴸ⁾", "δₕ₁"; null for numbered layers. */
    public String delta(int l, int i, int L) {
        return switch (kind) {
            case LIBRARY -> "δ(" + l + ")" + sub(i);
            case COURSE -> "δ" + sub(i + 1) + sup("(" + (l + 1) + ")");
            case NIELSEN -> "δ" + sup(Integer.toString(l + 1)) + sub(i + 1);
            case FROM_OUTPUT -> "δ" + sub(i) + fromOutput(l, L);
            case WORKED -> "δ" + map(unit(l, i, L), SUB_FROM, SUB_TO);
            case NUMBERED -> null;
        };
    }

    /** Text of the bias node that feeds layer l + 1: "+1", or b1, b2 in the worked example. */
    public String biasUnit(int l) {
        return kind == Kind.WORKED ? "b" + (l + 1) : "+1";
    }

    /**
     * Name of the weight W(l)[j, k] from unit k of layer l−1 to unit j of layer l (l ≥ 1), or null where the
     * notation names none; {@link #fromOutput()} writes w⁽ᴸ⁾ between two layers of one unit.
     */
    public String weight(int l, int j, int k, int[] sizes) {
        return switch (kind) {
            case LIBRARY -> "w(" + l + ")" + sub(j, k);
            case COURSE -> "Θ" + sup("(" + l + ")") + sub(j + 1, k + 1);
            case NIELSEN -> "w" + sup(Integer.toString(l + 1)) + sub(j + 1, k + 1);
            case FROM_OUTPUT -> "w" + (sizes[l] == 1 && sizes[l - 1] == 1 ? "" : sub(j, k)) + fromOutput(l, sizes.length - 1);
            case WORKED -> "w" + (weightsBefore(l, sizes) + j * sizes[l - 1] + k + 1);
            case NUMBERED -> null;
        };
    }

    /**
     * Name of the bias b(l)[j] into unit j of layer l (l ≥ 1), or null where the notation names none;
     * {@link #fromOutput()} writes b⁽ᴸ⁾ for a layer of one unit.
     */
    public String bias(int l, int j, int[] sizes) {
        return switch (kind) {
            case LIBRARY -> "b(" + l + ")" + sub(j);
            case COURSE -> "Θ" + sup("(" + l + ")") + sub(j + 1, 0);
            case NIELSEN -> "b" + sup(Integer.toString(l + 1)) + sub(j + 1);
            case FROM_OUTPUT -> "b" + (sizes[l] == 1 ? "" : sub(j)) + fromOutput(l, sizes.length - 1);
            case WORKED -> "b" + l;
            case NUMBERED -> null;
        };
    }

    /** Name of the weights into layer l as a whole, the heading between two columns; null for none. */
    public String weights(int l, int L) {
        return switch (kind) {
            case LIBRARY -> "layer " + l + ": W(" + l + ")";
            case COURSE -> "Θ" + sup("(" + l + ")");
            case NIELSEN -> "w" + sup(Integer.toString(l + 1));
            case FROM_OUTPUT -> "w" + fromOutput(l, L);
            case WORKED, NUMBERED -> null;
        };
    }

    /** Symbol of the weighted input in split nodes: z, net (worked example) or Z (numbered layers). */
    public String zSymbol() {
        return kind == Kind.WORKED ? "net" : kind == Kind.NUMBERED ? "Z" : "z";
    }

    /** Symbol of the activation in split nodes: a, out (worked example) or O (numbered layers). */
    public String aSymbol() {
        return kind == Kind.WORKED ? "out" : kind == Kind.NUMBERED ? "O" : "a";
    }

    /** The layer's symbol in a caption; null where it would only repeat the role (worked example, numbered layers). */
    String captionSymbol(int l, int L) {
        return kind == Kind.WORKED || kind == Kind.NUMBERED ? null : layer(l, L);
    }

    /** What the layer is: "input", "hidden l", "output", or its number in {@link #numberedLayers(int)}. */
    String role(int l, int L) {
        if (kind == Kind.NUMBERED) {
            return layer(l, L);
        }
        if (kind == Kind.FROM_OUTPUT) {
            return l == L ? "layer L (output)" : "layer L−" + (L - l);
        }
        return l == 0 ? "input" : l == L ? "output" : kind == Kind.LIBRARY ? "hidden " + l : "hidden";
    }

    @Override
    public String toString() {
        return kind == Kind.NUMBERED ? "numberedLayers(" + first + ")" : kind.name().toLowerCase();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Notation n && n.kind == kind && n.first == first;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + first;
    }

    // ------------------------------------------------------------------------------------ glyphs

    private static final String SUP_FROM = "0123456789+-()Ll";
    private static final String SUP_TO = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾ᴸˡ";
    private static final String SUB_FROM = "0123456789+-hoijk";
    private static final String SUB_TO = "₀₁₂₃₄₅₆₇₈₉₊₋ₕₒᵢⱼₖ";

    /** "⁽ᴸ⁾", "⁽ᴸ⁻¹⁾", …: layer l's distance from the output L. */
    private static String fromOutput(int l, int L) {
        return sup(l == L ? "(L)" : "(L-" + (L - l) + ")");
    }

    /** Text in superscript glyphs (digits, + − ( ) L l). */
    static String sup(String s) {
        return map(s, SUP_FROM, SUP_TO);
    }

    /** Indices as subscripts; two indices of which one has several digits are separated by a comma. */
    static String sub(int... indices) {
        boolean wide = indices.length > 1 && Arrays.stream(indices).anyMatch(i -> i > 9);
        StringBuilder b = new StringBuilder();
        for (int n = 0; n < indices.length; n++) {
            if (n > 0 && wide) {
                b.append(',');
            }
            b.append(map(Integer.toString(indices[n]), SUB_FROM, SUB_TO));
        }
        return b.toString();
    }

    private static String map(String s, String from, String to) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            int at = from.indexOf(c);
            b.append(at < 0 ? c : to.charAt(at));
        }
        return b.toString();
    }

    /** The number of weights in the layers before l (the worked example numbers them on). */
    private static int weightsBefore(int l, int[] sizes) {
        int n = 0;
        for (int m = 1; m < l; m++) {
            n += sizes[m] * sizes[m - 1];
        }
        return n;
    }
}
