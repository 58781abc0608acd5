package nnlab.train;

import nnlab.linalg.Parallel;
import org.ejml.data.DMatrixRMaj;

/**
 * An update rule for one parameter matrix w and its gradient g = ∂J/∂w, with the rule's memory kept in
 * an explicit {@link State} that the caller owns (one state per parameter matrix). A rule changes only
 * the w and the state it is given, so the same optimizer object can serve every layer.
 *
 * <pre>{@code
 * Optimizer opt = Optimizer.momentum(0.1, 0.9);
 * Optimizer.State s = opt.newState(W);     // zeros shaped like W
 * opt.update(W, dW, s);                      // one step, in place
 * }</pre>
 *
 * <p>Every rule refuses a gradient or state whose shape differs from w, so a mixed-up layer shows at
 * once. The {@link Trainer} keeps one state for every W(l) and every b(l).
 */
public sealed interface Optimizer permits Sgd, Momentum, Adagrad, Adam {

    /** A short description with the hyper-parameters, for tables and legends. */
    String name();

    /** One step: w and the state change in place; g is only read. */
    void update(DMatrixRMaj w, DMatrixRMaj g, State state);

    /** A fresh state (all zeros, no steps taken) for a parameter matrix shaped like w. */
    default State newState(DMatrixRMaj w) {
        return new State(w.numRows, w.numCols);
    }

    /** Plain gradient descent w ← w − η g. */
    static Optimizer sgd(double eta) {
        return new Sgd(eta);
    }

    /** Momentum v ← λ v − η g; w ← w + v, with λ in [0, 1). */
    static Optimizer momentum(double eta, double lambda) {
        return new Momentum(eta, lambda);
    }

    /** Adagrad with the default ε ({@link Adagrad#DEFAULT_EPSILON}). */
    static Optimizer adagrad(double eta) {
        return new Adagrad(eta, Adagrad.DEFAULT_EPSILON);
    }

    /** Adam with β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
    static Optimizer adam(double eta) {
        return new Adam(eta, Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2, Adam.DEFAULT_EPSILON);
    }

    /**
     * The memory of a rule for one parameter matrix (rows × cols): two arrays in the matrix's row-major
     * order and the number of steps taken. What the arrays hold depends on the rule — momentum: the
     * velocity v in {@link #first()}; Adagrad: the running Σ g² in {@link #first()}; Adam: the moment
     * estimates m in {@link #first()} and v in {@link #second()}; SGD keeps nothing but the step count.
     */
    final class State {
        /**
         * From this many elements an update runs in ranges on the product threads ({@link Parallel}):
         * about 10 µs of work on one core, enough to pay for the hand-over. A 784-100-10 network's
         * W(1) (78,400 weights) is split, its biases and W(2) are not. The split never changes a bit:
         * every rule is element by element.
         */
        static final int PARALLEL_MIN = 32_768;

        private final int rows;
        private final int cols;
        final double[] first;
        final double[] second;
        long steps;
        /** The reusable job of {@link #forEachElement}, so an update allocates nothing. */
        private final ElementPass pass = new ElementPass();

        State(int rows, int cols) {
            this.rows = rows;
            this.cols = cols;
            this.first = new double[rows * cols];
            this.second = new double[rows * cols];
        }

        /** The first state array, row-major (a copy). */
        public double[] first() {
            return first.clone();
        }

        /** The second state array, row-major (a copy). */
        public double[] second() {
            return second.clone();
        }

        /** How many updates this state has seen. */
        public long steps() {
            return steps;
        }

        /**
         * Runs {@code rule}'s per-element step over all elements of w, g and this state, in ranges that
         * may run at the same time on different threads.
         */
        <R extends Optimizer> void forEachElement(R rule, DMatrixRMaj w, DMatrixRMaj g, ElementStep<R> step) {
            pass.bind(rule, w.data, g.data, this, step);
            try {
                Parallel.forRanges(rows * cols, PARALLEL_MIN, pass);
            } finally {
                pass.bind(null, null, null, null, null);
            }
        }

        /** A rule's step for the elements [from, to) of w, g and the state's arrays; nothing outside that range. */
        @FunctionalInterface
        interface ElementStep<R extends Optimizer> {
            void apply(R rule, double[] w, double[] g, State state, int from, int to);
        }

        /** One update in progress: what {@link State#forEachElement} hands to {@link Parallel}. */
        private static final class ElementPass implements Parallel.Ranges {
            private Optimizer rule;
            private double[] w;
            private double[] g;
            private State state;
            private ElementStep<Optimizer> step;

            @SuppressWarnings("unchecked")
            <R extends Optimizer> void bind(R rule, double[] w, double[] g, State state, ElementStep<R> step) {
                this.rule = rule;
                this.w = w;
                this.g = g;
                this.state = state;
                this.step = (ElementStep<Optimizer>) step;
            }

            @Override
            public void run(int from, int to) {
                step.apply(rule, w, g, state, from, to);
            }
        }

        /** Fails unless w, g and this state all have the same shape. */
        void requireFits(DMatrixRMaj w, DMatrixRMaj g) {
            if (w.numRows != rows || w.numCols != cols) {
                throw new IllegalArgumentException(String.format(
                        "this optimizer state was made for a (%d × %d) parameter but w is (%d × %d); "
                                + "keep one state per parameter matrix (optimizer.newState(w))", rows, cols, w.numRows, w.numCols));
            }
            if (g.numRows != rows || g.numCols != cols) {
                throw new IllegalArgumentException(String.format(
                        "the gradient must have the shape of w (%d × %d) but is (%d × %d); pass dW(l) with W(l) and db(l) with b(l)",
                        rows, cols, g.numRows, g.numCols));
            }
        }
    }
}
