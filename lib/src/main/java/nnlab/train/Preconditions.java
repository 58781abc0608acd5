package nnlab.train;

import nnlab.net.Shapes;
import org.ejml.data.DMatrixRMaj;

/** Checks of hyper-parameters and data shared by the optimizers and the trainer. */
final class Preconditions {
    private Preconditions() {}

    /** A finite, positive learning rate. */
    static void requireLearningRate(double eta) {
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("learning rate η must be a finite number > 0, got " + eta
                    + " (typical values: 0.01 … 0.5 for SGD, 0.001 for Adam)");
        }
    }

    /**
     * A data set for a network with {@code inputs} inputs and {@code outputs} outputs: x (n × inputs),
     * y (n × outputs), n ≥ 1, every x finite (y is checked by the loss, against its domain), and labels (when not null) one per row in 0 … classes−1.
     */
    static void requireData(String name, DMatrixRMaj x, DMatrixRMaj y, int[] labels, int inputs, int outputs) {
        if (x == null || y == null) {
            throw new IllegalArgumentException(name + ": x and y must not be null");
        }
        if (x.numRows == 0) {
            throw new IllegalArgumentException(name + ": empty data: x has no rows; pass at least one example");
        }
        if (y.numRows != x.numRows) {
            throw new IllegalArgumentException(String.format(
                    "%s: x has %d rows but y has %d; give one target row per example", name, x.numRows, y.numRows));
        }
        Shapes.requireSame(name + " inputs x (one example per row, one column per network input)", x.numRows, inputs, x);
        Shapes.requireSame(name + " targets y (one row per example, one column per network output)", x.numRows, outputs, y);
        Shapes.requireFinite(name + " inputs x", x);
        if (labels != null) {
            requireLabels(name, labels, x.numRows, outputs);
        }
    }

    /** Labels 0 … K−1 for K outputs; a single sigmoid output has the two classes 0 and 1. */
    private static void requireLabels(String name, int[] labels, int rows, int outputs) {
        if (labels.length != rows) {
            throw new IllegalArgumentException(String.format(
                    "%s: %d labels for %d rows of x; give exactly one label per row", name, labels.length, rows));
        }
        int classes = classes(outputs);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(String.format(
                        "%s: label %d at row %d is outside 0 … %d (the network has %d output%s); check the labels or the output layer",
                        name, labels[i], i, classes - 1, outputs, outputs == 1 ? ", read as classes 0 and 1" : "s"));
            }
        }
    }

    /** The number of classes a network with this many outputs predicts. */
    static int classes(int outputs) {
        return outputs == 1 ? 2 : outputs;
    }
}
