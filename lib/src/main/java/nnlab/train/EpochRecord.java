package nnlab.train;

/**
 * What a {@link Trainer} tells its {@link Trainer.Builder#onEpoch onEpoch} listeners: once with epoch 0
 * after the record of the untrained network, then after every epoch (a pass over the training set, or n
 * random-example steps), and after the step where early stopping ends the run.
 *
 * @param trainer the trainer's description (optimizer, cost, schedule, seed)
 * @param epoch   epochs completed, 0 before the first step
 * @param epochs  epochs planned (early stopping may end the run before)
 * @param step    optimizer steps taken so far
 * @param steps   steps planned
 * @param history the records so far; its last row is this epoch's record (with
 *                {@link Trainer.Builder#monitorEvery monitorEvery} the latest one written)
 * @param last    whether training ends after this call (the last epoch, or early stopping)
 */
public record EpochRecord(String trainer, int epoch, int epochs, long step, long steps, History history, boolean last) {

    /** The latest value of a history column, e.g. {@code value(History.VALIDATION_ACCURACY)}; NaN when the history lacks it. */
    public double value(String column) {
        return history.has(column) ? history.last(column) : Double.NaN;
    }
}
