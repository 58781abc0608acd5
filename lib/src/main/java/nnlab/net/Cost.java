package nnlab.net;

import org.ejml.data.DMatrixRMaj;

/**
 * The cost J(θ) that training minimizes: a per-example {@link Loss}, a {@link Reduction} over the
 * batch, and a {@link Regularizer}: J = scale(n) · (Σ_x C_x + penalty(W)), scale = 1 (SUM) or 1/n (MEAN).
 *
 * <p>The course's J(Θ) with λ is {@code Cost.of(Loss.crossEntropy(), Reduction.MEAN).with(Regularizer.l2(λ))}:
 * (1/m) Σ Σ_k [−y ln h − (1−y) ln(1−h)] + λ/(2m) Σ θ² (no bias terms).
 *
 * <p>Bad input fails with a message, never as a silent NaN. Every method refuses a loss the output
 * layer cannot feed ({@link Loss#requireOutput}: cross-entropy on an identity output) and targets
 * outside the loss's domain ({@link Loss#requireTargets}). The methods that take x also scan x, y and
 * every parameter for NaN and infinities ({@link #requireFinite}; a scan costs far less than the
 * products). The forward-pass overloads, which the training loop calls on data it checked before the
 * first step, do not scan.
 */
public final class Cost {
    private final Loss loss;
    private final Reduction reduction;
    private final Regularizer regularizer;

    private Cost(Loss loss, Reduction reduction, Regularizer regularizer) {
        if (loss == null || reduction == null || regularizer == null) {
            throw new IllegalArgumentException("a cost needs a loss, a reduction (SUM or MEAN) and a regularizer (Regularizer.NONE for none)");
        }
        this.loss = loss;
        this.reduction = reduction;
        this.regularizer = regularizer;
    }

    public static Cost of(Loss loss, Reduction reduction) {
        return new Cost(loss, reduction, Regularizer.NONE);
    }

    /** The same cost with a weight penalty. */
    public Cost with(Regularizer regularizer) {
        return new Cost(loss, reduction, regularizer);
    }

    public Loss loss() {
        return loss;
    }

    public Reduction reduction() {
        return reduction;
    }

    public Regularizer regularizer() {
        return regularizer;
    }

    /** J for a batch at test time. */
    public double value(Network net, DMatrixRMaj x, DMatrixRMaj y) {
        requireFinite(net, x, y);
        return value(net, net.forward(x), y);
    }

    /** J for a forward pass already done. */
    public double value(Network net, ForwardPass fp, DMatrixRMaj y) {
        requirePairing(net, fp);
        int L = fp.depth();
        double sum = loss.value(net.layer(L).activation(), fp.z(L), fp.activated(L), y);
        return reduction.scale(fp.batchSize()) * (sum + regularizer.penalty(net));
    }

    /** ∂J/∂θ for a batch at test time: vectorized backprop plus the regularization term. */
    public Gradients gradient(Network net, DMatrixRMaj x, DMatrixRMaj y) {
        requireFinite(net, x, y);
        Gradients g = new Gradients(net);
        gradient(net, net.forward(x), y, g);
        return g;
    }

    /** ∂J/∂θ for a forward pass already done, into reusable buffers. */
    public void gradient(Network net, ForwardPass fp, DMatrixRMaj y, Gradients out) {
        requirePairing(net, fp);
        Backprop.backward(net, loss, reduction, fp, y, out);
        regularizer.addGradient(net, out, reduction.scale(fp.batchSize()));
    }

    /**
     * Throws unless x and every weight and bias of the network are finite, naming the first bad row and
     * column of x, or the parameter (y is checked by the loss, against its domain).
     */
    public void requireFinite(Network net, DMatrixRMaj x, DMatrixRMaj y) {
        if (net == null || x == null || y == null) {
            throw new IllegalArgumentException("the cost needs a network, inputs x and targets y; got "
                    + (net == null ? "no network " : "") + (x == null ? "no x " : "") + (y == null ? "no y" : ""));
        }
        Shapes.requireFinite("inputs x", x);
        // y is scanned by the loss, which knows its domain (Loss.requireTargets)
        net.requireFinite();
    }

    private void requirePairing(Network net, ForwardPass fp) {
        if (net == null || fp == null) {
            throw new IllegalArgumentException("the cost needs a network and a forward pass of it; got "
                    + (net == null ? "no network " : "") + (fp == null ? "no pass" : ""));
        }
        loss.requireOutput(net.layer(net.depth()).activation());
    }

    @Override
    public String toString() {
        return loss.name() + ", " + reduction + (regularizer.equals(Regularizer.NONE) ? "" : ", " + regularizer);
    }
}
