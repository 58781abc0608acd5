package nnlab.train;

/**
 * Thrown when the cost or a gradient becomes NaN or infinite during training: the weights are no
 * longer meaningful, so training stops instead of carrying NaN along. Names the epoch, the step and the
 * layer where it was seen first.
 */
public final class TrainingDiverged extends RuntimeException {
    private final int epoch;
    private final long step;
    private final int layer;
    private final transient History history;

    TrainingDiverged(String message, int epoch, long step, int layer, History history) {
        super(message);
        this.epoch = epoch;
        this.step = step;
        this.layer = layer;
        this.history = history;
    }

    /** The records written before the bad step (row 0 at least), e.g. to plot how the loss grew. */
    public History history() {
        return history;
    }

    /** The epoch (1-based) of the bad step. */
    public int epoch() {
        return epoch;
    }

    /** The optimizer step (1-based, counted over the whole run) whose cost or gradient was bad. */
    public long step() {
        return step;
    }

    /** The first layer whose gradient was bad, in backprop order (from the output down); 0 when only the cost was. */
    public int layer() {
        return layer;
    }
}
