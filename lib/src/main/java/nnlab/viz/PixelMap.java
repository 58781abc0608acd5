package nnlab.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * One value in [0, 1] per pixel of an image (e.g. per input of a 16 × 16 digit: the fraction of runs in
 * which that input lost all its first-layer weights), drawn as a square cell on a sequential scale from
 * white (0) to blue (1), with a colour bar; chosen pixels can be marked with an orange frame (e.g. the
 * pixels that are blank in every training image), explained in a legend line under the map.
 */
final class PixelMap {
    private static final int TITLE_BAND = 40;
    private static final int BOTTOM = 64;
    private static final int BAR_BAND = 120;
    private static final Color MARK = Style.series(1);

    private PixelMap() {}

    static BufferedImage chart(Frame frame, double[] values, int width, int height, boolean[] marked, String markLabel) {
        if (values == null || width < 1 || height < 1 || (long) width * height != values.length) {
            throw new IllegalArgumentException(String.format("%s: cannot lay %d values out as %d × %d pixels; width × height must equal the number of values",
                    frame.title(), values == null ? 0 : values.length, width, height));
        }
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0 && values[i] <= 1)) {
                throw new IllegalArgumentException(String.format("%s: pixel %d (row %d, column %d) is %s; a pixel map shows values in [0, 1]",
                        frame.title(), i, i / width, i % width, values[i]));
            }
        }
        if (marked != null && marked.length != values.length) {
            throw new IllegalArgumentException(String.format("%s: %d marks for %d pixels; give one mark per pixel or null for none",
                    frame.title(), marked.length, values.length));
        }
        if (marked != null && (markLabel == null || markLabel.isBlank())) {
            throw new IllegalArgumentException(frame.title() + ": say in the legend what the marked pixels are");
        }
        int w = frame.width();
        int h = frame.height();
        int cell = Math.min((w - BAR_BAND - 40) / width, (h - TITLE_BAND - BOTTOM) / height);
        if (cell < 4) {
            throw new IllegalArgumentException(String.format("%s: %d × %d pixels do not fit a %d × %d picture at 4 screen pixels each; make the frame larger",
                    frame.title(), width, height, w, h));
        }
        int mapW = cell * width;
        int mapH = cell * height;
        int x0 = (w - BAR_BAND - mapW) / 2 + 10;
        int y0 = TITLE_BAND;
        BufferedImage out = Raster.canvas(w, h);
        Graphics2D g = Raster.graphics(out);
        Raster.title(g, frame.title(), w, 26);
        for (int i = 0; i < values.length; i++) {
            g.setColor(colour(values[i]));
            g.fillRect(x0 + (i % width) * cell, y0 + (i / width) * cell, cell, cell);
        }
        g.setColor(Style.GRID);
        g.drawRect(x0 - 1, y0 - 1, mapW + 1, mapH + 1);
        if (marked != null) {
            g.setColor(MARK);
            g.setStroke(new BasicStroke(2f));
            for (int i = 0; i < values.length; i++) {
                if (marked[i]) {
                    g.drawRect(x0 + (i % width) * cell + 2, y0 + (i / width) * cell + 2, cell - 5, cell - 5);
                }
            }
            g.setStroke(new BasicStroke(1f));
        }
        colourBar(g, frame.yLabel(), x0 + mapW + 28, y0, mapH);
        g.setFont(Style.AXIS_TITLE);
        g.setColor(Style.TEXT);
        Raster.centredInside(g, frame.xLabel(), x0 + mapW / 2.0, y0 + mapH + 24, w);
        if (marked != null) {
            g.setFont(Style.LEGEND);
            int textW = g.getFontMetrics().stringWidth(markLabel);
            int lx = Math.max(8, (int) (x0 + mapW / 2.0 - (textW + 22) / 2.0));
            int ly = y0 + mapH + 46;
            g.setColor(MARK);
            g.setStroke(new BasicStroke(2f));
            g.drawRect(lx, ly - 11, 12, 12);
            g.setStroke(new BasicStroke(1f));
            g.setColor(Style.TEXT);
            g.drawString(markLabel, lx + 20, ly);
        }
        g.dispose();
        return out;
    }

    /** White at 0 to the scale's blue at 1, linearly in each channel. */
    static Color colour(double v) {
        Color a = Style.ZERO;
        Color b = Style.NEGATIVE;
        return new Color(mix(a.getRed(), b.getRed(), v), mix(a.getGreen(), b.getGreen(), v), mix(a.getBlue(), b.getBlue(), v));
    }

    private static int mix(int from, int to, double t) {
        return (int) Math.round(from + (to - from) * t);
    }

    /** A vertical bar from 1 (top) to 0 (bottom) with ticks at 0, 0.5 and 1 and the scale's label beside it. */
    private static void colourBar(Graphics2D g, String label, int x, int top, int height) {
        int barW = 16;
        for (int y = 0; y < height; y++) {
            g.setColor(colour(1 - (double) y / (height - 1)));
            g.drawLine(x, top + y, x + barW, top + y);
        }
        g.setColor(Style.TEXT);
        g.drawRect(x, top, barW, height - 1);
        g.setFont(Style.TICKS);
        for (double f : new double[] {0, 0.5, 1}) {
            int y = top + (int) Math.round((1 - f) * (height - 1));
            g.drawLine(x + barW, y, x + barW + 4, y);
            g.drawString(Numbers.sig(f, 2), x + barW + 7, y + 4);
        }
        if (!label.isBlank()) {
            g.setFont(Style.AXIS_TITLE);
            Raster.vertical(g, label, x + barW + 52, top + height / 2.0);
        }
    }
}
