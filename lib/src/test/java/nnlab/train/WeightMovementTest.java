package nnlab.train;

import nnlab.net.Activation;
import nnlab.net.Cost;
import nnlab.net.Init;
import nnlab.net.Loss;
import nnlab.net.Network;
import nnlab.net.Reduction;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeightMovementTest {
    private static final Cost CROSS_ENTROPY = Cost.of(Loss.softmaxCrossEntropy(), Reduction.MEAN);

    private static Network blobNet() {
        return Network.builder(4).dense(6, Activation.sigmoid()).dense(5, Activation.tanh()).dense(3, Activation.softmax())
                .init(Init.xavier(), 21).build();
    }

    /** ‖W − W₀‖ / ‖W₀‖ written out with EJML's norm, as a second implementation. */
    private static double distance(DMatrixRMaj w, DMatrixRMaj w0) {
        DMatrixRMaj d = new DMatrixRMaj(w.numRows, w.numCols);
        CommonOps_DDRM.subtract(w, w0, d);
        return NormOps_DDRM.normF(d) / NormOps_DDRM.normF(w0);
    }

    /** One step of seed 003's worked example: the movement follows from the document's printed weights. */
    @Test
    void oneStepOfTheWorkedExampleMovesAsTheDocumentsWeightsSay() {
        Network net = Network.builder(2).dense(2, Activation.sigmoid()).dense(2, Activation.sigmoid()).init(Init.zeros(), 0).build();
        net.setParameters(new double[]{0.35, 0.35, 0.15, 0.25, 0.20, 0.30, 0.60, 0.60, 0.40, 0.50, 0.45, 0.55});
        History h = Trainer.builder(net, Cost.of(Loss.quadratic(), Reduction.SUM), Optimizer.sgd(0.5))
                .epochs(1).batchSize(1).seed(1).monitorWeightMovement().build()
                .fit(new DMatrixRMaj(new double[][]{{0.05, 0.10}}), new DMatrixRMaj(new double[][]{{0.01, 0.99}}));
        DMatrixRMaj w1Start = new DMatrixRMaj(new double[][]{{0.15, 0.20}, {0.25, 0.30}});
        DMatrixRMaj w1Printed = new DMatrixRMaj(new double[][]{{0.149780716, 0.19956143}, {0.24975114, 0.29950229}});
        DMatrixRMaj w2Start = new DMatrixRMaj(new double[][]{{0.40, 0.45}, {0.50, 0.55}});
        DMatrixRMaj w2Printed = new DMatrixRMaj(new double[][]{{0.35891648, 0.408666186}, {0.511301270, 0.561370121}});
        // the printed weights carry 8 or 9 decimals: a rounding of 5e-9 per entry, over ‖W₀‖ ≈ 0.47 and 0.95
        assertEquals(distance(w1Printed, w1Start), h.layerSeries(History.WEIGHT_MOVEMENT, 1)[1], 2e-8);
        assertEquals(distance(w2Printed, w2Start), h.layerSeries(History.WEIGHT_MOVEMENT, 2)[1], 2e-8);
        assertEquals(0, h.layerSeries(History.WEIGHT_MOVEMENT, 1)[0], "row 0: nothing has moved yet");
        assertTrue(h.layerSeries(History.WEIGHT_MOVEMENT, 2)[1] > 20 * h.layerSeries(History.WEIGHT_MOVEMENT, 1)[1],
                "the document's output weights move far more than its hidden weights in this step");
    }

    /** Training k epochs is the start of a longer run (same seeded order), so every record can be recomputed. */
    @Test
    void everyRecordIsTheDistanceFromTheStartingWeights() {
        TrainerTest.Blobs data = TrainerTest.blobs(30, 4);
        Network net = blobNet();
        Network start = net.copy();
        History h = Trainer.builder(net, CROSS_ENTROPY, Optimizer.momentum(0.2, 0.5)).epochs(4).batchSize(7).seed(3)
                .monitorWeightMovement().build().fit(data.x(), data.y());
        assertEquals(5, h.size());
        for (int epochs = 1; epochs <= 4; epochs++) {
            Network shorter = start.copy();
            Trainer.builder(shorter, CROSS_ENTROPY, Optimizer.momentum(0.2, 0.5)).epochs(epochs).batchSize(7).seed(3).build()
                    .fit(data.x(), data.y());
            for (int l = 1; l <= 3; l++) {
                double expected = distance(shorter.layer(l).W(), start.layer(l).W());
                assertTrue(expected > 0);
                assertEquals(expected, h.layerSeries(History.WEIGHT_MOVEMENT, l)[epochs], 1e-12 * expected,
                        "layer " + l + " after epoch " + epochs);
            }
        }
    }

    /** W₀ is where fit starts: a second fit measures from the weights the first one left. */
    @Test
    void eachFitMeasuresFromItsOwnStart() {
        TrainerTest.Blobs data = TrainerTest.blobs(24, 5);
        Network net = blobNet();
        Trainer trainer = Trainer.builder(net, CROSS_ENTROPY, Optimizer.sgd(0.5)).epochs(2).batchSize(8).seed(1)
                .monitorWeightMovement().build();
        trainer.fit(data.x(), data.y());
        Network between = net.copy();
        History second = trainer.fit(data.x(), data.y());
        assertEquals(0, second.layerSeries(History.WEIGHT_MOVEMENT, 2)[0]);
        assertEquals(distance(net.layer(2).W(), between.layer(2).W()), second.layerSeries(History.WEIGHT_MOVEMENT, 2)[2], 1e-12);
    }

    @Test
    void aLayerStartingAtZeroIsZeroUntilItMovesThenInfinite() {
        TrainerTest.Blobs data = TrainerTest.blobs(12, 6);
        Network net = Network.builder(4).dense(3, Activation.sigmoid()).dense(3, Activation.softmax()).init(Init.zeros(), 0).build();
        History h = Trainer.builder(net, CROSS_ENTROPY, Optimizer.sgd(0.5)).epochs(1).batchSize(12).seed(1)
                .monitorWeightMovement().build().fit(data.x(), data.y());
        assertEquals(0, h.layerSeries(History.WEIGHT_MOVEMENT, 1)[1], "hidden δ = W(2)ᵀδ(2)·σ′ is 0 while W(2) = 0");
        assertEquals(Double.POSITIVE_INFINITY, h.layerSeries(History.WEIGHT_MOVEMENT, 2)[1]);
    }

    @Test
    void columnsOnlyWhenAskedAndKeptBySlices() {
        TrainerTest.Blobs data = TrainerTest.blobs(12, 7);
        History plain = Trainer.builder(blobNet(), CROSS_ENTROPY, Optimizer.sgd(0.1)).epochs(2).batchSize(4).seed(2).build()
                .fit(data.x(), data.y());
        assertFalse(plain.has(History.layerColumn(History.WEIGHT_MOVEMENT, 1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plain.layerSeries(History.WEIGHT_MOVEMENT, 1));
        assertTrue(e.getMessage().contains(".monitorWeightMovement()"), e.getMessage());

        History monitored = Trainer.builder(blobNet(), CROSS_ENTROPY, Optimizer.sgd(0.1)).epochs(2).batchSize(4).seed(2)
                .monitorWeightMovement().build().fit(data.x(), data.y());
        assertEquals(plain.columnNames().size() + 3, monitored.columnNames().size());
        assertEquals(plain.series(History.TRAIN_LOSS)[2], monitored.series(History.TRAIN_LOSS)[2], 0, "monitoring changes no step");
        History slice = monitored.from(1);
        assertEquals(monitored.layerSeries(History.WEIGHT_MOVEMENT, 3)[2], slice.layerSeries(History.WEIGHT_MOVEMENT, 3)[1], 0);
        assertEquals(3, slice.layerSeries(History.WEIGHT_MOVEMENT).size());
    }
}
