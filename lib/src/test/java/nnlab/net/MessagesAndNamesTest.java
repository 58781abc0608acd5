package nnlab.net;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.Arrays;

import static nnlab.Refused.refused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every shape and index precondition of nnlab.net throws with a message naming the matrix, and every
 * name a table or legend shows is the documented one (mutation testing found them untested).
 */
class MessagesAndNamesTest {


    private static Network net() {
        return Network.builder(3).dense(4, Activation.sigmoid()).dense(2, Activation.sigmoid()).init(Init.uniform(0.5), 1).build();
    }

    private static Network dropoutNet() {
        return Network.builder(3).dense(4, Activation.sigmoid()).dropout(0.5).dense(2, Activation.sigmoid()).init(Init.uniform(0.5), 1).build();
    }

    @Test
    void layerIndicesOutOfRangeAreNamed() {
        Gradients g = new Gradients(net());
        for (Executable call : new Executable[]{() -> g.dW(0), () -> g.db(3), () -> g.delta(0), () -> g.dA(0), () -> g.thetaGrad(3),
                () -> g.weightNorm(0), () -> g.meanAbsDelta(3)}) {
            refused(call, "out of range 1 … 2");
        }
        ForwardPass fp = net().forward(new DMatrixRMaj(1, 3));
        for (Executable call : new Executable[]{() -> fp.a(-1), () -> fp.z(0), () -> fp.activated(0), () -> fp.mask(3)}) {
            refused(call, "out of range");
        }
        refused(() -> net().layer(0), "layers 1 … 2");
    }

    @Test
    void shapeMismatchesNameTheMatrix() {
        Network net = net();
        refused(() -> net.forward(new DMatrixRMaj(2, 4)), "input x", "(2 × 3)", "(2 × 4)");
        refused(() -> net.forward(new DMatrixRMaj(0, 3)), "no rows");
        refused(() -> net.setParameters(new double[3]), "expected 26 parameters", "got 3");
        refused(() -> net.setParameters(null), "got null");
        refused(() -> net.setTheta(1, new DMatrixRMaj(4, 3)), "Θ(1)", "(4 × 4)");
        Layer layer = net.layer(1);
        refused(() -> layer.forward(new DMatrixRMaj(2, 2), new DMatrixRMaj(2, 4), new DMatrixRMaj(2, 4)), "a_prev");
        refused(() -> layer.backward(new DMatrixRMaj(2, 3), new DMatrixRMaj(2, 3), 1, new DMatrixRMaj(4, 3), new DMatrixRMaj(4, 1), null),
                "δ of this layer");
        refused(() -> layer.backward(new DMatrixRMaj(2, 3), new DMatrixRMaj(2, 4), 1, new DMatrixRMaj(4, 3), new DMatrixRMaj(3, 1), null),
                "∂C/∂b");
        refused(() -> Params.withBiasColumn(new DMatrixRMaj(2, 2), new DMatrixRMaj(3, 1)), "bias column b");
        refused(() -> Params.reshape(new double[4], 2, 1, 1, 1), "positions 2:1");
        refused(() -> Params.reshape(new double[4], 1, 4, 2, 3), "hold 4 numbers", "2 × 3 matrix needs 6");
        // the last position may be the vector's last, not beyond
        assertEquals(4, Params.reshape(new double[]{1, 2, 3, 4}, 1, 4, 2, 2).get(1, 1));
        refused(() -> Params.reshape(new double[4], 1, 5, 1, 5), "outside the vector's 1:4");
        assertEquals(4, Params.reshape(new double[]{1, 2, 3, 4}, 1, 4, 1, 4).get(0, 3), "a row vector");
        assertEquals(4, Params.reshape(new double[]{1, 2, 3, 4}, 1, 4, 4, 1).get(3, 0), "a column vector");
    }

