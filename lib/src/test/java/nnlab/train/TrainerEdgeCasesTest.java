package nnlab.train;

import nnlab.net.Activation;
import nnlab.net.Cost;
import nnlab.net.Gradients;
import nnlab.net.Init;
import nnlab.net.Loss;
import nnlab.net.Network;
import nnlab.net.Reduction;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static nnlab.Refused.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trainer's monitoring, messages and edges that the other tests left open (found by mutation testing). */
class TrainerEdgeCasesTest {
    private static final Cost COST = Cost.of(Loss.softmaxCrossEntropy(), Reduction.MEAN);

    private static Network net() {
        return Network.builder(4).dense(5, Activation.sigmoid()).dense(3, Activation.softmax()).init(Init.xavier(), 12).build();
    }


    /**
     * Two full-batch SGD steps per record, repeated by hand: the record averages the batch loss, mean |δ|
     * and gradient norm of both steps, and its update ratio is that of the second step alone.
     */
    @Test
    void aRecordAveragesItsStepsAndMeasuresTheLastUpdate() {
        TrainerTest.Blobs data = TrainerTest.blobs(24, 1);
        Network net = net();
        Network byHand = net.copy();
        double eta = 0.7;
        History h = Trainer.builder(net, COST, Optimizer.sgd(eta)).epochs(4).batchSize(24).seed(2).monitorEvery(2).build()
                .fit(data.x(), data.y());
        double loss = 0;
        double[] delta = new double[3];
        double[] norm = new double[3];
        double[] ratio = new double[3];
        for (int step = 1; step <= 2; step++) {
            loss += COST.value(byHand, data.x(), data.y()) / 2;
            Gradients g = COST.gradient(byHand, data.x(), data.y());
            for (int l = 1; l <= 2; l++) {
                delta[l] += g.meanAbsDelta(l) / 2;
                norm[l] += NormOps_DDRM.normF(g.dW(l)) / 2;
                DMatrixRMaj w = byHand.layer(l).W();
                DMatrixRMaj b = byHand.layer(l).b();
                for (int i = 0; i < w.getNumElements(); i++) {
                    w.data[i] -= eta * g.dW(l).data[i];
                }
                for (int i = 0; i < b.getNumElements(); i++) {
                    b.data[i] -= eta * g.db(l).data[i];
                }
                ratio[l] = eta * NormOps_DDRM.normF(g.dW(l)) / NormOps_DDRM.normF(w);
            }
        }
        assertEquals(3, h.size(), "row 0 and one record per two steps");
        assertEquals(loss, h.series(History.BATCH_LOSS)[1], 1e-12);
        for (int l = 1; l <= 2; l++) {
            assertEquals(delta[l], h.layerSeries(History.MEAN_ABS_DELTA, l)[1], 1e-12);
            assertEquals(norm[l], h.layerSeries(History.GRAD_NORM, l)[1], 1e-12);
            assertEquals(ratio[l], h.layerSeries(History.UPDATE_RATIO, l)[1], 1e-12);
        }
        assertEquals(COST.value(byHand, data.x(), data.y()), h.series(History.TRAIN_LOSS)[1], 1e-12);
    }

    /** A loss whose δ(L) the test writes (in one row, or every row for row −1): to put a bad number where the message must name it. */
    private static final class WrittenDelta implements Loss {
        private final double value;
        private final int row;
        private final int col;
        private final double bad;

        WrittenDelta(double value, int row, int col, double bad) {
            this.value = value;
            this.row = row;
            this.col = col;
            this.bad = bad;
        }

        @Override
        public String name() {
            return "written δ";
        }

        @Override
        public double value(DMatrixRMaj a, DMatrixRMaj y) {
            return value;
        }

        @Override
        public void gradient(DMatrixRMaj a, DMatrixRMaj y, DMatrixRMaj dA) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void outputDelta(Activation g, DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj y, DMatrixRMaj delta) {
            delta.zero();
            for (int r = 0; r < delta.numRows; r++) {
                if (row < 0 || r == row) {
                    delta.set(r, col, bad);
                }
            }
        }
    }

    private static TrainingDiverged diverges(Network net, Loss loss, DMatrixRMaj x, int batch) {
        return assertThrows(TrainingDiverged.class, () -> Trainer.builder(net, Cost.of(loss, Reduction.SUM), Optimizer.sgd(0.1))
                .epochs(1).batchSize(batch).seed(1).build().fit(x, new DMatrixRMaj(x.numRows, net.outputs())));
    }

