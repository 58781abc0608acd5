package nnlab.train;

import java.util.Locale;

/**
 * The statistics of a comparison over seeds: mean and sample standard deviation, and the paired
 * difference of two methods run with the same seeds, with Student's t test.
 *
 * <pre>{@code
 * Stats.MeanSd s = Stats.meanSd(0.41, 0.43, 0.42);           // mean 0.42, sd 0.01 (n − 1 in the denominator)
 * Stats.Paired d = Stats.paired(l2Losses, noneLosses);       // seed by seed: l2[k] − none[k]
 * d.mean(); d.sd(); d.p(); d.significant();                  // two-sided p < 0.05
 * }</pre>
 */
public final class Stats {
    /** The two-sided level below which {@link Paired#significant()} calls a difference significant. */
    public static final double ALPHA = 0.05;

    private Stats() {}

    /** Mean and sample standard deviation (n − 1 in the denominator) of n values. */
    public record MeanSd(double mean, double sd, int n) {
        /** "0.4213 ± 0.0120" with the given number of decimals. */
        public String format(int decimals) {
            return String.format(Locale.ROOT, "%." + decimals + "f ± %." + decimals + "f", mean, sd);
        }
    }

    /**
     * The differences a[k] − b[k] of two paired samples (the same seeds): their mean and sample
     * standard deviation, Student's t = mean / (sd / √n) with n − 1 degrees of freedom, and its
     * two-sided p value. A zero sd gives t = ±∞ and p = 0 when the mean is not zero, t = 0 and p = 1
     * when it is.
     */
    public record Paired(double mean, double sd, int n, double t, double p) {
        /** Whether the two-sided p value is below {@value Stats#ALPHA}. */
        public boolean significant() {
            return p < ALPHA;
        }

        /** "−0.0512 ± 0.0101 (p = 0.0012)" with the given number of decimals for mean and sd. */
        public String format(int decimals) {
            return String.format(Locale.ROOT, "%+." + decimals + "f ± %." + decimals + "f (%s)", mean, sd, formatP(p));
        }
    }

    /** Mean and sample standard deviation; at least two values, all finite. */
    public static MeanSd meanSd(double... values) {
        requireValues(values, "meanSd");
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        return new MeanSd(mean, Math.sqrt(ss / (values.length - 1)), values.length);
    }

    /** The paired differences a[k] − b[k] and their t test; a and b must be equally long (one value per seed). */
    public static Paired paired(double[] a, double[] b) {
        requireValues(a, "paired: first sample");
        requireValues(b, "paired: second sample");
        if (a.length != b.length) {
            throw new IllegalArgumentException(String.format(
                    "paired: %d values against %d; a paired comparison needs one value of each per seed", a.length, b.length));
        }
        double[] d = new double[a.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = a[k] - b[k];
        }
        MeanSd s = meanSd(d);
        double t;
        if (s.sd() > 0) {
            t = s.mean() / (s.sd() / Math.sqrt(s.n()));
        } else {
            t = s.mean() == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, s.mean());
        }
        return new Paired(s.mean(), s.sd(), s.n(), t, twoSidedP(t, s.n() - 1));
    }

    /**
     * P(|T| ≥ |t|) for Student's t distribution with {@code df} degrees of freedom, from the closed forms
     * for whole degrees of freedom (Abramowitz and Stegun 26.7.3 and 26.7.4): with θ = atan(|t|/√df),
     * P(|T| ≤ |t|) = sin θ · Σ_k c_k cos^{2k} θ for even df and (2/π)(θ + sin θ · Σ_k d_k cos^{2k+1} θ)
     * for odd df.
     */
    public static double twoSidedP(double t, int df) {
        if (df < 1) {
            throw new IllegalArgumentException("Student's t needs at least 1 degree of freedom (2 seeds), got " + df);
        }
        if (Double.isNaN(t)) {
            throw new IllegalArgumentException("t is NaN");
        }
        if (Double.isInfinite(t)) {
            return 0;
        }
        double theta = Math.atan(Math.abs(t) / Math.sqrt(df));
        double c = Math.cos(theta);
        double s = Math.sin(theta);
        double inside;
        if (df % 2 == 0) {
            double term = 1;
            double sum = 1;
            for (int k = 1; k <= (df - 2) / 2; k++) {
                term *= c * c * (2 * k - 1) / (2.0 * k);
                sum += term;
            }
            inside = s * sum;
        } else {
            double sum = 0;
            if (df > 1) {
                double term = c;
                sum = c;
                for (int k = 1; k <= (df - 3) / 2; k++) {
                    term *= c * c * (2.0 * k) / (2 * k + 1);
                    sum += term;
                }
            }
            inside = 2 / Math.PI * (theta + s * sum);
        }
        return Math.max(0, Math.min(1, 1 - inside));
    }

    /** "p = 0.05" (two significant digits, at most two decimals from 0.01 up) or "p < 0.0001". */
    public static String formatP(double p) {
        if (p < 1e-4) {
            return "p < 0.0001";
        }
        return "p = " + String.format(Locale.ROOT, p >= 0.01 ? "%.2f" : "%.2g", p);
    }

    private static void requireValues(double[] values, String what) {
        if (values == null || values.length < 2) {
            throw new IllegalArgumentException(what + ": give at least 2 values (one per seed) so that a standard deviation exists, got "
                    + (values == null ? 0 : values.length));
        }
        for (int k = 0; k < values.length; k++) {
            if (!Double.isFinite(values[k])) {
                throw new IllegalArgumentException(what + ": value " + k + " is " + values[k] + "; every value must be finite");
            }
        }
    }
}
