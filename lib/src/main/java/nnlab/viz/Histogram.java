package nnlab.viz;

/** Bin counting and the step outline that draws a histogram as one line. */
final class Histogram {
    private Histogram() {}

    /**
     * Counts of {@code values} in {@code bins} equal bins over [lo, hi]; bin k holds
     * [lo + k·w, lo + (k+1)·w) and the last bin also holds hi.
     */
    static int[] counts(double[] values, double lo, double hi, int bins) {
        int[] counts = new int[bins];
        double width = (hi - lo) / bins;
        for (double v : values) {
            int k = (int) Math.floor((v - lo) / width);
            counts[Math.max(0, Math.min(bins - 1, k))]++;
        }
        return counts;
    }

    /**
     * The outline {x, y} of the bars: up from the axis at lo, across each bar's top, down to the axis at
     * hi. Counts below {@code floor} (0 on a linear axis, 0.5 on a log axis) are drawn at the floor.
     */
    static double[][] outline(int[] counts, double lo, double hi, double floor) {
        double[] heights = new double[counts.length];
        for (int k = 0; k < counts.length; k++) {
            heights[k] = counts[k];
        }
        return outline(heights, lo, hi, floor);
    }

    /** {@link #outline(int[], double, double, double)} for bar heights that are not counts (e.g. percentages). */
    static double[][] outline(double[] counts, double lo, double hi, double floor) {
        int bins = counts.length;
        double width = (hi - lo) / bins;
        double[] x = new double[2 * bins + 2];
        double[] y = new double[2 * bins + 2];
        x[0] = lo;
        y[0] = floor;
        for (int k = 0; k < bins; k++) {
            double top = Math.max(floor, counts[k]);
            x[1 + 2 * k] = lo + k * width;
            y[1 + 2 * k] = top;
            x[2 + 2 * k] = k == bins - 1 ? hi : lo + (k + 1) * width;
            y[2 + 2 * k] = top;
        }
        x[2 * bins + 1] = hi;
        y[2 * bins + 1] = floor;
        return new double[][] {x, y};
    }
}
