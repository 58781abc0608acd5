package nnlab.net;

import org.ejml.data.DMatrixRMaj;

/**
 * A per-example loss C_x(a, y) over the K outputs, with its derivative: the value, ∂C/∂a, and the
 * output error δᴸ = ∂C/∂zᴸ.
 *
 * <p>Matrices hold one example per row: a and y are (n × K). {@link #value} returns the SUM over the n
 * examples; {@link Cost} applies the {@link Reduction} (sum or mean) explicitly.
 *
 * <p>Every method refuses targets outside the loss's domain ({@link #requireTargets}), naming the row
 * and column: a scan of y, far cheaper than the products of a step.
 */
public interface Loss {

    String name();

    /**
     * Throws unless every target is in this loss's domain: finite for the quadratic loss, in [0, 1] for
     * sigmoid cross-entropy, rows of non-negative numbers summing to 1 for softmax cross-entropy.
     */
    default void requireTargets(DMatrixRMaj y) {
        Shapes.requireFinite(name() + ": targets y", y);
    }

    /**
     * Throws unless this loss is defined on the outputs of activation g: the cross-entropies take
     * logarithms of the outputs, so an identity or ReLU output (which can be ≤ 0 or ≥ 1) is refused with
     * the activation to use instead. The quadratic loss takes any output.
     */
    default void requireOutput(Activation g) {
    }

    /** Σ over examples of C_x, computed from the output activations a (n × K) and targets y (n × K). */
    double value(DMatrixRMaj a, DMatrixRMaj y);

    /** dA = ∂C/∂a for each example (n × K). */
    void gradient(DMatrixRMaj a, DMatrixRMaj y, DMatrixRMaj dA);

    /**
     * The same sum as {@link #value(DMatrixRMaj, DMatrixRMaj)}, computed from z where the output
     * activation allows a stable form (log-sum-exp, softplus); otherwise from a.
     */
    default double value(Activation g, DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj y) {
        return value(a, y);
    }

    /**
     * δᴸ = ∂C/∂zᴸ (n × units): by default ∂C/∂a pushed through the activation's local derivative
     * (BP1: δᴸ = ∇ₐC ⊙ σ′(zᴸ)). Matched pairs override this with the simplified a − y.
     */
    default void outputDelta(Activation g, DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj y, DMatrixRMaj delta) {
        // element-wise and softmax backward steps may read and write the same buffer; maxout may not
        DMatrixRMaj dA = g.piecesPerOutput() == 1 ? delta : new DMatrixRMaj(a.numRows, a.numCols);
        gradient(a, y, dA);
        g.backward(z, a, dA, delta);
    }

    /** Quadratic loss C_x = ½ Σ_k (y_k − a_k)²; ∂C/∂a = a − y. */
    static Loss quadratic() {
        return Quadratic.INSTANCE;
    }

    /**
     * Cross-entropy for K independent sigmoid outputs (the course's cost, seed 000):
     * C_x = Σ_k [ −y_k ln a_k − (1 − y_k) ln(1 − a_k) ]. With a sigmoid output layer δᴸ = a − y.
     */
    static Loss crossEntropy() {
        return CrossEntropy.INSTANCE;
    }

    /**
     * Cross-entropy for a softmax output (seed 003): C_x = −Σ_k y_k ln a_k, y one-hot.
     * With a softmax output layer δᴸ = a − y.
     */
    static Loss softmaxCrossEntropy() {
        return SoftmaxCrossEntropy.INSTANCE;
    }

    /** δᴸ = a − y: the output error of a loss matched with its output activation. */
    private static void aMinusY(DMatrixRMaj a, DMatrixRMaj y, DMatrixRMaj delta) {
        for (int i = 0; i < a.getNumElements(); i++) {
            delta.data[i] = a.data[i] - y.data[i];
        }
    }

    private static void checkShapes(DMatrixRMaj a, DMatrixRMaj y) {
        Shapes.requireSame("targets y (one row per example, one column per output)", a.numRows, a.numCols, y);
    }

    /** Shapes, then the loss's domain. */
    private static void check(Loss loss, DMatrixRMaj a, DMatrixRMaj y) {
        checkShapes(a, y);
        loss.requireTargets(y);
    }

