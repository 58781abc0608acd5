package nnlab.net;

/**
 * Dropout on a layer's output: during training each unit is dropped (set to 0) with probability
 * {@code rate} p, with a fresh seeded mask per forward pass.
 *
 * <p>The two conventions give the same expected activation at training and test time:
 * <ul>
 *   <li>{@link Convention#INVERTED}: kept units are scaled by 1/(1−p) while training; test uses the
 *       network as it is.</li>
 *   <li>{@link Convention#CLASSIC}: training leaves kept units unscaled; at test time every output is
 *       multiplied by (1−p), which is the same as multiplying the outgoing weights by (1−p) (a weight
 *       trained to 1 with p = 50 % acts as 0.5).</li>
 * </ul>
 *
 * @param rate       the drop probability p ∈ [0, 1) — not the keep probability
 * @param convention where the 1/(1−p) correction goes
 */
public record Dropout(double rate, Convention convention) {

    /** Where the correction for dropped units is applied. */
    public enum Convention { INVERTED, CLASSIC }

    /** No dropout. */
    public static final Dropout NONE = new Dropout(0, Convention.INVERTED);

    public Dropout {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate p must be in [0, 1) (the probability of DROPPING a unit), got " + rate);
        }
        if (convention == null) {
            throw new IllegalArgumentException("dropout convention is null; use Dropout.Convention.INVERTED or CLASSIC");
        }
    }

    /** Inverted dropout with drop rate p. */
    public static Dropout inverted(double rate) {
        return new Dropout(rate, Convention.INVERTED);
    }

    /** Classic dropout with drop rate p (weights × (1−p) at test time). */
    public static Dropout classic(double rate) {
        return new Dropout(rate, Convention.CLASSIC);
    }

    public boolean active() {
        return rate > 0;
    }

    /** The value a kept unit's mask entry takes while training (dropped units get 0). */
    public double keptScale() {
        return convention == Convention.INVERTED ? 1 / (1 - rate) : 1;
    }

    /** The factor applied to the layer's output at test time. */
    public double testScale() {
        return convention == Convention.CLASSIC ? 1 - rate : 1;
    }
}
