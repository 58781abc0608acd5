package nnlab.net;

import org.ejml.data.DMatrixRMaj;

/**
 * A per-example loss C_x(a, y) over the K outputs, with its derivative: the value, ∂C/∂a, and the
 * output error δᴸ = ∂C/∂zᴸ.
 *
 * <p>Matrices hold one example per row: a and y are (n × K). {@link #value} returns the SUM over the n
 * examples; {@link Cost} applies the {@link Reduction} (sum or mean) explicitly.
 */
public interface Loss {

    String name();

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

    /** ½ Σ (y − a)². */
    final class Quadratic implements Loss {
        static final Quadratic INSTANCE = new Quadratic();

        @Override
        public String name() {
            return "quadratic ½Σ(y−a)²";
        }

        @Override
        public double value(DMatrixRMaj a, DMatrixRMaj y) {
            checkShapes(a, y);
            double sum = 0;
            for (int i = 0; i < a.getNumElements(); i++) {
                double e = y.data[i] - a.data[i];
                sum += 0.5 * e * e;
            }
            return sum;
        }

        @Override
        public void gradient(DMatrixRMaj a, DMatrixRMaj y, DMatrixRMaj dA) {
            checkShapes(a, y);
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

        @Override
        public double value(DMatrixRMaj a, DMatrixRMaj y) {
            checkShapes(a, y);
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
            checkShapes(a, y);
            double sum = 0;
            for (int i = 0; i < z.getNumElements(); i++) {
                double v = z.data[i];
                double softplus = Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
                sum += softplus - y.data[i] * v;
            }
            return sum;
        }

        @Override
        public void gradient(DMatrixRMaj a, DMatrixRMaj y, DMatrixRMaj dA) {
            checkShapes(a, y);
            for (int i = 0; i < a.getNumElements(); i++) {
                double o = a.data[i];
                dA.data[i] = (o - y.data[i]) / (o * (1 - o));
            }
        }

        /** With sigmoid outputs σ′ cancels the denominator of ∂C/∂a: δᴸ = a − y. */
        @Override
        public void outputDelta(Activation g, DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj y, DMatrixRMaj delta) {
            if (g != Activation.sigmoid()) {
                Loss.super.outputDelta(g, z, a, y, delta);
                return;
            }
            checkShapes(a, y);
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

        @Override
        public double value(DMatrixRMaj a, DMatrixRMaj y) {
            checkShapes(a, y);
            double sum = 0;
            for (int i = 0; i < a.getNumElements(); i++) {
                if (y.data[i] != 0) {
                    sum -= y.data[i] * Math.log(a.data[i]);
                }
            }
            return sum;
        }

        /** From z: −Σ y_k (z_k − logΣexp(z)), finite for any z. */
        @Override
        public double value(Activation g, DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj y) {
            if (g != Activation.softmax()) {
                return value(a, y);
            }
            checkShapes(a, y);
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
                double logSumExp = max + Math.log(s);
                for (int j = 0; j < k; j++) {
                    double t = y.unsafe_get(r, j);
                    if (t != 0) {
                        sum -= t * (z.unsafe_get(r, j) - logSumExp);
                    }
                }
            }
            return sum;
        }

        @Override
        public void gradient(DMatrixRMaj a, DMatrixRMaj y, DMatrixRMaj dA) {
            checkShapes(a, y);
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
            checkShapes(a, y);
            for (int r = 0; r < y.numRows; r++) {
                double rowSum = 0;
                for (int j = 0; j < y.numCols; j++) {
                    rowSum += y.unsafe_get(r, j);
                }
                if (Math.abs(rowSum - 1) > 1e-9) {
                    throw new IllegalArgumentException(String.format(
                            "softmax cross-entropy needs targets that sum to 1 per row; row %d sums to %s (use one-hot labels)",
                            r, rowSum));
                }
            }
            aMinusY(a, y, delta);
        }

        @Override
        public String toString() {
            return name();
        }
    }
}