    @Test
    void theFirstBadGradientEntryIsNamedByRowAndColumn() {
        Network net = Network.builder(4).dense(3, Activation.identity()).init(Init.uniform(0.5), 3).build();
        DMatrixRMaj x = new DMatrixRMaj(new double[][]{{1, 1, 1, 1}, {1, 1, 1, 1}});
        // δ(1)[1, 2] = NaN: row 2 of ∂J/∂W(1) = δᵀ x is NaN, its first entry (2, 0)
        TrainingDiverged e = diverges(net, new WrittenDelta(1, 1, 2, Double.NaN), x, 2);
        assertEquals(1, e.layer());
        assertTrue(e.getMessage().contains("∂J/∂W(1) has NaN at (2, 0) (0-based)") && e.getMessage().contains("layers with bad gradients: 1")
                && e.getMessage().contains("the starting point itself overflows"), e.getMessage());
        // δ = 1e308 in both rows next to tiny inputs: ∂J/∂W = δᵀ x stays finite, ∂J/∂b = Σ δ overflows
        DMatrixRMaj tiny = new DMatrixRMaj(new double[][]{{1e-300, 1e-300, 1e-300, 1e-300}, {1e-300, 1e-300, 1e-300, 1e-300}});
        TrainingDiverged bias = diverges(net.copy(), new WrittenDelta(1, -1, 1, 1e308), tiny, 2);
        assertTrue(bias.getMessage().contains("∂J/∂b(1) has Infinity at (1, 0)"), bias.getMessage());
        TrainingDiverged first = diverges(net.copy(), new WrittenDelta(1, -1, 0, 1e308), tiny, 2);
        assertTrue(first.getMessage().contains("∂J/∂b(1) has Infinity at (0, 0)"), first.getMessage());
        TrainingDiverged corner = diverges(net.copy(), new WrittenDelta(1, 0, 0, Double.NaN), x, 2);
        assertTrue(corner.getMessage().contains("∂J/∂W(1) has NaN at (0, 0)"), corner.getMessage());
        // entries near 1e200: every entry finite, the squared norm not
        TrainingDiverged norm = diverges(net.copy(), new WrittenDelta(1, 0, 1, 1e200), new DMatrixRMaj(new double[][]{{1, 1, 1, 1}}), 1);
        assertTrue(norm.getMessage().contains("squared norm of ∂J/∂W(1) or ∂J/∂b(1) overflows"), norm.getMessage());
        // a NaN cost with finite gradients
        TrainingDiverged cost = diverges(net.copy(), new WrittenDelta(Double.NaN, 0, 0, 0), x, 2);
        assertEquals(0, cost.layer());
        assertTrue(cost.getMessage().contains("the batch cost is NaN while every gradient is finite"), cost.getMessage());
    }

    /**
     * Only the output layer's gradient overflows: δ(2) = 1e160 makes ‖dW(2)‖² infinite, while W(2) = 1e-100
     * keeps δ(1) near 1e59, whose squares are finite. The message lists layer 2 alone.
     */
    @Test
    void onlyTheLayersWithBadGradientsAreListed() {
        Network net = Network.builder(2).dense(3, Activation.sigmoid()).dense(1, Activation.identity()).init(Init.uniform(0.5), 2).build();
        net.layer(2).W().fill(1e-100);
        TrainingDiverged e = diverges(net, new WrittenDelta(1, -1, 0, 1e160), new DMatrixRMaj(new double[][]{{1, 1}, {1, 0}}), 2);
        assertEquals(2, e.layer());
        assertTrue(e.getMessage().contains("(layers with bad gradients: 2)")
                && e.getMessage().contains("the squared norm of ∂J/∂W(2) or ∂J/∂b(2) overflows"), e.getMessage());
    }

    /** A loss that is finite for the first {@code good} calls of value and NaN after. */
    private static final class NanAfter implements Loss {
        private int calls;
        private final int good;

        NanAfter(int good) {
            this.good = good;
        }

        @Override
        public String name() {
            return "NaN after " + good;
        }

        @Override
        public double value(DMatrixRMaj a, DMatrixRMaj y) {
            return ++calls > good ? Double.NaN : 1;
        }

        @Override
        public void gradient(DMatrixRMaj a, DMatrixRMaj y, DMatrixRMaj dA) {
            dA.zero();
        }
    }

