package nnlab.train;

import nnlab.net.Activation;
import nnlab.net.Cost;
import nnlab.net.Init;
import nnlab.net.Loss;
import nnlab.net.Network;
import nnlab.net.Reduction;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Training that blows up, with NaN or with finite numbers, stops with a message that names the real cause. */
class DivergenceTest {
    private static final TrainerTest.Blobs DATA = TrainerTest.blobs(90, 4);

    private static Network net(Activation hidden, Activation output) {
        return Network.builder(4).dense(8, hidden).dense(3, output).init(Init.xavier(), 5).build();
    }

    private static TrainingDiverged diverges(Network net, Loss loss, Optimizer optimizer) {
        Trainer trainer = Trainer.builder(net, Cost.of(loss, Reduction.MEAN), optimizer).epochs(200).batchSize(10).seed(2).build();
        return assertThrows(TrainingDiverged.class, () -> trainer.fit(DATA.x(), DATA.y(), DATA.labels()));
    }

    /** The rule: a record's mean batch loss above 100× the loss of row 0, checked against the history itself. */
    private static void assertGrewPastTheRule(TrainingDiverged e) {
        History h = e.history();
        double start = h.series(History.TRAIN_LOSS)[0];
        double[] batch = h.series(History.BATCH_LOSS);
        double last = batch[batch.length - 1];
        assertTrue(Double.isFinite(last) && last > 100 * start, "last record " + last + ", start " + start);
        for (int r = 1; r < batch.length - 1; r++) {
            assertTrue(batch[r] <= 100 * start, "an earlier record " + r + " was already past the rule: " + batch[r]);
        }
        assertTrue(e.getMessage().contains("more than 100× the loss at the start") && e.getMessage().contains("still finite")
                && e.getMessage().contains("smaller learning rate than"), e.getMessage());
        assertEquals(0, e.layer(), "no layer's gradient was bad");
        assertEquals(e.step(), (long) h.series(History.STEP)[h.size() - 1], "the record of the step that tripped the rule is kept");
    }

    @Test
    void finiteDivergenceOfSgdOnReluSoftmaxStops() {
        assertGrewPastTheRule(diverges(net(Activation.relu(), Activation.softmax()), Loss.softmaxCrossEntropy(), Optimizer.sgd(1e4)));
    }

    /** Without the training-set pass the rule compares with the first batch loss. */
    @Test
    void withoutTheTrainingSetTheFirstBatchLossIsTheStart() {
        Trainer trainer = Trainer.builder(net(Activation.relu(), Activation.softmax()), Cost.of(Loss.softmaxCrossEntropy(), Reduction.MEAN),
                Optimizer.sgd(1e4)).epochs(200).batchSize(10).seed(2).measureTrainingSet(false).build();
        TrainingDiverged e = assertThrows(TrainingDiverged.class, () -> trainer.fit(DATA.x(), DATA.y()));
        String m = e.getMessage();
        assertTrue(m.contains("more than 100× the loss at the start ("), m);
        int at = m.indexOf("the loss at the start (") + "the loss at the start (".length();
        double start = Double.parseDouble(m.substring(at, m.indexOf(')', at)));
        // the first batch, 10 of the 90 examples at the initial weights, costs about what the whole set does
        double whole = Cost.of(Loss.softmaxCrossEntropy(), Reduction.MEAN).value(net(Activation.relu(), Activation.softmax()), DATA.x(), DATA.y());
        assertTrue(start > whole / 3 && start < 3 * whole, "start " + start + ", whole set " + whole);
        double[] batch = e.history().series(History.BATCH_LOSS);
        assertTrue(batch[batch.length - 1] > 100 * start, "the last record " + batch[batch.length - 1]);
    }

    @Test
    void finiteDivergenceOfSgdOnSigmoidStops() {
        assertGrewPastTheRule(diverges(net(Activation.sigmoid(), Activation.sigmoid()), Loss.crossEntropy(), Optimizer.sgd(1e6)));
    }

    @Test
    void finiteDivergenceOfAdamStops() {
        assertGrewPastTheRule(diverges(net(Activation.relu(), Activation.softmax()), Loss.softmaxCrossEntropy(), Optimizer.adam(1e3)));
    }