    @Test
    void activationsCheckTheirBuffers() {
        DMatrixRMaj z = new DMatrixRMaj(2, 4);
        for (Activation g : new Activation[]{Activation.sigmoid(), Activation.softmax()}) {
            refused(() -> g.forward(z, new DMatrixRMaj(2, 3)), "output a");
            refused(() -> g.backward(z, new DMatrixRMaj(2, 4), new DMatrixRMaj(2, 3), new DMatrixRMaj(2, 4)), "∂C/∂a");
            refused(() -> g.backward(z, new DMatrixRMaj(2, 4), new DMatrixRMaj(2, 4), new DMatrixRMaj(1, 4)), "∂C/∂z");
        }
        refused(() -> Activation.sigmoid().backward(z, new DMatrixRMaj(2, 3), new DMatrixRMaj(2, 4), new DMatrixRMaj(2, 4)), "output a");
        Activation maxout = Activation.maxout(2);
        refused(() -> maxout.forward(z, new DMatrixRMaj(2, 4)), "maxout output a");
        refused(() -> maxout.backward(z, new DMatrixRMaj(2, 2), new DMatrixRMaj(2, 4), new DMatrixRMaj(2, 4)), "∂C/∂a");
        refused(() -> maxout.backward(z, new DMatrixRMaj(2, 2), new DMatrixRMaj(2, 2), new DMatrixRMaj(2, 2)), "∂C/∂z");
        refused(() -> Activation.maxout(0), "k ≥ 1");
        assertEquals(1, Activation.maxout(1).piecesPerOutput());
        refused(() -> Activation.leakyRelu(1), "[0, 1)");
        refused(() -> Activation.leakyRelu(-0.01), "[0, 1)");
        Activation.Elementwise flat = (Activation.Elementwise) Activation.leakyRelu(0);
        assertEquals(0, flat.value(-3), 0);
        Activation.Elementwise leaky = (Activation.Elementwise) Activation.leakyRelu(0.1);
        assertEquals(-0.3, leaky.value(-3), 1e-15);
        assertEquals(0.1, leaky.derivative(-3), 0);
        assertEquals(1, leaky.derivative(2), 0);
        assertEquals(0, ((Activation.Elementwise) Activation.relu()).derivative(0), 0, "ReLU′(0) is taken as 0");
        DMatrixRMaj dZ = new DMatrixRMaj(1, 2);
        Activation.relu().backward(new DMatrixRMaj(new double[][]{{0, 1}}), new DMatrixRMaj(new double[][]{{0, 1}}),
                new DMatrixRMaj(new double[][]{{5, 5}}), dZ);
        assertArrayEquals(new double[]{0, 5}, dZ.data, 0, "backward uses ReLU′ = 0 where a = 0");
    }

    @Test
    void maxoutTiesGoToTheFirstPiece() {
        Activation maxout = Activation.maxout(2);
        DMatrixRMaj z = new DMatrixRMaj(new double[][]{{2, 2}});
        DMatrixRMaj a = new DMatrixRMaj(1, 1);
        maxout.forward(z, a);
        DMatrixRMaj dZ = new DMatrixRMaj(1, 2);
        maxout.backward(z, a, new DMatrixRMaj(new double[][]{{5}}), dZ);
        assertArrayEquals(new double[]{5, 0}, dZ.data, 0);
    }

    @Test
    void namesAreTheDocumentedOnes() {
        assertEquals("sigmoid", Activation.sigmoid().toString());
        assertEquals("softmax", Activation.softmax().name());
        assertEquals("softmax", Activation.softmax().toString());
        assertEquals("maxout(3)", Activation.maxout(3).toString());
        assertEquals("leaky ReLU(0.1)", Activation.leakyRelu(0.1).name());
        assertEquals("quadratic ½Σ(y−a)²", Loss.quadratic().toString());
        assertEquals("cross-entropy Σ−y ln a−(1−y) ln(1−a)", Loss.crossEntropy().name());
        assertEquals(Loss.crossEntropy().name(), Loss.crossEntropy().toString());
        assertEquals("softmax cross-entropy −Σy ln a", Loss.softmaxCrossEntropy().name());
        assertEquals(Loss.softmaxCrossEntropy().name(), Loss.softmaxCrossEntropy().toString());
        assertEquals("none", Regularizer.NONE.toString());
        assertEquals("L1(λ=0.5)", Regularizer.l1(0.5).toString());
        assertEquals("L2(λ=0.25)", Regularizer.l2(0.25).toString());
        assertEquals("L1(λ=0.5) + L2(λ=0.25)", new Regularizer(0.5, 0.25).toString());
        assertEquals("quadratic ½Σ(y−a)², SUM", Cost.of(Loss.quadratic(), Reduction.SUM).toString());
        assertEquals("quadratic ½Σ(y−a)², MEAN, L2(λ=0.25)", Cost.of(Loss.quadratic(), Reduction.MEAN).with(Regularizer.l2(0.25)).toString());
        assertEquals("Network 3 → 4 sigmoid (dropout 0.5) → 2 sigmoid", dropoutNet().toString());
        assertEquals("3 → 4 sigmoid, dropout 0.5 INVERTED", dropoutNet().layer(1).toString());
    }

