package nnlab.net;

import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A feedforward network of fully connected layers, numbered l = 1 … L; a(0) is the input.
 *
 * <p>Index conventions against the documents (see CONTRIBUTING.md): our {@code layer(l)} is the
 * course's Θ⁽ˡ⁾ (with the bias column first, {@link #theta(int)}); the course's a⁽ˡ⁾, z⁽ˡ⁾, δ⁽ˡ⁾ are our
 * a(l−1), z(l−1), δ(l−1); Nielsen's wˡ, bˡ, δˡ are our l−1.
 *
 * <p>A network is built once with {@link #builder(int)} and its weights change in place during
 * training. {@link #copy()} makes an independent copy.
 */
public final class Network {
    private final int inputs;
    private final List<Layer> layers;
    private final SplittableRandom dropoutRandom;

    private Network(int inputs, List<Layer> layers, SplittableRandom dropoutRandom) {
        this.inputs = inputs;
        this.layers = layers;
        this.dropoutRandom = dropoutRandom;
    }

    /** Starts a network with {@code inputs} input units. */
    public static Builder builder(int inputs) {
        return new Builder(inputs);
    }

    /** The number of layers L (weight layers; the input is not counted). */
    public int depth() {
        return layers.size();
    }

    /** Layer l, 1-based: layer(1) maps the input to the first hidden layer. */
    public Layer layer(int l) {
        if (l < 1 || l > layers.size()) {
            throw new IllegalArgumentException("layer " + l + " does not exist: this network has layers 1 … "
                    + layers.size() + " (1-based; the input is a(0), not a layer)");
        }
        return layers.get(l - 1);
    }

    public int inputs() {
        return inputs;
    }

    public int outputs() {
        return layers.get(layers.size() - 1).out();
    }

    /** The number of units per level, input first: e.g. {784, 100, 10}. */
    public int[] sizes() {
        int[] s = new int[depth() + 1];
        s[0] = inputs;
        for (int l = 1; l <= depth(); l++) {
            s[l] = layer(l).out();
        }
        return s;
    }

    /** Whether any layer has dropout. */
    public boolean hasDropout() {
        return layers.stream().anyMatch(layer -> layer.dropout().active());
    }

    /** A new pass object with buffers for this network, to be reused with {@link #forward(DMatrixRMaj, ForwardPass)}. */
    public ForwardPass newPass(Mode mode) {
        return new ForwardPass(this, mode);
    }

    /** Forward pass at test time (no dropout masks) over a batch x (n × inputs). */
    public ForwardPass forward(DMatrixRMaj x) {
        ForwardPass fp = newPass(Mode.INFERENCE);
        forward(x, fp);
        return fp;
    }

    /**
     * Forward pass into reusable buffers. In TRAINING mode, layers with dropout draw a fresh mask from the
     * network's seeded stream, unless the pass's masks are frozen.
     */
    public void forward(DMatrixRMaj x, ForwardPass fp) {
        if (fp == null) {
            throw new IllegalArgumentException("the forward pass is null; make one with newPass(Mode.INFERENCE) or newPass(Mode.TRAINING)");
        }
        if (x == null) {
            throw new IllegalArgumentException("input x is null; expected a batch (n × " + inputs + "), one example per row");
        }
        Shapes.requireSame("input x (one example per row)", x.numRows, inputs, x);
        if (x.numRows == 0) {
            throw new IllegalArgumentException("input x has no rows; pass at least one example");
        }
        if (fp.depth() != depth()) {
            throw new IllegalArgumentException("this pass was made for a network with " + fp.depth()
                    + " layers, this one has " + depth() + "; use newPass(...) of this network");
        }
        fp.setInput(x);
        for (int l = 1; l <= depth(); l++) {
            Layer layer = layer(l);
            layer.forward(fp.rawA(l - 1), fp.rawZ(l), fp.rawG(l));
            applyDropout(layer, fp, l);
        }
    }

    private void applyDropout(Layer layer, ForwardPass fp, int l) {
        Dropout d = layer.dropout();
        DMatrixRMaj g = fp.rawG(l);
        DMatrixRMaj a = fp.rawA(l);
        if (a == g) {
            return;
        }
        int size = g.getNumElements();
        if (fp.mode() == Mode.INFERENCE) {
            double s = d.testScale();
            for (int i = 0; i < size; i++) {
                a.data[i] = s * g.data[i];
            }
            return;
        }
        DMatrixRMaj m = fp.rawMask(l);
        if (!fp.masksFrozen()) {
            double kept = d.keptScale();
            for (int i = 0; i < size; i++) {
                m.data[i] = dropoutRandom.nextDouble() < d.rate() ? 0 : kept;
            }
        }
        for (int i = 0; i < size; i++) {
            a.data[i] = m.data[i] * g.data[i];
        }
    }

    /** The output a(L) (n × K) for a batch x at test time. */
    public DMatrixRMaj predict(DMatrixRMaj x) {
        return forward(x).output();
    }

    /** The predicted class of every row of x: the index of its largest output. */
    public int[] classify(DMatrixRMaj x) {
        DMatrixRMaj out = predict(x);
        int[] labels = new int[out.numRows];
        for (int r = 0; r < out.numRows; r++) {
            int best = 0;
            for (int c = 1; c < out.numCols; c++) {
                if (out.unsafe_get(r, c) > out.unsafe_get(r, best)) {
                    best = c;
                }
            }
            labels[r] = best;
        }
        return labels;
    }

    /** Θ⁽ˡ⁾ = [b W] (units × (in + 1)), the course's matrix with the bias column first; a copy. */
    public DMatrixRMaj theta(int l) {
        Layer layer = layer(l);
        return Params.withBiasColumn(layer.W(), layer.b());
    }

    /** Sets layer l from Θ⁽ˡ⁾ = [b W] (units × (in + 1)). */
    public void setTheta(int l, DMatrixRMaj theta) {
        Layer layer = layer(l);
        Shapes.requireSame("Θ(" + l + ") = [b W] (bias column first)", layer.units(), layer.in() + 1, theta);
        for (int r = 0; r < layer.units(); r++) {
            layer.b().set(r, 0, theta.unsafe_get(r, 0));
            for (int c = 0; c < layer.in(); c++) {
                layer.W().unsafe_set(r, c, theta.unsafe_get(r, c + 1));
            }
        }
    }

    /** The number of parameters, weights and biases. */
    public int parameterCount() {
        int n = 0;
        for (Layer layer : layers) {
            n += layer.units() * (layer.in() + 1);
        }
        return n;
    }

    /** All parameters unrolled as the course does: [Θ⁽¹⁾(:); Θ⁽²⁾(:); …], each column-major, bias column first. */
    public double[] parameters() {
        DMatrixRMaj[] thetas = new DMatrixRMaj[depth()];
        for (int l = 1; l <= depth(); l++) {
            thetas[l - 1] = theta(l);
        }
        return Params.unroll(thetas);
    }

    /** Sets every parameter from a vector in the order of {@link #parameters()}. */
    public void setParameters(double[] theta) {
        if (theta == null || theta.length != parameterCount()) {
            throw new IllegalArgumentException("expected " + parameterCount() + " parameters (the length of parameters()), got "
                    + (theta == null ? "null" : theta.length));
        }
        int offset = 0;
        for (int l = 1; l <= depth(); l++) {
            Layer layer = layer(l);
            int rows = layer.units();
            int cols = layer.in() + 1;
            setTheta(l, Params.reshape(theta, offset + 1, offset + rows * cols, rows, cols));
            offset += rows * cols;
        }
    }

    /** An independent copy: same layers, weights and dropout settings, and a copy of the dropout stream. */
    public Network copy() {
        List<Layer> copies = new ArrayList<>();
        for (Layer layer : layers) {
            Layer c = new Layer(layer.in(), layer.out(), layer.activation(), layer.dropout());
            c.W().setTo(layer.W());
            c.b().setTo(layer.b());
            copies.add(c);
        }
        return new Network(inputs, copies, dropoutRandom.split());
    }

    /**
     * Throws unless every weight and bias is finite, naming the first bad one: NaN weights make every
     * output, cost and gradient NaN, which would otherwise show up only as a NaN far from its cause.
     */
    public void requireFinite() {
        for (int l = 1; l <= depth(); l++) {
            Layer layer = layer(l);
            requireFinite(layer.W(), "W(" + l + ")");
            requireFinite(layer.b(), "b(" + l + ")");
        }
    }

    private static void requireFinite(DMatrixRMaj m, String name) {
        for (int i = 0; i < m.getNumElements(); i++) {
            if (!Double.isFinite(m.data[i])) {
                throw new IllegalArgumentException(String.format("the network's %s has %s at (%d, %d) (0-based): its "
                        + "parameters are not all numbers. Set them again (initialize(Init.xavier(), seed), setParameters) "
                        + "or find what wrote them (an initializer, parameters set by hand, a diverged training run)",
                        name, m.data[i], i / m.numCols, i % m.numCols));
            }
        }
    }

    /** Re-draws every weight and bias with a new initializer and seed. */
    public void initialize(Init init, long seed) {
        if (init == null) {
            throw new IllegalArgumentException("initializer is null; use e.g. Init.xavier()");
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (Layer layer : layers) {
            init.fill(layer.W(), layer.b(), random);
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Network ").append(inputs);
        for (Layer layer : layers) {
            s.append(" → ").append(layer.out()).append(' ').append(layer.activation().name());
            if (layer.dropout().active()) {
                s.append(" (dropout ").append(layer.dropout().rate()).append(')');
            }
        }
        return s.toString();
    }

    /** Describes a network layer by layer. */
    public static final class Builder {
        private final int inputs;
        private final List<Layer> layers = new ArrayList<>();
        private Init init;
        private long seed;
        private Long dropoutSeed;

        private Builder(int inputs) {
            if (inputs < 1) {
                throw new IllegalArgumentException("a network needs at least one input, got " + inputs);
            }
            this.inputs = inputs;
        }

        /** Adds a fully connected layer with {@code out} outputs and activation g. */
        public Builder dense(int out, Activation g) {
            int in = layers.isEmpty() ? inputs : layers.get(layers.size() - 1).out();
            layers.add(new Layer(in, out, g, Dropout.NONE));
            return this;
        }

        /** Adds a maxout layer: {@code out} outputs, each the max of k linear pieces. */
        public Builder maxout(int out, int k) {
            return dense(out, Activation.maxout(k));
        }

        /** Applies dropout with drop rate p to the output of the layer added last (inverted convention). */
        public Builder dropout(double rate) {
            return dropout(Dropout.inverted(rate));
        }

        /** Applies the given dropout to the output of the layer added last. */
        public Builder dropout(Dropout dropout) {
            if (layers.isEmpty()) {
                throw new IllegalStateException("add a layer before its dropout: dropout applies to a layer's output");
            }
            Layer last = layers.remove(layers.size() - 1);
            layers.add(new Layer(last.in(), last.out(), last.activation(), dropout));
            return this;
        }

        /** The initializer and the seed of its random draws. */
        public Builder init(Init init, long seed) {
            if (init == null) {
                throw new IllegalArgumentException("initializer is null; use e.g. Init.xavier()");
            }
            this.init = init;
            this.seed = seed;
            return this;
        }

        /** The seed of the dropout masks (default: the initializer's seed + 1). */
        public Builder dropoutSeed(long seed) {
            this.dropoutSeed = seed;
            return this;
        }

        public Network build() {
            if (layers.isEmpty()) {
                throw new IllegalStateException("a network needs at least one layer: call dense(...)");
            }
            if (init == null) {
                throw new IllegalStateException("choose how the weights start: .init(Init.uniform(0.12), seed), "
                        + ".init(Init.xavier(), seed), … or .init(Init.zeros(), 0) to set them yourself");
            }
            if (layers.get(layers.size() - 1).dropout().active()) {
                throw new IllegalStateException("dropout on the output layer is not supported: apply it to hidden layers");
            }
            long ds = dropoutSeed == null ? seed + 1 : dropoutSeed;
            Network net = new Network(inputs, new ArrayList<>(layers), new SplittableRandom(ds));
            net.initialize(init, seed);
            // the builder's layers now belong to the network; a second build() must not share them
            layers.replaceAll(layer -> new Layer(layer.in(), layer.out(), layer.activation(), layer.dropout()));
            return net;
        }
    }
}
