package nnlab.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.DoubleToIntFunction;
import java.util.function.IntFunction;

import org.ejml.data.DMatrixRMaj;

/** Charts drawn directly with Java2D: image grids and heat maps, plus the text helpers they share. */
final class Raster {
    private Raster() {}

    /** Screen pixels an image of the grid aims for on its longer side. */
    private static final int DIGIT_TARGET = 84;
    private static final int TITLE_BAND = 36;
    private static final int MARGIN = 12;

    static BufferedImage canvas(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Style.BACKGROUND);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return img;
    }

    static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Style.TEXT);
        return g;
    }

    /** The chart title centred at baseline y. */
    static void title(Graphics2D g, String title, int width, int y) {
        g.setFont(Style.TITLE);
        g.setColor(Style.TEXT);
        centred(g, title, width / 2.0, y);
    }

    /** Text centred horizontally on x at baseline y, in the current font and colour. */
    static void centred(Graphics2D g, String text, double x, double y) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, (float) (x - fm.stringWidth(text) / 2.0), (float) y);
    }

    /** Like {@link #centred} but shifted as little as needed to stay inside [4, width - 4]. */
    static void centredInside(Graphics2D g, String text, double x, double y, int width) {
        double half = g.getFontMetrics().stringWidth(text) / 2.0;
        centred(g, text, Math.max(4 + half, Math.min(width - 4 - half, x)), y);
    }

    /** Text rotated a quarter turn anticlockwise, centred on (x, y): a y axis label. */
    static void vertical(Graphics2D g, String text, double x, double y) {
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        g.rotate(-Math.PI / 2);
        centred(g, text, 0, 0);
        g.setTransform(saved);
    }

    // ------------------------------------------------------------------------------ image grid

    static BufferedImage digits(String title, DMatrixRMaj images, int width, int height, int perRow, List<String> captions) {
        String name = title == null ? "digits" : title;
        checkGrid(name, images, width, height, perRow, captions);
        for (int k = 0; k < images.getNumElements(); k++) {
            double v = images.data[k];
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException(String.format(
                        "%s: image %d, pixel %d is %s; grey images need values in [0, 1] (0 paper, 1 ink). "
                                + "For signed values such as weights use Charts.weightImages or Charts.heatmap",
                        name, k / images.numCols, k % images.numCols, v));
            }
        }
        return grid(name, images, width, height, perRow, captions, v -> {
            int grey = (int) Math.round(255 * (1 - v));
            return (grey << 16) | (grey << 8) | grey;
        }, 0);
    }

    /** Rows of signed values as images on the diverging scale, one limit (max |value|) shared by all. */
    static BufferedImage signedImages(String title, DMatrixRMaj images, int width, int height, int perRow, List<String> captions) {
        String name = title == null ? "images" : title;
        checkGrid(name, images, width, height, perRow, captions);
        double shared = maxAbs(images, name,
                k -> String.format("image %d, pixel %d", k / images.numCols, k % images.numCols));
        return grid(name, images, width, height, perRow, captions, v -> Style.diverging(v, shared).getRGB(), shared);
    }

    /** The largest |value|, the end of a diverging scale; refuses NaN and ±∞ naming where they sit. */
    private static double maxAbs(DMatrixRMaj m, String name, IntFunction<String> where) {
        double limit = 0;
        for (int k = 0; k < m.getNumElements(); k++) {
            double v = m.data[k];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(String.format(
                        "%s: %s is %s; colour scales need finite values", name, where.apply(k), v));
            }
            limit = Math.max(limit, Math.abs(v));
        }
        return limit;
    }

    private static void checkGrid(String name, DMatrixRMaj images, int width, int height, int perRow, List<String> captions) {
        if (images == null || images.numRows == 0) {
            throw new IllegalArgumentException(name + ": no images given");
        }
        if (width < 1 || height < 1 || (long) width * height != images.numCols) {
            throw new IllegalArgumentException(String.format(
                    "%s: each row has %d values but the image size is %d × %d = %d; pass the size the rows were made with",
                    name, images.numCols, width, height, (long) width * height));
        }
        if (perRow < 1) {
            throw new IllegalArgumentException(name + ": images per row must be at least 1, got " + perRow);
        }
        if (captions != null && captions.size() != images.numRows) {
            throw new IllegalArgumentException(String.format(
                    "%s: %d captions for %d images; give one caption per image or null for none",
                    name, captions.size(), images.numRows));
        }
    }

    /**
     * Lays out one small picture per row, each pixel a square block of about {@value #DIGIT_TARGET} screen
     * pixels per image side; a colour legend on the right when {@code legendLimit > 0}.
     */
    private static BufferedImage grid(String name, DMatrixRMaj images, int width, int height, int perRow,
                                      List<String> captions, DoubleToIntFunction rgb, double legendLimit) {
        int n = images.numRows;
        int scale = Math.max(1, DIGIT_TARGET / Math.max(width, height));
        int cellW = width * scale;
        int cellH = height * scale;
        int captionH = captions == null ? 0 : 18;
        int gap = 10;
        int cols = Math.min(perRow, n);
        int rows = (n + perRow - 1) / perRow;
        int gridW = cols * cellW + (cols - 1) * gap;
        int legendW = legendLimit > 0 ? 90 : 0;
        BufferedImage probe = canvas(1, 1);
        Graphics2D pg = probe.createGraphics();
        pg.setFont(Style.TITLE);
        int titleW = pg.getFontMetrics().stringWidth(name);
        pg.dispose();
        int imgW = Math.max(gridW + legendW, titleW) + 2 * MARGIN;
        int gridH = rows * (cellH + captionH + gap) - gap;
        int imgH = TITLE_BAND + gridH + 2 * MARGIN;
        if (imgW > Frame.MAX_SIDE || imgH > Frame.MAX_SIDE) {
            throw new IllegalArgumentException(String.format(
                    "%s: %d images, %d per row, would make a %d × %d picture; show fewer images or more per row",
                    name, n, perRow, imgW, imgH));
        }
        BufferedImage out = canvas(imgW, imgH);
        Graphics2D g = graphics(out);
        title(g, name, imgW, 24);
        int left = (imgW - gridW - legendW) / 2;
        BufferedImage one = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g.setFont(Style.SMALL);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < width * height; p++) {
                one.setRGB(p % width, p / width, rgb.applyAsInt(images.data[i * images.numCols + p]));
            }
            int x = left + (i % perRow) * (cellW + gap);
            int y = TITLE_BAND + (i / perRow) * (cellH + captionH + gap);
            // frame first: its anti-aliased edge must not grey the image's outer pixels
            g.setColor(Style.GRID);
            g.drawRect(x - 1, y - 1, cellW + 1, cellH + 1);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(one, x, y, cellW, cellH, null);
            if (captions != null) {
                String caption = captions.get(i);
                g.setColor(caption.contains("✗") ? Style.series(3) : Style.TEXT);
                centred(g, caption, x + cellW / 2.0, y + cellH + 14);
            }
        }
        if (legendLimit > 0) {
            colourBar(g, legendLimit, left + gridW + 20, TITLE_BAND, Math.max(cellH, Math.min(gridH, 240)));
        }
        g.dispose();
        return out;
    }

    // -------------------------------------------------------------------------------- heat map

    static BufferedImage heatmap(Frame frame, DMatrixRMaj m, boolean squareCells) {
        if (m == null || m.numRows == 0 || m.numCols == 0) {
            throw new IllegalArgumentException(frame.title() + ": the matrix is empty");
        }
        double limit = maxAbs(m, frame.title(), k -> String.format("entry (%d, %d)", k / m.numCols, k % m.numCols));
        int w = frame.width();
        int h = frame.height();
        int left = 72;
        int top = TITLE_BAND + 8;
        int right = 110;
        int bottom = 52;
        double plotW = w - left - right;
        double plotH = h - top - bottom;
        if (plotW < 20 || plotH < 20) {
            throw new IllegalArgumentException(frame.title() + ": the frame is too small for a heat map; use at least 300 × 200");
        }
        double cellW = plotW / m.numCols;
        double cellH = plotH / m.numRows;
        if (squareCells) {
            cellW = cellH = Math.min(cellW, cellH);
        }
        int pw = (int) Math.round(cellW * m.numCols);
        int ph = (int) Math.round(cellH * m.numRows);
        int x0 = left + (int) ((plotW - pw) / 2);
        int y0 = top + (int) ((plotH - ph) / 2);

        BufferedImage out = canvas(w, h);
        Graphics2D g = graphics(out);
        title(g, frame.title(), w, 24);

        BufferedImage cells = new BufferedImage(m.numCols, m.numRows, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < m.numRows; r++) {
            for (int c = 0; c < m.numCols; c++) {
                cells.setRGB(c, r, Style.diverging(m.unsafe_get(r, c), limit).getRGB());
            }
        }
        // enlarge with crisp cells; shrink by averaging so no row or column simply disappears
        Image scaled = pw < m.numCols || ph < m.numRows
                ? cells.getScaledInstance(pw, ph, Image.SCALE_AREA_AVERAGING) : cells;
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(scaled, x0, y0, pw, ph, null);
        if (cellW >= 14 && cellH >= 14) {
            cellGrid(g, m, x0, y0, cellW, cellH, limit);
        }
        g.setColor(Style.TEXT);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x0, y0, pw, ph);

        indexTicks(g, m.numCols, x0, y0 + ph, cellW, true);
        indexTicks(g, m.numRows, x0, y0, cellH, false);
        g.setFont(Style.AXIS_TITLE);
        g.setColor(Style.TEXT);
        centred(g, frame.xLabel(), x0 + pw / 2.0, h - 12);
        vertical(g, frame.yLabel(), x0 - left + 20, y0 + ph / 2.0);
        colourBar(g, limit, x0 + pw + 24, y0, ph);
        g.dispose();
        return out;
    }

    /** White lines between cells and, where there is room, each cell's value. */
    private static void cellGrid(Graphics2D g, DMatrixRMaj m, int x0, int y0, double cellW, double cellH, double limit) {
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(1f));
        for (int c = 1; c < m.numCols; c++) {
            int x = x0 + (int) Math.round(c * cellW);
            g.drawLine(x, y0, x, y0 + (int) Math.round(cellH * m.numRows));
        }
        for (int r = 1; r < m.numRows; r++) {
            int y = y0 + (int) Math.round(r * cellH);
            g.drawLine(x0, y, x0 + (int) Math.round(cellW * m.numCols), y);
        }
        if (cellW < 46 || cellH < 20) {
            return;
        }
        g.setFont(Style.TICKS);
        for (int r = 0; r < m.numRows; r++) {
            for (int c = 0; c < m.numCols; c++) {
                double v = m.unsafe_get(r, c);
                g.setColor(limit > 0 && Math.abs(v) / limit > 0.6 ? Color.WHITE : Style.TEXT);
                centred(g, Numbers.sig(v, 3), x0 + (c + 0.5) * cellW, y0 + (r + 0.5) * cellH + 4);
            }
        }
    }

    /** 0-based index labels at cell centres, spaced so they never collide. */
    private static void indexTicks(Graphics2D g, int count, int x0, int y0, double cell, boolean horizontal) {
        g.setFont(Style.TICKS);
        g.setColor(Style.TEXT);
        int step = niceStep(count, cell, horizontal ? 40 : 22);
        for (int i = 0; i < count; i += step) {
            double centre = (i + 0.5) * cell;
            if (horizontal) {
                g.drawLine((int) (x0 + centre), y0, (int) (x0 + centre), y0 + 4);
                centred(g, Integer.toString(i), x0 + centre, y0 + 18);
            } else {
                g.drawLine(x0 - 4, (int) (y0 + centre), x0, (int) (y0 + centre));
                String text = Integer.toString(i);
                g.drawString(text, x0 - 7 - g.getFontMetrics().stringWidth(text), (int) (y0 + centre) + 4);
            }
        }
    }

    /** The smallest of 1, 2, 5, 10, 20, 50, … whose spacing on screen is at least {@code minPixels}. */
    static int niceStep(int count, double cellPixels, int minPixels) {
        int[] mantissas = {1, 2, 5};
        for (int scale = 1; ; scale *= 10) {
            for (int m : mantissas) {
                int step = m * scale;
                if (step * cellPixels >= minPixels || step >= count) {
                    return step;
                }
            }
        }
    }

    /** Vertical colour legend: +limit at the top, 0 in the middle, -limit at the bottom. */
    private static void colourBar(Graphics2D g, double limit, int x, int top, int height) {
        int barW = 16;
        for (int y = 0; y < height; y++) {
            double v = limit * (1 - 2.0 * y / (height - 1));
            g.setColor(Style.diverging(v, limit));
            g.drawLine(x, top + y, x + barW, top + y);
        }
        g.setColor(Style.TEXT);
        g.drawRect(x, top, barW, height - 1);
        g.setFont(Style.TICKS);
        double[] fractions = limit > 0 ? new double[] {1, 0.5, 0, -0.5, -1} : new double[] {0};
        for (double f : fractions) {
            int y = top + (int) Math.round((1 - f) / 2 * (height - 1));
            g.drawLine(x + barW, y, x + barW + 4, y);
            g.drawString(Numbers.sig(f * limit, 3), x + barW + 7, y + 4);
        }
    }
}
