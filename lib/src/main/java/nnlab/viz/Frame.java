package nnlab.viz;

/**
 * The frame around a chart: title, axis labels, pixel size and the y axis scale.
 *
 * <p>{@code Frame.of("Cost per epoch", "epoch", "cost").logY().size(900, 500)}. Every chart has a title
 * and axis labels, so a picture pasted into a report still says what it shows. The default size is
 * {@value #WIDTH} × {@value #HEIGHT} pixels. The y axis spans the data unless {@link #yRange} fixes it
 * (yMin and yMax are NaN then).
 */
public record Frame(String title, String xLabel, String yLabel, int width, int height, Scale yScale, double yMin, double yMax) {
    /** Default width in pixels. */
    public static final int WIDTH = 720;
    /** Default height in pixels. */
    public static final int HEIGHT = 420;
    /** Largest accepted side in pixels (a 4K screen is 3840 wide; bigger is a mistake, not a chart). */
    public static final int MAX_SIDE = 4096;

    public Frame {
        if (title == null || xLabel == null || yLabel == null) {
            throw new IllegalArgumentException(String.format(
                    "chart title and axis labels must not be null (got title=%s, x=%s, y=%s); pass \"\" to leave one empty",
                    title, xLabel, yLabel));
        }
        checkSize(width, height);
        if (yScale == null) {
            throw new IllegalArgumentException("y scale must be Scale.LINEAR or Scale.LOG, not null");
        }
        if (Double.isNaN(yMin) != Double.isNaN(yMax) || !Double.isNaN(yMin) && !(yMin < yMax && Double.isFinite(yMin)
                && Double.isFinite(yMax)) || yScale == Scale.LOG && yMin <= 0) {
            throw new IllegalArgumentException(String.format(
                    "y range [%s, %s] needs finite lo < hi (positive on a log axis), or NaN for both to follow the data", yMin, yMax));
        }
    }

    /** A frame whose y axis follows the data. */
    public Frame(String title, String xLabel, String yLabel, int width, int height, Scale yScale) {
        this(title, xLabel, yLabel, width, height, yScale, Double.NaN, Double.NaN);
    }

    /** A frame of the default size with a linear y axis. */
    public static Frame of(String title, String xLabel, String yLabel) {
        return new Frame(title, xLabel, yLabel, WIDTH, HEIGHT, Scale.LINEAR);
    }

    /** The same frame with another pixel size. */
    public Frame size(int width, int height) {
        return new Frame(title, xLabel, yLabel, width, height, yScale, yMin, yMax);
    }

    /** The same frame with a logarithmic y axis. */
    public Frame logY() {
        return new Frame(title, xLabel, yLabel, width, height, Scale.LOG, yMin, yMax);
    }

    /** The same frame with a linear y axis. */
    public Frame linearY() {
        return new Frame(title, xLabel, yLabel, width, height, Scale.LINEAR, yMin, yMax);
    }

    /** The same frame with another y axis label. */
    public Frame withYLabel(String newYLabel) {
        return new Frame(title, xLabel, newYLabel, width, height, yScale, yMin, yMax);
    }

    /** The same frame with another title. */
    public Frame title(String newTitle) {
        return new Frame(newTitle, xLabel, yLabel, width, height, yScale, yMin, yMax);
    }

    /**
     * The same frame with the y axis fixed to [lo, hi], to zoom in on a part of the data (e.g. a validation
     * loss that rises by a few percent); lines leaving the range are cut at the plot's edge.
     */
    public Frame yRange(double lo, double hi) {
        return new Frame(title, xLabel, yLabel, width, height, yScale, lo, hi);
    }

    /** Whether {@link #yRange} fixed the y axis. */
    boolean hasYRange() {
        return !Double.isNaN(yMin);
    }

    /** Refuses picture sizes outside 100 × 80 .. {@value #MAX_SIDE} × {@value #MAX_SIDE} pixels. */
    static void checkSize(int width, int height) {
        if (width < 100 || height < 80 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException(String.format(
                    "picture size %d × %d is outside 100 × 80 .. %d × %d pixels; pick a size in that range",
                    width, height, MAX_SIDE, MAX_SIDE));
        }
    }

    boolean isLogY() {
        return yScale == Scale.LOG;
    }
}
