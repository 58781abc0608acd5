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
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryTest {
    private static final Cost COST = Cost.of(Loss.softmaxCrossEntropy(), Reduction.MEAN);

    private static Network net() {
        return Network.builder(4).dense(5, Activation.sigmoid()).dense(3, Activation.softmax()).init(Init.xavier(), 12).build();
    }

    /** With one full-batch SGD step per record, row 1 describes exactly the gradient at the initial weights. */
    @Test
    void perLayerColumnsAreTheStepsGradientStatistics() {
        TrainerTest.Blobs data = TrainerTest.blobs(24, 1);
        Network net = net();
        Network initial = net.copy();
        double eta = 0.7;
        History h = Trainer.builder(net, COST, Optimizer.sgd(eta)).epochs(3).batchSize(24).seed(2).monitorEvery(1).build()
                .fit(data.x(), data.y());
        Gradients g = COST.gradient(initial, data.x(), data.y());
        Network afterOne = initial.copy();
        for (int l = 1; l <= 2; l++) {
            assertEquals(g.meanAbsDelta(l), h.layerSeries(History.MEAN_ABS_DELTA, l)[1], 1e-12);
            assertEquals(NormOps_DDRM.normF(g.dW(l)), h.layerSeries(History.GRAD_NORM, l)[1], 1e-12);
            DMatrixRMaj w = afterOne.layer(l).W();
            for (int i = 0; i < w.getNumElements(); i++) {
                w.data[i] -= eta * g.dW(l).data[i];
            }
            assertEquals(eta * NormOps_DDRM.normF(g.dW(l)) / NormOps_DDRM.normF(w), h.layerSeries(History.UPDATE_RATIO, l)[1], 1e-12);
            assertTrue(Double.isNaN(h.layerSeries(History.GRAD_NORM, l)[0]), "no step before row 0");
        }
        assertEquals(COST.value(initial, data.x(), data.y()), h.series(History.TRAIN_LOSS)[0], 1e-12);
        assertEquals(COST.value(initial, data.x(), data.y()), h.series(History.BATCH_LOSS)[1], 1e-12,
                "full batch without dropout: the batch loss is the loss before the step");
        assertTrue(Double.isNaN(h.series(History.BATCH_LOSS)[0]));
    }

    @Test
    void recordsEveryNStepsAndAtTheEnd() {
        TrainerTest.Blobs data = TrainerTest.blobs(16, 2);
        History h = Trainer.builder(net(), COST, Optimizer.sgd(0.1)).epochs(3).batchSize(4).seed(2).monitorEvery(5).build()
                .fit(data.x(), data.y());
        assertArrayEquals(new double[]{0, 5, 10, 12}, h.series(History.STEP));
        assertArrayEquals(new double[]{0, 1.25, 2.5, 3}, h.series(History.EPOCH));
    }

    @Test
    void columnsFollowWhatWasGiven() {
        TrainerTest.Blobs data = TrainerTest.blobs(12, 3);
        History plain = Trainer.builder(net(), COST, Optimizer.sgd(0.1)).epochs(2).batchSize(4).seed(2).build().fit(data.x(), data.y());
        assertEquals(List.of("step", "epoch", "batch loss", "train loss",
                "mean |δ| (layer 1)", "grad norm (layer 1)", "update ratio (layer 1)",
                "mean |δ| (layer 2)", "grad norm (layer 2)", "update ratio (layer 2)"), plain.columnNames());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plain.series("validation accuracy"));
        assertTrue(e.getMessage().contains(".validation(x, y)"), e.getMessage());
        History full = Trainer.builder(net(), COST, Optimizer.sgd(0.1)).epochs(2).batchSize(4).seed(2)
                .validation(data.x(), data.y(), data.labels()).build().fit(data.x(), data.y(), data.labels());
        assertTrue(full.has(History.VALIDATION_LOSS) && full.has(History.TRAIN_ACCURACY) && full.has(History.VALIDATION_ACCURACY));
        assertArrayEquals(full.series(History.TRAIN_LOSS), full.series(History.VALIDATION_LOSS), 0, "same data, same loss");
        Map<String, double[]> byLayer = full.layerSeries(History.GRAD_NORM);
        assertEquals(List.of("layer 1", "layer 2"), List.copyOf(byLayer.keySet()));
        assertArrayEquals(full.series("grad norm (layer 2)"), byLayer.get("layer 2"));
        assertThrows(IllegalArgumentException.class, () -> full.layerSeries("gradient", 1));
        assertThrows(IllegalArgumentException.class, () -> full.layerSeries(History.GRAD_NORM, 3));
        assertFalse(full.stoppedEarly());
        assertEquals(-1, full.bestRow());

        History lean = Trainer.builder(net(), COST, Optimizer.sgd(0.1)).epochs(2).batchSize(4).seed(2).measureTrainingSet(false)
                .validation(data.x(), data.y()).build().fit(data.x(), data.y(), data.labels());
        assertFalse(lean.has(History.TRAIN_LOSS) || lean.has(History.TRAIN_ACCURACY), "no pass over the training set");
        assertArrayEquals(full.series(History.VALIDATION_LOSS), lean.series(History.VALIDATION_LOSS), 0, "training is unchanged");
        assertTrue(lean.toString().contains("last batch loss"), lean.toString());

        History trained = full.from(1);
        assertEquals(full.size() - 1, trained.size());
        assertArrayEquals(new double[]{1, 2}, trained.series(History.EPOCH));
        for (double[] series : trained.layerSeries(History.UPDATE_RATIO).values()) {
            assertTrue(java.util.Arrays.stream(series).allMatch(Double::isFinite), "no NaN after row 0");
        }
        assertThrows(IllegalArgumentException.class, () -> full.from(full.size()));
    }

    @Test
    void tableAndCsvHoldEverySeries(@TempDir Path dir) throws IOException {
        TrainerTest.Blobs data = TrainerTest.blobs(12, 3);
        History h = Trainer.builder(net(), COST, Optimizer.sgd(0.1)).epochs(4).batchSize(5).seed(2).build()
                .fit(data.x(), data.y(), data.labels());
        Table t = h.table();
        assertEquals(5, t.rowCount());
        assertEquals(h.columnNames(), t.columnNames());
        assertEquals(h.series(History.TRAIN_LOSS)[3], t.doubleColumn(History.TRAIN_LOSS).get(3));

        Path csv = dir.resolve("out/history.csv");
        h.writeCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(6, lines.size());
        assertEquals(String.join(",", h.columnNames()), lines.get(0));
        String[] row3 = lines.get(3).split(",");
        int lossColumn = h.columnNames().indexOf(History.TRAIN_LOSS);
        assertEquals(h.series(History.TRAIN_LOSS)[2], Double.parseDouble(row3[lossColumn]), 0, "full precision");
        assertEquals("NaN", lines.get(1).split(",")[h.columnNames().indexOf(History.BATCH_LOSS)]);
        assertEquals("6", lines.get(3).split(",")[0], "step 6 after two epochs of three batches");
    }
}