    /** The message for a target outside [lo, hi] at (r, c). */
    private static IllegalArgumentException outside(Loss loss, double v, int r, int c, String domain, String advice) {
        return new IllegalArgumentException(String.format(
                "%s: target y has %s at row %d, column %d (0-based), outside %s; %s", loss.name(), v, r, c, domain, advice));
    }

    /** ½ Σ (y − a)². */
    final class Quadratic implements Loss {
        static final Quadratic INSTANCE = new Quadratic();

        @Override
        public String name() {
            return "quadratic ½Σ(y−a)²";
        }

        @Override
        public double value(DMatrixRMaj a, DMatrixRMaj y) {
            check(this, a, y);
            double sum = 0;
            for (int i = 0; i < a.getNumElements(); i++) {
                double e = y.data[i] - a.data[i];
                sum += 0.5 * e * e;
            }
            return sum;
        }

        @Override
        public void gradient(DMatrixRMaj a, DMatrixRMaj y, DMatrixRMaj dA) {
            check(this, a, y);
            for (int i = 0; i < a.getNumElements(); i++) {
                dA.data[i] = a.data[i] - y.data[i];
            }
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** Σ_k −y ln a − (1−y) ln(1−a), for sigmoid outputs. */
    final class CrossEntropy implements Loss {
        static final CrossEntropy INSTANCE = new CrossEntropy();

        @Override
        public String name() {
            return "cross-entropy Σ−y ln a−(1−y) ln(1−a)";
        }

        /** Targets are probabilities: 0 ≤ y ≤ 1 (soft targets allowed). */
        @Override
        public void requireTargets(DMatrixRMaj y) {
            for (int i = 0; i < y.getNumElements(); i++) {
                double t = y.data[i];
                if (!(t >= 0 && t <= 1)) {
                    throw outside(this, t, i / y.numCols, i % y.numCols, "[0, 1]",
                            "cross-entropy targets are probabilities (0 or 1 for labels); for other targets use Loss.quadratic()");
                }
            }
        }

        /** ln a and ln(1 − a) need outputs in (0, 1): a sigmoid (the matched pair) or a softmax. */
        @Override
        public void requireOutput(Activation g) {
            if (g != Activation.sigmoid() && g != Activation.softmax()) {
                throw new IllegalArgumentException(name() + " takes ln a and ln(1 − a), so it needs outputs in (0, 1), but the "
                        + "output layer is " + g.name() + "; use Activation.sigmoid() for the output layer, "
                        + "or Loss.quadratic() for outputs that are not probabilities");
            }
        }

        @Override
        public double value(DMatrixRMaj a, DMatrixRMaj y) {
            check(this, a, y);
            double sum = 0;
            for (int i = 0; i < a.getNumElements(); i++) {
                double t = y.data[i];
                double o = a.data[i];
                // 0·ln 0 is taken as 0, so a confident correct output costs nothing
                if (t != 0) {
                    sum -= t * Math.log(o);
                }
                if (t != 1) {
                    sum -= (1 - t) * Math.log(1 - o);
                }
            }
            return sum;
        }

        /** From z: −y ln σ(z) − (1−y) ln(1−σ(z)) = softplus(z) − y·z, finite for any z. */
        @Override
        public double value(Activation g, DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj y) {
            if (g != Activation.sigmoid()) {
                return value(a, y);
            }
            check(this, a, y);
            double sum = 0;
            for (int i = 0; i < z.getNumElements(); i++) {
                double v = z.data[i];
                double softplus = Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
                sum += softplus - y.data[i] * v;
            }
            return sum;
        }

        /**
         * ∂C/∂a = −y/a + (1 − y)/(1 − a), a term left out where its y factor is 0 (as in the value): so at
         * a = 1, y = 1 it is the limit −1 and at a = 0, y = 0 the limit 1, not 0/0.
         */
        @Override
        public void gradient(DMatrixRMaj a, DMatrixRMaj y, DMatrixRMaj dA) {
            check(this, a, y);
            for (int i = 0; i < a.getNumElements(); i++) {
                double o = a.data[i];
                double t = y.data[i];
                dA.data[i] = (t != 0 ? -t / o : 0) + (t != 1 ? (1 - t) / (1 - o) : 0);
            }
        }

        /** With sigmoid outputs σ′ cancels the denominator of ∂C/∂a: δᴸ = a − y. */
        @Override
        public void outputDelta(Activation g, DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj y, DMatrixRMaj delta) {
            if (g != Activation.sigmoid()) {
                Loss.super.outputDelta(g, z, a, y, delta);
                return;
            }
            check(this, a, y);
            aMinusY(a, y, delta);
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** −Σ_k y ln a, for softmax outputs. */
    final class SoftmaxCrossEntropy implements Loss {
        static final SoftmaxCrossEntropy INSTANCE = new SoftmaxCrossEntropy();

        @Override
        public String name() {
            return "softmax cross-entropy −Σy ln a";
        }

        /** Each target row is a distribution: entries ≥ 0 that sum to 1 (to 1e-9). */
        @Override
        public void requireTargets(DMatrixRMaj y) {
            for (int r = 0; r < y.numRows; r++) {
                double rowSum = 0;
                for (int j = 0; j < y.numCols; j++) {
                    double t = y.unsafe_get(r, j);
                    if (!(t >= 0 && t <= 1)) {
                        throw outside(this, t, r, j, "[0, 1]",
                                "each target row must be a probability distribution (use one-hot labels)");
                    }
                    rowSum += t;
                }
                if (Math.abs(rowSum - 1) > 1e-9) {
                    throw new IllegalArgumentException(String.format(
                            "%s needs targets that sum to 1 per row; row %d sums to %s (use one-hot labels)", name(), r, rowSum));
                }
            }
        }

        /** ln a needs positive outputs: a softmax (the matched pair) or a sigmoid. */
        @Override
        public void requireOutput(Activation g) {
            if (g != Activation.softmax() && g != Activation.sigmoid()) {
                throw new IllegalArgumentException(name() + " takes ln a, so it needs outputs > 0, but the output layer is "
                        + g.name() + "; use Activation.softmax() for the output layer");
            }
        }

        @Override
        public double value(DMatrixRMaj a, DMatrixRMaj y) {
            check(this, a, y);
            double sum = 0;
            for (int i = 0; i < a.getNumElements(); i++) {
                if (y.data[i] != 0) {
                    sum -= y.data[i] * Math.log(a.data[i]);
                }
            }
            return sum;
        }

        /**
         * From z: −Σ y_k ((z_k − max) − ln s) with s = Σ_j e^(z_j − max), finite for any z. Subtracting
         * the maximum first keeps the digits: max + ln s would round away ln s next to a large |max|
         * (z = [−1000, −1000] gave 0.69314718055989 instead of ln 2).
         */
        @Override
        public double value(Activation g, DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj y) {
            if (g != Activation.softmax()) {
                return value(a, y);
            }
            check(this, a, y);
            double sum = 0;
            int k = z.numCols;
            for (int r = 0; r < z.numRows; r++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    max = Math.max(max, z.unsafe_get(r, j));
                }
                double s = 0;
                for (int j = 0; j < k; j++) {
                    s += Math.exp(z.unsafe_get(r, j) - max);
                }
                double logS = Math.log(s);
                for (int j = 0; j < k; j++) {
                    double t = y.unsafe_get(r, j);
                    if (t != 0) {
                        sum -= t * ((z.unsafe_get(r, j) - max) - logS);
                    }
                }
            }
            return sum;
        }

        @Override
        public void gradient(DMatrixRMaj a, DMatrixRMaj y, DMatrixRMaj dA) {
            check(this, a, y);
            for (int i = 0; i < a.getNumElements(); i++) {
                dA.data[i] = -y.data[i] / a.data[i];
            }
        }

        /** With softmax outputs and targets summing to 1 per row, δᴸ = a − y. */
        @Override
        public void outputDelta(Activation g, DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj y, DMatrixRMaj delta) {
            if (g != Activation.softmax()) {
                Loss.super.outputDelta(g, z, a, y, delta);
                return;
            }
            check(this, a, y);
            aMinusY(a, y, delta);
        }

        @Override
        public String toString() {
            return name();
        }
    }
}
