package nnlab.net;

import nnlab.linalg.Exp;
import org.ejml.data.DMatrixRMaj;

import java.util.function.DoubleUnaryOperator;

/**
 * An activation function g with its local derivative, side by side.
 *
 * <p>{@code forward} maps the pre-activations z (n × units) to the activations a (n × outputs).
 * {@code backward} is the local step of backprop: given ∂C/∂a (n × outputs) it writes
 * ∂C/∂z = ∂C/∂a · ∂a/∂z (n × units). For element-wise functions that is ∂C/∂a ⊙ g′(z); softmax and
 * maxout mix units, so they implement the product with their Jacobian directly.
 *
 * <p>Every function here is stable for |z| up to at least 1000: no overflow, no NaN.
 */
public interface Activation {

    /** A short name for tables and chart legends. */
    String name();

    /** a = g(z); z is (n × units), a is (n × units / piecesPerOutput()). */
    void forward(DMatrixRMaj z, DMatrixRMaj a);

    /** dZ = ∂C/∂z from dA = ∂C/∂a, using the z and a of the same forward pass. */
    void backward(DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj dA, DMatrixRMaj dZ);

    /** How many pre-activation units feed one output (k for maxout, 1 otherwise). */
    default int piecesPerOutput() {
        return 1;
    }

    /** The sigmoid σ(z) = 1 / (1 + e^(−z)); σ′(z) = σ(z)(1 − σ(z)). */
    static Activation sigmoid() {
        return Elementwise.SIGMOID;
    }

    /** tanh(z); tanh′(z) = 1 − tanh²(z). */
    static Activation tanh() {
        return Elementwise.TANH;
    }

    /** ReLU max(0, z); its derivative is taken as 0 at z = 0. */
    static Activation relu() {
        return Elementwise.RELU;
    }

    /** Leaky ReLU: z for z > 0, alpha·z otherwise. */
    static Activation leakyRelu(double alpha) {
        if (!(alpha >= 0 && alpha < 1)) {
            throw new IllegalArgumentException("leaky ReLU slope alpha must be in [0, 1), got " + alpha);
        }
        return new Elementwise("leaky ReLU(" + alpha + ")",
                z -> z > 0 ? z : alpha * z,
                z -> z > 0 ? 1 : alpha, a -> a > 0 ? 1 : alpha, null);
    }

    /** The identity g(z) = z, for a linear output layer; g′ = 1. */
    static Activation identity() {
        return Elementwise.IDENTITY;
    }

    /** Softmax over each row: a_i = e^(z_i) / Σ_j e^(z_j). An output-layer activation. */
    static Activation softmax() {
        return Softmax.INSTANCE;
    }

    /** Maxout with k linear pieces per output: a_j = max of z over the j-th group of k units. */
    static Activation maxout(int k) {
        return new Maxout(k);
    }

    /**
     * An element-wise function g with its derivative g′ expressed in z and in its own output a = g(z):
     * σ′ = a(1 − a), tanh′ = 1 − a², and for the ReLUs a > 0 exactly when z > 0. Backward uses the
     * second form: the same bits as recomputing g(z), without the exponential.
     */
    final class Elementwise implements Activation {
        static final Elementwise SIGMOID = new Elementwise("sigmoid", Exp::sigmoid, z -> {
            double s = Exp.sigmoid(z);
            return s * (1 - s);
        }, a -> a * (1 - a), Exp::sigmoid);
        static final Elementwise TANH = new Elementwise("tanh", Math::tanh, z -> {
            double t = Math.tanh(z);
            return 1 - t * t;
        }, a -> 1 - a * a, null);
        static final Elementwise RELU = new Elementwise("ReLU", z -> z > 0 ? z : 0, z -> z > 0 ? 1 : 0, a -> a > 0 ? 1 : 0,
                null);
        static final Elementwise IDENTITY = new Elementwise("identity", z -> z, z -> 1, a -> 1, null);

        private final String name;
        private final DoubleUnaryOperator g;
        private final DoubleUnaryOperator gPrime;
        /** g′ as a function of a = g(z). */
        private final DoubleUnaryOperator gPrimeOfA;
        /** g over a whole array, with the bits of g one at a time, or null to call g per element. */
        private final ArrayFunction gOfArray;

        /** out[i] = g(in[i]) for i &lt; n. */
        interface ArrayFunction {
            void apply(double[] in, double[] out, int n);
        }

        Elementwise(String name, DoubleUnaryOperator g, DoubleUnaryOperator gPrime, DoubleUnaryOperator gPrimeOfA,
                    ArrayFunction gOfArray) {
            this.name = name;
            this.g = g;
            this.gPrime = gPrime;
            this.gPrimeOfA = gPrimeOfA;
            this.gOfArray = gOfArray;
        }

        /**
         * σ(z) = 1 / (1 + e^(−z)), which never exponentiates a large positive number (see
         * {@link Exp#sigmoid(double)}: the library's exp, the same bits on every JVM).
         */
        public static double sigmoid(double z) {
            return Exp.sigmoid(z);
        }

