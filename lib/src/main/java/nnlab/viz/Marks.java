package nnlab.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Text and marks shared by the diagrams: boxed and haloed text of one or more lines, arrows, and a
 * placer that puts labels where they overlap nothing already placed.
 */
final class Marks {
    private Marks() {}

    /** Padding around label text inside its box, in pixels. */
    static final double PAD = 2;
    /** Padding above and below a key's glyphs. */
    private static final double KEY_PAD = 3;

    private static final Graphics2D PROBE = probe();

    private static Graphics2D probe() {
        BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        return Raster.graphics(img);
    }

    /** Font metrics without a picture to draw on (for layout before drawing). */
    static synchronized FontMetrics metrics(Font font) {
        return PROBE.getFontMetrics(font);
    }

    /** Width and height of (possibly multi-line, "\n"-separated) text in a font, padding included. */
    static double[] size(String text, Font font) {
        FontMetrics fm = metrics(font);
        double w = 0;
        String[] lines = text.split("\n", -1);
        for (String line : lines) {
            w = Math.max(w, fm.stringWidth(line));
        }
        return new double[] {w + 2 * PAD, lines.length * fm.getHeight() + 2 * PAD};
    }

    /**
     * Width and height of a key ("3", "BP1"): one line, its box hugging the glyphs (no room for descenders) so
     * that it fits between the edges crossing near it.
     */
    static double[] keySize(String key, Font font) {
        return new double[] {metrics(font).stringWidth(key) + 2 * PAD, glyphs(key, font).getHeight() + 2 * KEY_PAD};
    }

    /** The ink of a key's glyphs, a 0 included so that all numbered keys get one height and baseline. */
    private static synchronized Rectangle2D glyphs(String key, Font font) {
        return font.createGlyphVector(PROBE.getFontRenderContext(), "0" + key).getVisualBounds();
    }

    /** The box of text centred on (cx, cy). */
    static Rectangle2D box(String text, Font font, double cx, double cy) {
        double[] s = size(text, font);
        return new Rectangle2D.Double(cx - s[0] / 2, cy - s[1] / 2, s[0], s[1]);
    }

    /** The box moved sideways as little as needed to lie within [4, width − 4]. */
    static Rectangle2D within(Rectangle2D b, int width) {
        double bx = Math.max(4, Math.min(width - 4 - b.getWidth(), b.getX()));
        return new Rectangle2D.Double(bx, b.getY(), b.getWidth(), b.getHeight());
    }