    @Test
    void lossesCheckShapes() {
        DMatrixRMaj a = new DMatrixRMaj(2, 2);
        DMatrixRMaj wrong = new DMatrixRMaj(2, 3);
        DMatrixRMaj z = new DMatrixRMaj(2, 2);
        for (Loss loss : new Loss[]{Loss.quadratic(), Loss.crossEntropy(), Loss.softmaxCrossEntropy()}) {
            refused(() -> loss.value(a, wrong), "targets y", "(2 × 2)");
            refused(() -> loss.gradient(a, wrong, new DMatrixRMaj(2, 2)), "targets y");
        }
        refused(() -> Loss.crossEntropy().value(Activation.sigmoid(), z, a, wrong), "targets y");
        refused(() -> Loss.crossEntropy().outputDelta(Activation.sigmoid(), z, a, wrong, new DMatrixRMaj(2, 2)), "targets y");
        refused(() -> Loss.softmaxCrossEntropy().value(Activation.softmax(), z, a, wrong), "targets y");
        refused(() -> Loss.softmaxCrossEntropy().outputDelta(Activation.softmax(), z, a, wrong, new DMatrixRMaj(2, 2)), "targets y");
        // a row sum 1e-9 away from 1 is rounding; more is not
        DMatrixRMaj almost = new DMatrixRMaj(new double[][]{{0.5, 0.5 + 5e-10}});
        Loss.softmaxCrossEntropy().requireTargets(almost);
        refused(() -> Loss.softmaxCrossEntropy().requireTargets(new DMatrixRMaj(new double[][]{{0.5, 0.5 - 2e-9}})), "sums to");
    }

    @Test
    void backpropVariantsCheckTheirInput() {
        Network net = net();
        DMatrixRMaj x = new DMatrixRMaj(3, 1);
        DMatrixRMaj y = new DMatrixRMaj(2, 1);
        refused(() -> Backprop.single(dropoutNet(), Loss.quadratic(), x, y), "Backprop.single", "no dropout");
        refused(() -> Backprop.perExample(dropoutNet(), Loss.quadratic(), Reduction.SUM, new DMatrixRMaj(1, 3), new DMatrixRMaj(1, 2)),
                "Backprop.perExample");
        refused(() -> Backprop.recursive(dropoutNet(), Loss.quadratic(), Reduction.SUM, new DMatrixRMaj(1, 3), new DMatrixRMaj(1, 2)),
                "Backprop.recursive");
        refused(() -> Backprop.single(net, Loss.quadratic(), new DMatrixRMaj(1, 3), y), "x (one example as a column)");
        refused(() -> Backprop.single(net, Loss.quadratic(), x, new DMatrixRMaj(1, 2)), "y (one target as a column)");
        refused(() -> Backprop.perExample(net, Loss.quadratic(), Reduction.SUM, new DMatrixRMaj(2, 3), new DMatrixRMaj(1, 2)), "targets y");
        refused(() -> Backprop.recursive(net, Loss.quadratic(), Reduction.SUM, new DMatrixRMaj(2, 4), new DMatrixRMaj(2, 2)), "input x");
    }

    /** The recursive form hands every layer's ∂C/∂a down; the batch form keeps the same matrices. */
    @Test
    void recursiveBackpropKeepsTheSameDA() {
        Network net = Network.builder(3).dense(4, Activation.tanh()).dense(3, Activation.sigmoid()).dense(2, Activation.sigmoid())
                .init(Init.uniform(0.8), 2).build();
        DMatrixRMaj x = new DMatrixRMaj(new double[][]{{0.1, 0.5, -0.3}, {0.7, -0.2, 0.4}});
        DMatrixRMaj y = new DMatrixRMaj(new double[][]{{1, 0}, {0, 1}});
        Gradients batch = Backprop.vectorized(net, Loss.quadratic(), Reduction.SUM, x, y);
        Gradients recursive = Backprop.recursive(net, Loss.quadratic(), Reduction.SUM, x, y);
        for (int l = 1; l < net.depth(); l++) {
            assertArrayEquals(batch.dA(l).data, recursive.dA(l).data, 1e-15, "dA(" + l + ")");
        }
    }

    @Test
    void masksAndFrozenBatches() {
        Network net = dropoutNet();
        ForwardPass training = net.newPass(Mode.TRAINING);
        assertTrue(training.hasMasks());
        assertFalse(net.newPass(Mode.INFERENCE).hasMasks());
        assertFalse(net().newPass(Mode.TRAINING).hasMasks());
        net.forward(new DMatrixRMaj(2, 3), training);
        training.freezeMasks();
        refused(() -> net.forward(new DMatrixRMaj(3, 3), training), "frozen for a batch of 2 rows", "has 3");
        assertThrows(IllegalStateException.class, () -> net.newPass(Mode.TRAINING).freezeMasks());
        assertThrows(IllegalStateException.class, () -> net.newPass(Mode.INFERENCE).freezeMasks());
    }