    @Test
    void noisyButWorkingTrainingIsNotStopped() {
        // one example per step and a large step size: the batch loss jumps around but the trend is down
        Network net = net(Activation.sigmoid(), Activation.softmax());
        History h = Trainer.builder(net, Cost.of(Loss.softmaxCrossEntropy(), Reduction.MEAN), Optimizer.sgd(2))
                .epochs(30).batchSize(1).seed(3).monitorEvery(5).build().fit(DATA.x(), DATA.y(), DATA.labels());
        double[] batch = h.series(History.BATCH_LOSS);
        double max = 0;
        for (int r = 1; r < batch.length; r++) {
            max = Math.max(max, batch[r]);
        }
        assertTrue(max > 2 * h.series(History.TRAIN_LOSS)[0], "the run is noisy: its largest batch loss " + max);
        assertTrue(h.last(History.TRAIN_ACCURACY) > 0.9, "and it works: " + h.last(History.TRAIN_ACCURACY));
    }

    @Test
    void nanWeightsAtTheStartAreNamedNotBlamedOnTheLearningRate() {
        Network net = net(Activation.sigmoid(), Activation.softmax());
        net.layer(2).W().set(1, 4, Double.NaN);
        Trainer trainer = Trainer.builder(net, Cost.of(Loss.softmaxCrossEntropy(), Reduction.MEAN), Optimizer.sgd(0.1))
                .epochs(1).batchSize(10).seed(1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(DATA.x(), DATA.y()));
        assertTrue(e.getMessage().contains("W(2) has NaN at (1, 4)") && e.getMessage().contains("initialize("), e.getMessage());
        assertFalse(e.getMessage().contains("learning rate"), e.getMessage());
    }

    @Test
    void aLossOutputMismatchIsRefusedBeforeTraining() {
        Trainer trainer = Trainer.builder(net(Activation.sigmoid(), Activation.identity()), Cost.of(Loss.crossEntropy(), Reduction.MEAN),
                Optimizer.sgd(0.1)).epochs(1).batchSize(10).seed(1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(DATA.x(), DATA.y()));
        assertTrue(e.getMessage().contains("identity") && e.getMessage().contains("Activation.sigmoid()"), e.getMessage());
    }

    @Test
    void targetsOutsideTheLossDomainAreNamedWithTheDataSet() {
        DMatrixRMaj y = DATA.y().copy();
        y.set(7, 2, 2.0);
        Network net = net(Activation.sigmoid(), Activation.sigmoid());
        Trainer trainer = Trainer.builder(net, Cost.of(Loss.crossEntropy(), Reduction.MEAN), Optimizer.sgd(0.1))
                .epochs(1).batchSize(10).seed(1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(DATA.x(), y));
        assertTrue(e.getMessage().startsWith("training set: ") && e.getMessage().contains("row 7, column 2"), e.getMessage());
        IllegalArgumentException v = assertThrows(IllegalArgumentException.class, () -> Trainer.builder(net,
                Cost.of(Loss.crossEntropy(), Reduction.MEAN), Optimizer.sgd(0.1)).validation(DATA.x(), y));
        assertTrue(v.getMessage().startsWith("validation set: "), v.getMessage());
    }

    @Test
    void aFirstStepThatOverflowsSaysTheLearningRateIsNotTheCause() {
        // z = 1e200 · 1e200 + … overflows to ∞ before any update
        Network net = Network.builder(2).dense(1, Activation.sigmoid()).init(Init.zeros(), 0).build();
        double[] huge = new double[net.parameterCount()];
        java.util.Arrays.fill(huge, 1e200);
        net.setParameters(huge);
        DMatrixRMaj x = new DMatrixRMaj(new double[][]{{1e200, 1e200}});
        TrainingDiverged e = assertThrows(TrainingDiverged.class, () -> Trainer.builder(net, Cost.of(Loss.crossEntropy(), Reduction.SUM),
                Optimizer.sgd(0.1)).epochs(1).batchSize(1).seed(1).build().fit(x, new DMatrixRMaj(new double[][]{{0}})));
        assertEquals(1, e.step());
        assertTrue(e.getMessage().contains("the learning rate is not the cause") && e.getMessage().contains("scale the inputs"),
                e.getMessage());
    }
}