    @Test
    void randomExampleStepsNameTheirEpoch() {
        Network net = Network.builder(2).dense(1, Activation.sigmoid()).init(Init.uniform(0.5), 1).build();
        DMatrixRMaj x = new DMatrixRMaj(new double[][]{{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        // value is called once per step (the record at row 0 is skipped by measureTrainingSet(false)): step 6 is NaN
        TrainingDiverged e = assertThrows(TrainingDiverged.class, () -> Trainer.builder(net, Cost.of(new NanAfter(5), Reduction.SUM),
                Optimizer.sgd(0.1)).randomExampleSteps(20).seed(1).measureTrainingSet(false).build().fit(x, new DMatrixRMaj(4, 1)));
        assertEquals(6, e.step());
        assertEquals(2, e.epoch(), "steps 5 … 8 are the second pass of n = 4");
        assertTrue(e.getMessage().contains("epoch 2 (of 4 random steps each), step 6"), e.getMessage());
        TrainingDiverged fourth = assertThrows(TrainingDiverged.class, () -> Trainer.builder(net, Cost.of(new NanAfter(3), Reduction.SUM),
                Optimizer.sgd(0.1)).randomExampleSteps(20).seed(1).measureTrainingSet(false).build().fit(x, new DMatrixRMaj(4, 1)));
        assertEquals(1, fourth.epoch(), "step 4 is the last of the first pass");
    }

    @Test
    void aValidationLossThatStaysEqualIsNoImprovement() {
        // zero weights, identity output, zero targets: the gradient is 0 and every loss stays exactly 0
        Network net = Network.builder(2).dense(1, Activation.identity()).init(Init.zeros(), 0).build();
        DMatrixRMaj x = new DMatrixRMaj(new double[][]{{1, 2}, {3, 4}});
        DMatrixRMaj y = new DMatrixRMaj(2, 1);
        History h = Trainer.builder(net, Cost.of(Loss.quadratic(), Reduction.SUM), Optimizer.sgd(0.1)).epochs(20).batchSize(2).seed(1)
                .validation(x, y).earlyStopping(2).build().fit(x, y);
        assertTrue(h.stoppedEarly());
        assertEquals(3, h.size());
        assertEquals(0, h.bestRow());
        assertEquals(0.0, h.bestEpoch(), 0, "the best row may be row 0");
        assertEquals(0, h.bestStep());
        assertEquals(0, h.layerSeries(History.UPDATE_RATIO, 1)[1], 0, "W stayed 0: no change, and no 0/0");
        History tail = h.from(1);
        assertEquals(-1, tail.bestRow(), "row 0 is not in the slice");
        assertEquals(0, h.from(0).bestRow());
        assertEquals(1, h.from(2).size(), "the last row alone");
        refused(IllegalArgumentException.class, () -> h.from(3), "row 3 is outside 0 … 2");
        refused(IllegalArgumentException.class, () -> h.from(-1), "row -1");
        assertTrue(h.toString().contains("3 records, last train loss 0") && h.toString().contains("stopped early")
                && h.toString().contains("weights of step 0"), h.toString());
    }

    @Test
    void missingColumnsExplainWhatAddsThem() throws java.io.IOException {
        History h = Trainer.builder(net(), COST, Optimizer.sgd(0.1)).epochs(1).batchSize(8).seed(1).build()
                .fit(TrainerTest.blobs(12, 1).x(), TrainerTest.blobs(12, 1).y());
        refused(IllegalArgumentException.class, () -> h.series(History.TRAIN_ACCURACY), "accuracy needs labels");
        refused(IllegalArgumentException.class, () -> h.series(History.VALIDATION_LOSS), "validation columns need .validation");
        IllegalArgumentException plain = assertThrows(IllegalArgumentException.class, () -> h.series("loss"));
        assertTrue(!plain.getMessage().contains("accuracy needs") && !plain.getMessage().contains("validation columns"), plain.getMessage());
        History empty = new History("empty", 1, false, false, false, false);
        assertEquals("empty: 0 records", empty.toString());
        Map<String, Double> row = new LinkedHashMap<>();
        for (String column : empty.columnNames()) {
            row.put(column, 2.5);
        }
        empty.add(row);
        assertEquals("empty: 1 records, last batch loss 2.50000", empty.toString());
        // CSV: whole numbers below 1e15 without a decimal point, the rest as Java prints doubles
        row.put(History.STEP, 1e15);
        row.put(History.EPOCH, 999_999_999_999_999.0);
        empty.add(row);
        java.nio.file.Path csv = java.nio.file.Files.createTempFile("history", ".csv");
        empty.writeCsv(csv);
        String[] lines = java.nio.file.Files.readAllLines(csv).toArray(new String[0]);
        java.nio.file.Files.delete(csv);
        assertTrue(lines[2].startsWith("1.0E15,999999999999999,2.5,"), lines[2]);
    }

    @Test
    void accuracyEdges() {
        assertEquals(1.0, Trainer.accuracy(new DMatrixRMaj(new double[][]{{0.5}}), new int[]{1}), 0, "0.5 is class 1");
        assertEquals(1.0, Trainer.accuracy(new DMatrixRMaj(new double[][]{{0.3, 0.3, 0.1}}), new int[]{0}), 0, "ties go to the first class");
        assertEquals(0.5, Trainer.accuracy(new DMatrixRMaj(new double[][]{{0.1, 0.7, 0.2}, {0.6, 0.3, 0.1}}), new int[]{1, 2}), 0);
    }

    @Test
    void settingsAndDataAreCheckedWithMessages() {
        Network net = net();
        refused(IllegalStateException.class, () -> Trainer.builder(net, COST, Optimizer.sgd(0.1)).epochs(1).randomExampleSteps(5).seed(1).build(),
                "choose one schedule");
        refused(IllegalStateException.class, () -> Trainer.builder(net, COST, Optimizer.sgd(0.1)).batchSize(2).randomExampleSteps(5).seed(1).build(),
                "choose one schedule");
        refused(IllegalStateException.class, () -> Trainer.builder(net, COST, Optimizer.sgd(0.1)).epochs(1).seed(1).build(), "missing: batchSize");
        refused(IllegalArgumentException.class, () -> Trainer.builder(net, COST, Optimizer.sgd(0.1)).earlyStopping(0), "patience must be ≥ 1");
        Trainer.builder(net, COST, Optimizer.sgd(0.1)).earlyStopping(1);
        refused(IllegalArgumentException.class, () -> Trainer.builder(net, COST, Optimizer.sgd(0.1)).randomExampleSteps(0), "must be ≥ 1");
        Trainer.builder(net, COST, Optimizer.sgd(0.1)).randomExampleSteps(1);
        Trainer t = Trainer.builder(net, COST, Optimizer.sgd(0.1)).epochs(1).batchSize(2).seed(1).build();
        DMatrixRMaj y = new DMatrixRMaj(new double[][]{{1, 0, 0}, {0, 1, 0}});
        refused(IllegalArgumentException.class, () -> t.fit(new DMatrixRMaj(2, 3), y), "training set inputs x", "(2 × 4)");
        refused(IllegalArgumentException.class, () -> t.fit(new DMatrixRMaj(2, 4), new DMatrixRMaj(2, 2)), "training set targets y");
        refused(IllegalArgumentException.class, () -> t.fit(new DMatrixRMaj(2, 4), y, new int[]{0, 3}), "label 3 at row 1", "outside 0 … 2");
        refused(IllegalArgumentException.class, () -> t.fit(new DMatrixRMaj(2, 4), y, new int[]{-1, 2}), "label -1 at row 0");
        assertEquals(1, t.fit(new DMatrixRMaj(2, 4), y, new int[]{0, 2}).series(History.TRAIN_ACCURACY).length - 1);
        refused(IllegalArgumentException.class, () -> Optimizer.adam(0), "learning rate η");
        refused(IllegalArgumentException.class, () -> new Adam(0.01, 1, 0.999, 1e-8), "β₁ must be in [0, 1)", "0.9 is usual");
        refused(IllegalArgumentException.class, () -> new Adam(0.01, 0.9, 1, 1e-8), "β₂ must be in [0, 1)");
        assertEquals(0, new Adam(0.01, 0, 0, 1e-8).beta1(), 0, "β = 0 is allowed: no memory");
        Network single = Network.builder(4).dense(1, Activation.sigmoid()).init(Init.xavier(), 1).build();
        Trainer one = Trainer.builder(single, Cost.of(Loss.crossEntropy(), Reduction.SUM), Optimizer.sgd(0.1)).epochs(1).batchSize(2).seed(1).build();
        refused(IllegalArgumentException.class, () -> one.fit(new DMatrixRMaj(2, 4), new DMatrixRMaj(2, 1), new int[]{0, 2}),
                "outside 0 … 1", "1 output, read as classes 0 and 1");
        // Kingma and Ba's defaults
        assertEquals("Adam(η=0.01, β₁=0.9, β₂=0.999)", Optimizer.adam(0.01).name());
    }
}