        @Override
        public String name() {
            return name;
        }

        /** g(z) for one number, e.g. for a chart of the function. */
        public double value(double z) {
            return g.applyAsDouble(z);
        }

        /** g′(z) for one number. */
        public double derivative(double z) {
            return gPrime.applyAsDouble(z);
        }

        @Override
        public void forward(DMatrixRMaj z, DMatrixRMaj a) {
            Shapes.requireSame("activation output a", z.numRows, z.numCols, a);
            int size = z.getNumElements();
            if (gOfArray != null) {
                gOfArray.apply(z.data, a.data, size);
                return;
            }
            for (int i = 0; i < size; i++) {
                a.data[i] = g.applyAsDouble(z.data[i]);
            }
        }

        @Override
        public void backward(DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj dA, DMatrixRMaj dZ) {
            Shapes.requireSame("∂C/∂a", z.numRows, z.numCols, dA);
            Shapes.requireSame("∂C/∂z", z.numRows, z.numCols, dZ);
            Shapes.requireSame("activation output a", z.numRows, z.numCols, a);
            int size = z.getNumElements();
            for (int i = 0; i < size; i++) {
                dZ.data[i] = dA.data[i] * gPrimeOfA.applyAsDouble(a.data[i]);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Softmax per row, shifted by the row maximum so that e^(z) never overflows. */
    final class Softmax implements Activation {
        static final Softmax INSTANCE = new Softmax();

        private Softmax() {}

        @Override
        public String name() {
            return "softmax";
        }

        @Override
        public void forward(DMatrixRMaj z, DMatrixRMaj a) {
            Shapes.requireSame("softmax output a", z.numRows, z.numCols, a);
            int k = z.numCols;
            for (int r = 0; r < z.numRows; r++) {
                int row = r * k;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    max = Math.max(max, z.data[row + j]);
                }
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    double e = Math.exp(z.data[row + j] - max);
                    a.data[row + j] = e;
                    sum += e;
                }
                for (int j = 0; j < k; j++) {
                    a.data[row + j] /= sum;
                }
            }
        }

        /** ∂C/∂z_i = a_i (∂C/∂a_i − Σ_j a_j ∂C/∂a_j): the Jacobian diag(a) − a aᵀ applied to ∂C/∂a. */
        @Override
        public void backward(DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj dA, DMatrixRMaj dZ) {
            Shapes.requireSame("∂C/∂a", a.numRows, a.numCols, dA);
            Shapes.requireSame("∂C/∂z", a.numRows, a.numCols, dZ);
            int k = a.numCols;
            for (int r = 0; r < a.numRows; r++) {
                int row = r * k;
                double dot = 0;
                for (int j = 0; j < k; j++) {
                    dot += a.data[row + j] * dA.data[row + j];
                }
                for (int j = 0; j < k; j++) {
                    dZ.data[row + j] = a.data[row + j] * (dA.data[row + j] - dot);
                }
            }
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /**
     * Maxout: the layer computes k linear pieces per output and keeps the largest. Units are grouped
     * consecutively: output j takes units j·k … j·k + k − 1. The gradient flows only to the winning piece.
     */
    final class Maxout implements Activation {
        private final int k;

        Maxout(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("maxout needs k ≥ 1 linear pieces per output, got " + k);
            }
            this.k = k;
        }

        @Override
        public String name() {
            return "maxout(" + k + ")";
        }

        @Override
        public int piecesPerOutput() {
            return k;
        }

        @Override
        public void forward(DMatrixRMaj z, DMatrixRMaj a) {
            Shapes.requireSame("maxout output a", z.numRows, z.numCols / k, a);
            for (int r = 0; r < z.numRows; r++) {
                for (int j = 0; j < a.numCols; j++) {
                    a.unsafe_set(r, j, z.unsafe_get(r, winner(z, r, j)));
                }
            }
        }

        @Override
        public void backward(DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj dA, DMatrixRMaj dZ) {
            Shapes.requireSame("∂C/∂a", z.numRows, z.numCols / k, dA);
            Shapes.requireSame("∂C/∂z", z.numRows, z.numCols, dZ);
            dZ.zero();
            for (int r = 0; r < z.numRows; r++) {
                for (int j = 0; j < dA.numCols; j++) {
                    dZ.unsafe_set(r, winner(z, r, j), dA.unsafe_get(r, j));
                }
            }
        }

        /** The column of the largest piece of output j in row r (the first one on ties). */
        private int winner(DMatrixRMaj z, int r, int j) {
            int best = j * k;
            for (int c = j * k + 1; c < (j + 1) * k; c++) {
                if (z.unsafe_get(r, c) > z.unsafe_get(r, best)) {
                    best = c;
                }
            }
            return best;
        }

        @Override
        public String toString() {
            return name();
        }
    }
}
