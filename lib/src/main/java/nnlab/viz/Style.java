package nnlab.viz;

import java.awt.Color;
import java.awt.Font;
import java.util.Collection;

import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * Colours and fonts shared by every chart, so all pictures of the project look alike. The colours are
 * public for highlighting parts of a diagram ({@code NetworkDiagram.highlight(Style.VERMILLION, ...)}); they
 * are the Okabe–Ito palette, told apart with the common colour-vision deficiencies.
 */
public final class Style {
    private Style() {}

    /**
     * Okabe–Ito palette: distinguishable with the common colour-vision deficiencies. Its yellow (contrast
     * 1.3:1 on white, a line one barely sees) is replaced by an olive of contrast 3.6:1, the eighth colour.
     */
    static final Color[] SERIES = {
            new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xD55E00),
            new Color(0xCC79A7), new Color(0x56B4E9), new Color(0x000000), new Color(0x8C8C1F)};

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
    /** Olive, the eighth series colour (in place of Okabe–Ito's yellow, too faint on white). */
    public static final Color OLIVE = SERIES[7];
    /** Light grey: the parts of a diagram that are not highlighted. */
    public static final Color DIM = new Color(0xD4D4D4);

    /** The k-th series colour (k ≥ 0, repeating after eight): the order every chart gives its series. */
    public static Color series(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("series colour index must be 0 or more, got " + k);
        }
        return SERIES[k % SERIES.length];
    }

    /** A whole number without ".0" (an epoch), other numbers as Java prints them. */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** The WCAG contrast ratio of a colour against white (1 … 21; lines want 3 or more). */
    static double contrastOnWhite(Color c) {
        double l = 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
        return 1.05 / (l + 0.05);
    }

    private static double linear(int channel) {
        double v = channel / 255.0;
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    // ------------------------------------------------------------------------------ tick labels

    /** Plain decimals below this magnitude … */
    static final double PLAIN_MAX = 1e6;
    /** … and from this one up; an axis reaching outside the range is labelled in scientific notation. */
    static final double PLAIN_MIN = 1e-3;

    /** Plain decimals: a leading zero, up to six decimals, no trailing zeros ("0.05", "0.001", "250"). */
    static final String PLAIN = "0.######";
    /** Scientific: up to three significant digits and a two-digit exponent ("1E-04", "2.5E-05"). */
    static final String SCIENTIFIC = "0.##E00";

    /**
     * The one rule for tick labels, as a decimal pattern for one axis: every label plain ({@link #PLAIN})
     * or, when the axis reaches 10⁶ or more or labels below 0.001, every label scientific
     * ({@link #SCIENTIFIC}). An axis never mixes the two. {@code lo} and {@code hi} are the smallest and
     * largest values on the axis; a log axis is labelled from the power of ten at or below {@code lo}.
     */
    static String tickPattern(double lo, double hi, boolean log) {
        double top = Math.max(Math.abs(lo), Math.abs(hi));
        double bottom = log ? Math.pow(10, Math.floor(Math.log10(Math.min(lo, hi)) + 1e-9)) : top;
        boolean scientific = top >= PLAIN_MAX || (top > 0 && top < PLAIN_MIN) || (log && bottom < PLAIN_MIN * 0.999);
        return scientific ? SCIENTIFIC : PLAIN;
    }

    /**
     * Whether a log axis over data in [lo, hi] labels only the powers of ten: yes when two or more lie in
     * the range; with one or none (0.03 … 0.6 holds only 0.1) the 2, 3, … of each decade are labelled too,
     * so the axis never shows a single label, and with two or more those labels would pile up.
     */
    static boolean decadesOnly(double lo, double hi) {
        return Math.floor(Math.log10(hi) + 1e-12) - Math.ceil(Math.log10(lo) - 1e-12) + 1 >= 2;
    }

    /** Installs the tick rule on a chart's axes, given the data's range on each (null for a category axis). */
    static void tickLabels(AxesChartStyler s, double[] xRange, double[] yRange) {
        if (xRange != null) {
            s.setXAxisDecimalPattern(tickPattern(xRange[0], xRange[1], s.isXAxisLogarithmic()));
        }
        if (yRange != null) {
            double lo = s.getYAxisMin() != null ? s.getYAxisMin() : yRange[0];
            double hi = s.getYAxisMax() != null ? s.getYAxisMax() : yRange[1];
            s.setYAxisDecimalPattern(tickPattern(lo, hi, s.isYAxisLogarithmic()));
        }
    }

    /**
     * The legend below the plot in one row when the names fit the width, else at the right in a column, so
     * no entry is cut off (eight layers' names do not fit in a row of 720 pixels).
     */
    static void legendPlacement(AxesChartStyler s, Collection<String> names, int width) {
        double row = 0;
        for (String n : names) {
            row += Marks.size(n, LEGEND)[0] + 46;
        }
        if (row > width - 2 * 12) {
            s.setLegendPosition(Styler.LegendPosition.OutsideE);
            s.setLegendLayout(Styler.LegendLayout.Vertical);
        }
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
