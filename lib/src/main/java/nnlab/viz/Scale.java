package nnlab.viz;

/** How an axis maps values to positions. */
public enum Scale {
    /** Equal steps for equal differences. */
    LINEAR,
    /**
     * Equal steps for equal ratios: the axis for magnitudes that span decades (costs, gradient norms).
     * Only positive values fit; charts refuse zero or negative values on a log axis, naming the series
     * and the index, rather than dropping them silently.
     */
    LOG
}
