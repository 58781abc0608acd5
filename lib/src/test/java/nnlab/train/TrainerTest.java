package nnlab.train;

import nnlab.data.Dataset;
import nnlab.data.Datasets;
import nnlab.net.Activation;
import nnlab.net.Backprop;
import nnlab.net.Cost;
import nnlab.net.Gradients;
import nnlab.net.Init;
import nnlab.net.Loss;
import nnlab.net.Network;
import nnlab.net.Reduction;
import nnlab.net.Regularizer;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {
    private static final Cost QUADRATIC_SUM = Cost.of(Loss.quadratic(), Reduction.SUM);

    /** The 2-2-2 net of seed 003's worked example. */
    private static Network workedExample() {
        Network net = Network.builder(2).dense(2, Activation.sigmoid()).dense(2, Activation.sigmoid())
                .init(Init.zeros(), 0).build();
        net.setParameters(new double[]{0.35, 0.35, 0.15, 0.25, 0.20, 0.30, 0.60, 0.60, 0.40, 0.50, 0.45, 0.55});
        return net;
    }

    private static DMatrixRMaj rows(double[][] v) {
        return new DMatrixRMaj(v);
    }

    /** Three Gaussian blobs in 4 dimensions, one-hot targets, seeded. */
    static Blobs blobs(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] centres = {{1, 0, 0, 1}, {0, 1, 1, 0}, {1, 1, 0, 0}};
        DMatrixRMaj x = new DMatrixRMaj(n, 4);
        DMatrixRMaj y = new DMatrixRMaj(n, 3);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            labels[i] = c;
            y.set(i, c, 1);
            for (int d = 0; d < 4; d++) {
                x.set(i, d, centres[c][d] + 0.25 * gaussian(r));
            }
        }
        return new Blobs(x, y, labels);
    }

    record Blobs(DMatrixRMaj x, DMatrixRMaj y, int[] labels) {}

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static Network blobNet(long seed) {
        return Network.builder(4).dense(8, Activation.sigmoid()).dropout(0.2).dense(3, Activation.softmax())
                .init(Init.xavier(), seed).build();
    }

    @Test
    void oneStepOfTheWorkedExampleGivesTheDocumentsEightWeights() {
        Network net = workedExample();
        Trainer.builder(net, QUADRATIC_SUM, Optimizer.sgd(0.5)).epochs(1).batchSize(1).seed(1).build()
                .fit(rows(new double[][]{{0.05, 0.10}}), rows(new double[][]{{0.01, 0.99}}));
        DMatrixRMaj w1 = net.layer(1).W();
        DMatrixRMaj w2 = net.layer(2).W();
        assertEquals(0.149780716, w1.get(0, 0), 1e-9);
        assertEquals(0.19956143, w1.get(0, 1), 1e-8);
        assertEquals(0.24975114, w1.get(1, 0), 1e-8);
        assertEquals(0.29950229, w1.get(1, 1), 1e-8);
        assertEquals(0.35891648, w2.get(0, 0), 1e-8);
        assertEquals(0.408666186, w2.get(0, 1), 1e-9);
        assertEquals(0.511301270, w2.get(1, 0), 1e-9);
        assertEquals(0.561370121, w2.get(1, 1), 1e-9);
    }

    @Test
    void fixedBiasesStayFixed() {
        Network net = workedExample();
        Trainer.builder(net, QUADRATIC_SUM, Optimizer.sgd(0.5)).epochs(20).batchSize(1).seed(1).trainBiases(false).build()
                .fit(rows(new double[][]{{0.05, 0.10}}), rows(new double[][]{{0.01, 0.99}}));
        assertArrayEquals(new double[]{0.35, 0.35}, net.layer(1).b().data, 0);
        assertArrayEquals(new double[]{0.60, 0.60}, net.layer(2).b().data, 0);
        assertNotEquals(0.15, net.layer(1).W().get(0, 0));
    }

    /** One full-batch SGD step with a penalty against the documents' update forms (Reduction.SUM). */
    @Test
    void regularizedStepsMatchTheDocumentsUpdateForms() {
        double eta = 0.3;
        double lambda = 0.05;
        Blobs data = blobs(12, 3);
        for (boolean l1 : new boolean[]{false, true}) {
            Network net = Network.builder(4).dense(5, Activation.tanh()).dense(3, Activation.softmax())
                    .init(Init.normal(0.5), 9).build();
            Network before = net.copy();
            Gradients plain = Backprop.vectorized(before, Loss.softmaxCrossEntropy(), Reduction.SUM, data.x(), data.y());
            Cost cost = Cost.of(Loss.softmaxCrossEntropy(), Reduction.SUM).with(l1 ? Regularizer.l1(lambda) : Regularizer.l2(lambda));
            Trainer.builder(net, cost, Optimizer.sgd(eta)).epochs(1).batchSize(12).seed(5).build().fit(data.x(), data.y());
            for (int l = 1; l <= 2; l++) {
                DMatrixRMaj w = before.layer(l).W();
                DMatrixRMaj g = plain.dW(l);
                for (int i = 0; i < w.getNumElements(); i++) {
                    double expected = l1
                            ? w.data[i] - eta * g.data[i] - eta * lambda * Math.signum(w.data[i])
                            : (1 - eta * lambda) * w.data[i] - eta * g.data[i];
                    assertEquals(expected, net.layer(l).W().data[i], 1e-15, (l1 ? "L1" : "L2") + " layer " + l + " weight " + i);
                }
                for (int j = 0; j < net.layer(l).units(); j++) {
                    assertEquals(before.layer(l).b().get(j) - eta * plain.db(l).get(j), net.layer(l).b().get(j), 1e-15,
                            "biases are not regularized");
                }
            }
        }
    }

    /** Mini-batches of 4 over 10 examples: 4, 4 and a short batch of 2, replayed by hand with the same shuffle. */
    @Test
    void shortLastBatchAndShuffleMatchAHandWrittenLoop() {
        Blobs data = blobs(10, 4);
        Network net = Network.builder(4).dense(6, Activation.sigmoid()).dense(3, Activation.softmax()).init(Init.xavier(), 2).build();
        Network manual = net.copy();
        Cost cost = Cost.of(Loss.softmaxCrossEntropy(), Reduction.MEAN);
        History h = Trainer.builder(net, cost, Optimizer.sgd(0.4)).epochs(2).batchSize(4).seed(77).build().fit(data.x(), data.y());
        assertArrayEquals(new double[]{0, 3, 6}, h.series(History.STEP));
        assertArrayEquals(new double[]{0, 1, 2}, h.series(History.EPOCH));

        SplittableRandom random = new SplittableRandom(77);
        int[] order = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int start = 0; start < 10; start += 4) {
                int m = Math.min(4, 10 - start);
                DMatrixRMaj xb = new DMatrixRMaj(m, 4);
                DMatrixRMaj yb = new DMatrixRMaj(m, 3);
                for (int r = 0; r < m; r++) {
                    for (int c = 0; c < 4; c++) {
                        xb.set(r, c, data.x().get(order[start + r], c));
                    }
                    for (int c = 0; c < 3; c++) {
                        yb.set(r, c, data.y().get(order[start + r], c));
                    }
                }
                Gradients g = cost.gradient(manual, xb, yb);
                for (int l = 1; l <= 2; l++) {
                    for (int i = 0; i < manual.layer(l).W().getNumElements(); i++) {
                        manual.layer(l).W().data[i] -= 0.4 * g.dW(l).data[i];
                    }
                    for (int i = 0; i < manual.layer(l).b().getNumElements(); i++) {
                        manual.layer(l).b().data[i] -= 0.4 * g.db(l).data[i];
                    }
                }
            }
        }
        assertArrayEquals(manual.parameters(), net.parameters(), 1e-15);
    }

    @Test
    void sameSeedsGiveBitIdenticalWeightsAndHistory() {
        Blobs data = blobs(60, 5);
        Blobs val = blobs(30, 6);
        History[] histories = new History[3];
        double[][] weights = new double[3][];
        long[] seeds = {21, 21, 22};
        for (int run = 0; run < 3; run++) {
            Network net = blobNet(8);
            histories[run] = Trainer.builder(net, Cost.of(Loss.softmaxCrossEntropy(), Reduction.MEAN), Optimizer.momentum(0.2, 0.9))
                    .epochs(5).batchSize(7).seed(seeds[run]).validation(val.x(), val.y(), val.labels()).build()
                    .fit(data.x(), data.y(), data.labels());
            weights[run] = net.parameters();
        }
        assertArrayEquals(weights[0], weights[1], 0);
        for (String column : histories[0].columnNames()) {
            assertArrayEquals(histories[0].series(column), histories[1].series(column), 0, column);
        }
        assertFalse(java.util.Arrays.equals(weights[0], weights[2]), "another shuffling seed gives another run");
    }

    @Test
    void learnsSeparableClassesWithEveryOptimizer() {
        Blobs data = blobs(150, 7);
        for (Optimizer rule : new Optimizer[]{Optimizer.sgd(0.5), Optimizer.momentum(0.1, 0.9), Optimizer.adagrad(0.3), Optimizer.adam(0.02)}) {
            Network net = blobNet(3);
            History h = Trainer.builder(net, Cost.of(Loss.softmaxCrossEntropy(), Reduction.MEAN), rule)
                    .epochs(30).batchSize(10).seed(4).build().fit(data.x(), data.y(), data.labels());
            double[] loss = h.series(History.TRAIN_LOSS);
            assertTrue(loss[loss.length - 1] < 0.3 * loss[0], rule.name() + ": loss " + loss[0] + " → " + loss[loss.length - 1]);
            assertTrue(h.last(History.TRAIN_ACCURACY) > 0.95, rule.name() + ": accuracy " + h.last(History.TRAIN_ACCURACY));
            int correct = 0;
            int[] predicted = net.classify(data.x());
            for (int i = 0; i < predicted.length; i++) {
                correct += predicted[i] == data.labels()[i] ? 1 : 0;
            }
            assertEquals(correct / 150.0, h.last(History.TRAIN_ACCURACY), 1e-15, "accuracy column = classify()");
        }
    }

    @Test
    void dropoutIsOnWhileTrainingAndOffWhileMeasuring() {
        Blobs data = blobs(30, 9);
        Network net = Network.builder(4).dense(20, Activation.sigmoid()).dropout(0.5).dense(3, Activation.softmax())
                .init(Init.xavier(), 4).build();
        Network initial = net.copy();
        Cost cost = Cost.of(Loss.softmaxCrossEntropy(), Reduction.MEAN);
        History h = Trainer.builder(net, cost, Optimizer.sgd(0.1)).epochs(1).batchSize(30).seed(1).monitorEvery(1).build()
                .fit(data.x(), data.y());
        assertEquals(cost.value(initial, data.x(), data.y()), h.series(History.TRAIN_LOSS)[0], 1e-12, "measured without masks");
        assertNotEquals(h.series(History.TRAIN_LOSS)[0], h.series(History.BATCH_LOSS)[1], 1e-6,
                "the step's own loss saw half the hidden units dropped");
    }

    /** A small slice of the 8×8 digits: 300 training and 200 held-out examples. */
    @Test
    void learnsASliceOfTheDigits() {
        Dataset digits = Datasets.optdigits();
        Dataset train = digits.slice(0, 300);
        Dataset held = digits.slice(300, 500);
        Network net = Network.builder(64).dense(30, Activation.sigmoid()).dense(10, Activation.softmax())
                .init(Init.xavier(), 1).build();
        History h = Trainer.builder(net, Cost.of(Loss.softmaxCrossEntropy(), Reduction.MEAN), Optimizer.sgd(0.5))
                .epochs(30).batchSize(20).seed(2).validation(held).build().fit(train);
        double[] loss = h.series(History.TRAIN_LOSS);
        assertTrue(loss[loss.length - 1] < 0.1 * loss[0], "loss " + loss[0] + " → " + loss[loss.length - 1]);
        assertTrue(h.last(History.TRAIN_ACCURACY) > 0.97, "train accuracy " + h.last(History.TRAIN_ACCURACY));
        assertTrue(h.last(History.VALIDATION_ACCURACY) > 0.85, "held-out accuracy " + h.last(History.VALIDATION_ACCURACY));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.builder(
                Network.builder(64).dense(3, Activation.softmax()).init(Init.xavier(), 1).build(),
                Cost.of(Loss.softmaxCrossEntropy(), Reduction.MEAN), Optimizer.sgd(0.5)).validation(held));
        assertTrue(e.getMessage().contains("10 classes but the network has 3 outputs"), e.getMessage());
    }

    /** The XOR set of nnlab.data through the single-output path: targets are the label column. */
    @Test
    void singleOutputDatasetsTrainOnTheLabelColumn() {
        Network net = Network.builder(2).dense(5, Activation.sigmoid()).dense(1, Activation.sigmoid()).init(Init.uniform(1), 3).build();
        History h = Trainer.builder(net, QUADRATIC_SUM, Optimizer.sgd(0.5)).randomExampleSteps(10_000).seed(1).build()
                .fit(Datasets.xor());
        assertEquals(1.0, h.last(History.TRAIN_ACCURACY));
        assertTrue(h.last(History.TRAIN_LOSS) < 0.05, "total error " + h.last(History.TRAIN_LOSS));
    }

    /** Seed 003's XOR: 2-5-1 sigmoid, quadratic, one random example per step, η = 0.5. */
    @Test
    void randomExampleStepsLearnXor() {
        DMatrixRMaj x = rows(new double[][]{{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        DMatrixRMaj y = rows(new double[][]{{0}, {1}, {1}, {0}});
        int[] labels = {0, 1, 1, 0};
        Network net = Network.builder(2).dense(5, Activation.sigmoid()).dense(1, Activation.sigmoid())
                .init(Init.uniform(1), 3).build();
        History h = Trainer.builder(net, QUADRATIC_SUM, Optimizer.sgd(0.5)).randomExampleSteps(10_000).seed(1)
                .monitorEvery(100).build().fit(x, y, labels);
        assertEquals(101, h.size());
        assertEquals(10_000, h.last(History.STEP));
        assertEquals(2500, h.last(History.EPOCH), "10,000 examples over a set of 4");
        double[] loss = h.series(History.TRAIN_LOSS);
        double total = 0;
        DMatrixRMaj out = net.predict(x);
        for (int i = 0; i < 4; i++) {
            total += 0.5 * (y.get(i) - out.get(i)) * (y.get(i) - out.get(i));
        }
        assertEquals(total, loss[100], 1e-12, "train loss = the total error over the four cases");
        assertTrue(loss[100] < 0.05 && loss[0] > 0.4, "total error " + loss[0] + " → " + loss[100]);
        assertEquals(1.0, h.last(History.TRAIN_ACCURACY));

        Network again = Network.builder(2).dense(5, Activation.sigmoid()).dense(1, Activation.sigmoid())
                .init(Init.uniform(1), 3).build();
        History repeated = Trainer.builder(again, QUADRATIC_SUM, Optimizer.sgd(0.5)).randomExampleSteps(10_000).seed(1)
                .monitorEvery(100).build().fit(x, y, labels);
        assertArrayEquals(net.parameters(), again.parameters(), 0, "same seeds, same random picks");
        assertArrayEquals(loss, repeated.series(History.TRAIN_LOSS), 0);
    }

    @Test
    void earlyStoppingRestoresTheBestRecord() {
        // training pulls the output toward 1; the validation target 0.8 is passed on the way
        Network net = Network.builder(1).dense(1, Activation.sigmoid()).init(Init.zeros(), 0).build();
        DMatrixRMaj x = rows(new double[][]{{1}});
        History h = Trainer.builder(net, QUADRATIC_SUM, Optimizer.sgd(1)).epochs(200).batchSize(1).seed(0)
                .validation(x, rows(new double[][]{{0.8}})).earlyStopping(3).build()
                .fit(x, rows(new double[][]{{1}}));
        double[] val = h.series(History.VALIDATION_LOSS);
        int argmin = 0;
        for (int i = 1; i < val.length; i++) {
            argmin = val[i] < val[argmin] ? i : argmin;
        }
        assertTrue(h.stoppedEarly());
        assertEquals(argmin, h.bestRow());
        assertTrue(argmin > 0 && argmin == val.length - 4, "stopped three records after the best, at row " + argmin);
        assertEquals(val[argmin], QUADRATIC_SUM.value(net, x, rows(new double[][]{{0.8}})), 0, "the net holds the best weights");
        double out = net.predict(x).get(0);
        assertTrue(Math.abs(out - 0.8) < 0.05, "output " + out);
        assertEquals(h.series(History.EPOCH)[argmin], h.bestEpoch());
        assertEquals(argmin - 1, h.from(1).bestRow(), "a slice keeps pointing at the same record");
        assertTrue(h.toString().contains("stopped early; the network holds the weights of step " + argmin), h.toString());
    }

    @Test
    void improvementsSmallerThanMinDeltaDoNotCount() {
        Network net = Network.builder(1).dense(1, Activation.sigmoid()).init(Init.zeros(), 0).build();
        DMatrixRMaj x = rows(new double[][]{{1}});
        History h = Trainer.builder(net, QUADRATIC_SUM, Optimizer.sgd(1)).epochs(200).batchSize(1).seed(0)
                .validation(x, rows(new double[][]{{0.8}})).earlyStopping(4, 0.5).build()
                .fit(x, rows(new double[][]{{1}}));
        double[] val = h.series(History.VALIDATION_LOSS);
        assertTrue(val[1] < val[0], "the validation loss did improve, by " + (val[0] - val[1]));
        assertEquals(0, h.bestRow(), "but by less than minDelta = 0.5");
        assertEquals(5, h.size());
        assertEquals(0.5, net.predict(x).get(0), 0, "the initial weights (all zero) are back");
    }

    @Test
    void earlyStoppingAtTheStartRestoresTheInitialWeights() {
        // the validation target is the opposite of the training target: every step makes it worse
        Network net = Network.builder(1).dense(3, Activation.tanh()).dense(1, Activation.sigmoid()).init(Init.xavier(), 5).build();
        double[] initial = net.parameters();
        DMatrixRMaj x = rows(new double[][]{{1}, {-1}});
        History h = Trainer.builder(net, QUADRATIC_SUM, Optimizer.sgd(0.5)).epochs(50).batchSize(2).seed(1)
                .validation(x, rows(new double[][]{{0}, {1}})).earlyStopping(2).build()
                .fit(x, rows(new double[][]{{1}, {0}}));
        assertEquals(0, h.bestRow());
        assertEquals(3, h.size(), "the initial record and two without improvement");
        assertTrue(h.stoppedEarly());
        assertArrayEquals(initial, net.parameters(), 0);
    }

    @Test
    void divergenceNamesEpochStepAndLayer() {
        // linear regression with a far too large step grows until it overflows; with no record before the
        // end, the finite-divergence rule never looks, and the NaN check stops it
        Network linear = Network.builder(1).dense(1, Activation.identity()).init(Init.zeros(), 0).build();
        DMatrixRMaj x = rows(new double[][]{{1}, {2}, {3}});
        DMatrixRMaj y = rows(new double[][]{{2}, {4}, {6}});
        TrainingDiverged blowUp = assertThrows(TrainingDiverged.class, () -> Trainer.builder(linear, QUADRATIC_SUM, Optimizer.sgd(10))
                .epochs(1000).batchSize(3).seed(1).monitorEvery(100_000).build().fit(x, y));
        assertTrue(blowUp.epoch() > 1 && blowUp.step() == blowUp.epoch(), blowUp.getMessage());
        assertEquals(1, blowUp.layer());
        assertTrue(blowUp.getMessage().contains("epoch " + blowUp.epoch() + ", step " + blowUp.step())
                && blowUp.getMessage().contains("layer 1") && blowUp.getMessage().contains("the updates blew up")
                && blowUp.getMessage().contains("the squared norm of ∂J/∂W(1) or ∂J/∂b(1) overflows")
                && blowUp.getMessage().contains("smaller learning rate"), blowUp.getMessage());
        assertTrue(Double.isFinite(linear.layer(1).W().get(0)), "the weights before the bad step are kept");
        assertEquals(1, blowUp.history().size(), "only row 0 was recorded");

        // with a record every epoch, the records show the loss growing and the finite rule stops it first
        linear.initialize(Init.zeros(), 0);
        TrainingDiverged growing = assertThrows(TrainingDiverged.class, () -> Trainer.builder(linear, QUADRATIC_SUM, Optimizer.sgd(10))
                .epochs(1000).batchSize(3).seed(1).build().fit(x, y));
        double[] loss = growing.history().series(History.TRAIN_LOSS);
        assertEquals(growing.epoch() + 1, loss.length, "one record per finished epoch, plus row 0");
        assertTrue(loss[loss.length - 1] > 100 * loss[0] && growing.layer() == 0, growing.getMessage());
        assertTrue(growing.epoch() < blowUp.epoch(), "the growth is caught before it overflows");
    }

    @Test
    void badDataIsRefusedBeforeTheFirstStep() {
        Network net = workedExample();
        Trainer t = Trainer.builder(net, QUADRATIC_SUM, Optimizer.sgd(0.5)).epochs(1).batchSize(2).seed(1).build();
        DMatrixRMaj y = rows(new double[][]{{0, 1}, {1, 0}, {0, 1}, {1, 0}});
        DMatrixRMaj x = rows(new double[][]{{0, 1}, {1, 0}, {0, 1}, {1, 0}});
        DMatrixRMaj nan = x.copy();
        nan.set(3, 1, Double.NaN);
        assertMessage(() -> t.fit(nan, y), "row 3");
        DMatrixRMaj inf = y.copy();
        inf.set(2, 0, Double.POSITIVE_INFINITY);
        assertMessage(() -> t.fit(x, inf), "row 2");
        assertMessage(() -> t.fit(new DMatrixRMaj(0, 2), new DMatrixRMaj(0, 2)), "empty");
        assertMessage(() -> t.fit(x, rows(new double[][]{{0, 1}})), "x has 4 rows but y has 1");
        assertMessage(() -> t.fit(rows(new double[][]{{1, 2, 3}}), rows(new double[][]{{0, 1}})), "(1 × 2) but is (1 × 3)");
        assertMessage(() -> t.fit(x, y, new int[]{0, 1, 2, 1}), "label 2 at row 2");
        assertMessage(() -> t.fit(x, y, new int[]{0, 1}), "2 labels for 4 rows");
        assertMessage(() -> Trainer.builder(net, QUADRATIC_SUM, Optimizer.sgd(0.5)).epochs(1).batchSize(1).seed(1)
                .validation(nan, y), "validation set");
        assertState(() -> Trainer.builder(net, QUADRATIC_SUM, Optimizer.sgd(0.5)).epochs(1).batchSize(1).build(), "seed");
        assertState(() -> Trainer.builder(net, QUADRATIC_SUM, Optimizer.sgd(0.5)).epochs(1).seed(1).build(), "batchSize");
        assertState(() -> Trainer.builder(net, QUADRATIC_SUM, Optimizer.sgd(0.5)).epochs(1).batchSize(1).seed(1)
                .earlyStopping(3).build(), "validation");
        assertMessage(() -> Trainer.builder(net, QUADRATIC_SUM, Optimizer.sgd(0.5)).batchSize(0), "batch size");
    }

    private static void assertMessage(Runnable r, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    private static void assertState(Runnable r, String part) {
        IllegalStateException e = assertThrows(IllegalStateException.class, r::run);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void toStringNamesTheScheduleItRuns() {
        Network net = workedExample();
        String byEpochs = Trainer.builder(net, QUADRATIC_SUM, Optimizer.sgd(0.5)).epochs(3).batchSize(4).seed(1).build().toString();
        assertTrue(byEpochs.contains("3 epochs, batch size 4"), byEpochs);
        assertFalse(byEpochs.contains("random example"), byEpochs);
        String bySteps = Trainer.builder(net, QUADRATIC_SUM, Optimizer.sgd(0.5)).randomExampleSteps(7).seed(1).build().toString();
        assertTrue(bySteps.contains("7 steps of one random example"), bySteps);
    }
}
