package nnlab.viz;

/**
 * The frame around a chart: title, axis labels, pixel size and the y axis scale.
 *
 * <p>{@code Frame.of("Cost per epoch", "epoch", "cost").logY().size(900, 500)}. Every chart has a title
 * and axis labels, so a picture pasted into a report still says what it shows. The default size is
 * {@value #WIDTH} × {@value #HEIGHT} pixels.
 */
public record Frame(String title, String xLabel, String yLabel, int width, int height, Scale yScale) {
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
    }

    /** A frame of the default size with a linear y axis. */
    public static Frame of(String title, String xLabel, String yLabel) {
        return new Frame(title, xLabel, yLabel, WIDTH, HEIGHT, Scale.LINEAR);
    }

    /** The same frame with another pixel size. */
    public Frame size(int width, int height) {
        return new Frame(title, xLabel, yLabel, width, height, yScale);
    }

    /** The same frame with a logarithmic y axis. */
    public Frame logY() {
        return new Frame(title, xLabel, yLabel, width, height, Scale.LOG);
    }

    /** The same frame with a linear y axis. */
    public Frame linearY() {
        return new Frame(title, xLabel, yLabel, width, height, Scale.LINEAR);
    }

    /** The same frame with another y axis label. */
    public Frame withYLabel(String newYLabel) {
        return new Frame(title, xLabel, newYLabel, width, height, yScale);
    }

    /** The same frame with another title. */
    public Frame title(String newTitle) {
        return new Frame(newTitle, xLabel, yLabel, width, height, yScale);
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
