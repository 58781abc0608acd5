package nnlab.net;

import org.ejml.data.DMatrixRMaj;

import java.util.SplittableRandom;

/**
 * How a layer's weights W (units × in) and biases b (units × 1) start. Every initializer draws from
 * the {@link SplittableRandom} it is given, so a seed fixes the numbers.
 */
public interface Init {

    String name();

    void fill(DMatrixRMaj W, DMatrixRMaj b, SplittableRandom random);

    /** All zeros: every hidden unit stays identical to its neighbours (the symmetry problem). */
    static Init zeros() {
        return named("zeros", (W, b, r) -> {
            W.zero();
            b.zero();
        });
    }

    /**
     * Uniform on [−ε, ε] for weights AND biases, as the course's
     * {@code rand(10, 11) * 2 * INIT_EPSILON − INIT_EPSILON} fills the whole Θ, bias column included.
     */
    static Init uniform(double epsilon) {
        if (!(epsilon > 0 && epsilon < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("INIT_EPSILON must be a finite number > 0, got " + epsilon
                    + " (the course uses 0.12; an infinite range would fill every weight with NaN)");
        }
        return named("uniform ±" + epsilon, (W, b, r) -> {
            fillUniform(b, epsilon, r);
            fillUniform(W, epsilon, r);
        });
    }

    /** Weights from N(0, std²), biases 0. {@code normal(1)} is the plain N(0, 1) start. */
    static Init normal(double std) {
        if (!(std > 0 && std < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("standard deviation must be a finite number > 0, got " + std
                    + " (e.g. 1 for N(0, 1); Init.he() or Init.xavier() choose it from the layer's size)");
        }
        return named("N(0, " + std + "²)", (W, b, r) -> {
            fillGaussian(W, std, r);
            b.zero();
        });
    }

    /** Weights from N(0, 1/n_in), biases 0. */
    static Init normalFanIn() {
        return named("N(0, 1/n_in)", (W, b, r) -> {
            fillGaussian(W, Math.sqrt(1.0 / W.numCols), r);
            b.zero();
        });
    }

    /** Xavier/Glorot uniform: ±√(6 / (n_in + n_out)), biases 0. */
    static Init xavier() {
        return xavier(1);
    }

    /**
     * Xavier/Glorot uniform scaled by a gain: ±gain·√(6 / (n_in + n_out)), biases 0. Xavier keeps the
     * variance of a layer whose activation has slope 1 at 0 (tanh); the sigmoid's slope there is ¼, and
     * gain 4 is the factor often used for it.
     */
    static Init xavier(double gain) {
        if (!(gain > 0) || Double.isInfinite(gain)) {
            throw new IllegalArgumentException("the Xavier gain must be finite and > 0, got " + gain);
        }
        String factor = gain == Math.rint(gain) ? Long.toString((long) gain) : Double.toString(gain);
        return named(gain == 1 ? "Xavier" : "Xavier × " + factor, (W, b, r) -> {
            fillUniform(W, gain * Math.sqrt(6.0 / (W.numCols + W.numRows)), r);
            b.zero();
        });
    }

    /** He: N(0, 2/n_in), biases 0; suited to ReLU layers. */
    static Init he() {
        return named("He", (W, b, r) -> {
            fillGaussian(W, Math.sqrt(2.0 / W.numCols), r);
            b.zero();
        });
    }

    /** A filling rule for one layer. */
    @FunctionalInterface
    interface Rule {
        void fill(DMatrixRMaj W, DMatrixRMaj b, SplittableRandom random);
    }

    private static Init named(String name, Rule rule) {
        return new Init() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void fill(DMatrixRMaj W, DMatrixRMaj b, SplittableRandom random) {
                rule.fill(W, b, random);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /** Fills column by column (Octave's order); b first, then W, is the column order of Θ = [b W]. */
    private static void fillUniform(DMatrixRMaj m, double epsilon, SplittableRandom r) {
        for (int c = 0; c < m.numCols; c++) {
            for (int row = 0; row < m.numRows; row++) {
                m.unsafe_set(row, c, r.nextDouble() * 2 * epsilon - epsilon);
            }
        }
    }

    private static void fillGaussian(DMatrixRMaj m, double std, SplittableRandom r) {
        for (int c = 0; c < m.numCols; c++) {
            for (int row = 0; row < m.numRows; row++) {
                m.unsafe_set(row, c, std * gaussian(r));
            }
        }
    }

    /** A standard normal draw by the Box–Muller transform (SplittableRandom has no nextGaussian on 17). */
    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