    @Test
    void everyInitializerZeroesTheBiasesItDoesNotDraw() {
        for (Init init : new Init[]{Init.zeros(), Init.normal(1), Init.normalFanIn(), Init.xavier(), Init.he()}) {
            DMatrixRMaj W = new DMatrixRMaj(3, 2);
            DMatrixRMaj b = new DMatrixRMaj(3, 1);
            Arrays.fill(W.data, 9);
            Arrays.fill(b.data, 9);
            init.fill(W, b, new java.util.SplittableRandom(1));
            assertArrayEquals(new double[3], b.data, 0, init.name());
            assertTrue(Arrays.stream(W.data).noneMatch(w -> w == 9), init.name());
        }
        refused(() -> Init.normal(0), "must be a finite number > 0");
        assertEquals("N(0, 1.0²)", Init.normal(1).name());
    }

    @Test
    void classifyTakesTheFirstOfEqualOutputs() {
        Network net = Network.builder(2).dense(3, Activation.sigmoid()).init(Init.zeros(), 0).build();
        assertArrayEquals(new int[]{0, 0}, net.classify(new DMatrixRMaj(new double[][]{{1, 2}, {3, 4}})));
        net.layer(1).b().set(2, 0, 1);
        assertArrayEquals(new int[]{2, 2}, net.classify(new DMatrixRMaj(new double[][]{{1, 2}, {3, 4}})));
    }

    @Test
    void aBuilderReusedAfterBuildDoesNotShareLayers() {
        Network.Builder builder = Network.builder(2).dense(2, Activation.sigmoid()).init(Init.uniform(0.3), 4);
        Network first = builder.build();
        Network second = builder.build();
        assertFalse(first.layer(1).W() == second.layer(1).W(), "the second build has its own weight matrices");
        second.layer(1).b().set(0, 0, 5);
        assertTrue(first.layer(1).b().get(0, 0) != 5);
        // the default dropout seed is the initializer's + 1, also for a negative seed
        Network minus = Network.builder(2).dense(40, Activation.sigmoid()).dropout(0.5).dense(1, Activation.sigmoid())
                .init(Init.uniform(0.3), -5).build();
        Network explicit = Network.builder(2).dense(40, Activation.sigmoid()).dropout(0.5).dense(1, Activation.sigmoid())
                .init(Init.uniform(0.3), -5).dropoutSeed(-4).build();
        ForwardPass a = minus.newPass(Mode.TRAINING);
        ForwardPass b = explicit.newPass(Mode.TRAINING);
        minus.forward(new DMatrixRMaj(1, 2), a);
        explicit.forward(new DMatrixRMaj(1, 2), b);
        assertArrayEquals(b.mask(1).data, a.mask(1).data, 0);
    }

    @Test
    void meanAbsDeltaAndRegularizerGradientByHand() {
        Network net = Network.builder(2).dense(2, Activation.identity()).init(Init.zeros(), 0).build();
        net.setParameters(new double[]{0, 0, 0.5, -1, 2, 0});   // Θ = [b W] column-major: b = 0, W = [[0.5, 2], [−1, 0]]
        DMatrixRMaj x = new DMatrixRMaj(new double[][]{{1, 0}, {0, 1}});
        DMatrixRMaj y = new DMatrixRMaj(new double[][]{{0, 0}, {0, 0}});
        Gradients g = Cost.of(Loss.quadratic(), Reduction.SUM).with(Regularizer.l2(0.1)).gradient(net, x, y);
        // δ = a − y = x Wᵀ: rows [0.5, −1] and [2, 0]; mean |δ| = 3.5 / 4
        assertEquals(3.5 / 4, g.meanAbsDelta(1), 1e-15);
        // dW = δᵀ x + λ W = [[0.5, 2], [−1, 0]] · 1.1
        assertArrayEquals(new double[]{0.55, 2.2, -1.1, 0}, g.dW(1).data, 1e-15);
        assertEquals(Math.sqrt(0.55 * 0.55 + 2.2 * 2.2 + 1.1 * 1.1), g.weightNorm(1), 1e-15);
        Gradients empty = new Gradients(net);
        assertEquals(0, empty.meanAbsDelta(1), 0, "before any pass δ has no rows");
    }
}
