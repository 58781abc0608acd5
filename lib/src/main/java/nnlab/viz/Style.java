package nnlab.viz;

import java.awt.Color;
import java.awt.Font;

/**
 * Colours and fonts shared by every chart, so all pictures of the project look alike. The colours are
 * public for highlighting parts of a diagram ({@code NetworkDiagram.highlight(Style.VERMILLION, ...)}); they
 * are the Okabe–Ito palette, told apart with the common colour-vision deficiencies.
 */
public final class Style {
    private Style() {}

    /** Okabe–Ito palette: distinguishable with the common colour-vision deficiencies; yellow last (weak on white). */
    static final Color[] SERIES = {
            new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xD55E00),
            new Color(0xCC79A7), new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442)};

    /** Diverging scale ends and centre (ColorBrewer RdBu end points): negative blue, zero white, positive red. */
    static final Color NEGATIVE = new Color(0x2166AC);
    static final Color ZERO = new Color(0xF7F7F7);
    static final Color POSITIVE = new Color(0xB2182B);

    static final Color TEXT = new Color(0x222222);
    static final Color GRID = new Color(0xDDDDDD);
    static final Color BACKGROUND = Color.WHITE;

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font AXIS_TITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    /** Okabe–Ito blue, the first series colour; diagrams use it for negative weights and forward values. */
    public static final Color BLUE = SERIES[0];
    /** Okabe–Ito orange. */
    public static final Color ORANGE = SERIES[1];
    /** Okabe–Ito bluish green. */
    public static final Color GREEN = SERIES[2];
    /** Okabe–Ito vermillion; diagrams use it for positive weights and for backward values (δ, ∂C/∂a). */
    public static final Color VERMILLION = SERIES[3];
    /** Okabe–Ito reddish purple. */
    public static final Color PURPLE = SERIES[4];
    /** Okabe–Ito sky blue. */
    public static final Color SKY_BLUE = SERIES[5];
    /** Black. */
    public static final Color BLACK = SERIES[6];
    /** Light grey: the parts of a diagram that are not highlighted. */
    public static final Color DIM = new Color(0xD4D4D4);

    /** The k-th series colour (k ≥ 0, repeating after eight): the order every chart gives its series. */
    public static Color series(int k) {
        return SERIES[k % SERIES.length];
    }

    /** The diverging colour of v on a scale running from -limit (blue) through 0 (white) to +limit (red). */
    static Color diverging(double v, double limit) {
        double t = limit > 0 ? Math.max(-1, Math.min(1, v / limit)) : 0;
        Color end = t < 0 ? NEGATIVE : POSITIVE;
        double a = Math.abs(t);
        return new Color(
                mix(ZERO.getRed(), end.getRed(), a),
                mix(ZERO.getGreen(), end.getGreen(), a),
                mix(ZERO.getBlue(), end.getBlue(), a));
    }

    private static int mix(int from, int to, double a) {
        return (int) Math.round(from + (to - from) * a);
    }
}