    /** Lines of text centred in a box, each drawn over a white halo so it stays readable on lines. */
    static void haloText(Graphics2D g, String text, Font font, Rectangle2D box, Color color) {
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        String[] lines = text.split("\n", -1);
        double y = box.getY() + PAD + fm.getAscent();
        g.setStroke(new BasicStroke(3.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (String line : lines) {
            float x = (float) (box.getCenterX() - fm.stringWidth(line) / 2.0);
            var outline = font.createGlyphVector(g.getFontRenderContext(), line).getOutline(x, (float) y);
            g.setColor(Color.WHITE);
            g.draw(outline);
            g.setColor(color);
            g.drawString(line, x, (float) y);
            y += fm.getHeight();
        }
    }

    /** Lines of text centred in a box with a white, outlined rounded background. */
    static void boxedText(Graphics2D g, String text, Font font, Rectangle2D box, Color color, Color border) {
        background(g, box, border);
        plainText(g, text, font, box, color);
    }

    /** A key in a box of {@link #keySize}, its glyphs centred both ways. */
    static void keyText(Graphics2D g, String key, Font font, Rectangle2D box, Color color, Color border) {
        background(g, box, border);
        g.setFont(font);
        g.setColor(color);
        g.drawString(key, (float) (box.getCenterX() - g.getFontMetrics().stringWidth(key) / 2.0),
                (float) (box.getCenterY() - glyphs(key, font).getCenterY()));
    }

    /** A white, rounded background, outlined unless the border is null. */
    private static void background(Graphics2D g, Rectangle2D box, Color border) {
        g.setColor(new Color(255, 255, 255, 225));
        RoundRectangle2D r = new RoundRectangle2D.Double(box.getX(), box.getY(), box.getWidth(), box.getHeight(), 6, 6);
        g.fill(r);
        if (border != null) {
            g.setColor(border);
            g.setStroke(new BasicStroke(1f));
            g.draw(r);
        }
    }

    /** Lines of text centred in a box, no background. */
    static void plainText(Graphics2D g, String text, Font font, Rectangle2D box, Color color) {
        g.setFont(font);
        g.setColor(color);
        FontMetrics fm = g.getFontMetrics();
        double y = box.getY() + PAD + fm.getAscent();
        for (String line : text.split("\n", -1)) {
            g.drawString(line, (float) (box.getCenterX() - fm.stringWidth(line) / 2.0), (float) y);
            y += fm.getHeight();
        }
    }

    /** A line from (x1, y1) to (x2, y2) with a filled arrow head at the end. */
    static void arrow(Graphics2D g, double x1, double y1, double x2, double y2, double head) {
        g.draw(new Line2D.Double(x1, y1, x2, y2));
        double angle = Math.atan2(y2 - y1, x2 - x1);
        Path2D tip = new Path2D.Double();
        tip.moveTo(x2, y2);
        tip.lineTo(x2 - head * Math.cos(angle - 0.4), y2 - head * Math.sin(angle - 0.4));
        tip.lineTo(x2 - head * Math.cos(angle + 0.4), y2 - head * Math.sin(angle + 0.4));
        tip.closePath();
        g.fill(tip);
    }

    /** The colour darkened towards black by a fraction (0 keeps it, 1 is black): text in a line's colour. */
    static Color darker(Color c, double by) {
        return new Color((int) (c.getRed() * (1 - by)), (int) (c.getGreen() * (1 - by)), (int) (c.getBlue() * (1 - by)));
    }

    /** The colour mixed with white (0 keeps it, 1 is white): a light fill of a highlight colour. */
    static Color lighter(Color c, double by) {
        return new Color((int) (c.getRed() + (255 - c.getRed()) * by), (int) (c.getGreen() + (255 - c.getGreen()) * by),
                (int) (c.getBlue() + (255 - c.getBlue()) * by));
    }

    /**
     * Puts rectangles where they overlap nothing placed or blocked before: of the candidate positions
     * offered for a label, the first free one, else the one overlapping least.
     */
    static final class Placer {
        private final Rectangle2D bounds;
        private final List<Rectangle2D> taken = new ArrayList<>();

        Placer(Rectangle2D bounds) {
            this.bounds = bounds;
        }

        /** Marks an area (a node, a caption) as taken. */
        void block(Rectangle2D r) {
            taken.add(r);
        }

        /** Places one of the candidates (in order of preference) and marks it taken. */
        Rectangle2D place(List<Rectangle2D> candidates) {
            return place(candidates, List.of(), 0);
        }

        /**
         * As {@link #place(List)}, but a candidate closer than {@code margin} pixels to one of the lines also
         * costs (one per line): a key on its own edge stays off the crossings with the others.
         */
        Rectangle2D place(List<Rectangle2D> candidates, List<Line2D> clear, double margin) {
            Rectangle2D best = null;
            double bestCost = Double.POSITIVE_INFINITY;
            for (Rectangle2D c : candidates) {
                double cost = overlap(c) + clear.stream().filter(l -> distance(l, c) < margin).count();
                if (cost == 0) {
                    best = c;
                    break;
                }
                if (cost < bestCost) {
                    best = c;
                    bestCost = cost;
                }
            }
            taken.add(best);
            return best;
        }

        /** The least distance between a segment and a rectangle: 0 where they meet, else at a corner or an end. */
        private static double distance(Line2D l, Rectangle2D r) {
            if (l.intersects(r)) {
                return 0;
            }
            double d = Double.POSITIVE_INFINITY;
            for (double cx : new double[] {r.getMinX(), r.getMaxX()}) {
                for (double cy : new double[] {r.getMinY(), r.getMaxY()}) {
                    d = Math.min(d, l.ptSegDist(cx, cy));
                }
            }
            for (Point2D p : List.of(l.getP1(), l.getP2())) {
                double dx = Math.max(0, Math.max(r.getMinX() - p.getX(), p.getX() - r.getMaxX()));
                double dy = Math.max(0, Math.max(r.getMinY() - p.getY(), p.getY() - r.getMaxY()));
                d = Math.min(d, Math.hypot(dx, dy));
            }
            return d;
        }

        /** Area shared with everything taken, plus a large penalty for leaving the picture. */
        private double overlap(Rectangle2D c) {
            double cost = bounds.contains(c) ? 0 : 1e6;
            for (Rectangle2D t : taken) {
                Rectangle2D i = c.createIntersection(t);
                if (i.getWidth() > 0 && i.getHeight() > 0) {
                    cost += i.getWidth() * i.getHeight() + 1;
                }
            }
            return cost;
        }
    }
}
