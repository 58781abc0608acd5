package nnlab.train;

import nnlab.data.Dataset;
import nnlab.data.Datasets;
import nnlab.net.Activation;
import nnlab.net.Cost;
import nnlab.net.Init;
import nnlab.net.Loss;
import nnlab.net.Network;
import nnlab.net.Reduction;
import nnlab.net.Regularizer;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExperimentTest {
    private final List<Dataset> parts = Datasets.optdigits().head(300).split(5, 0.7, 0.3);

    private static Network net(long seed) {
        return Network.builder(64).dense(16, Activation.sigmoid()).dense(10, Activation.softmax()).init(Init.xavier(), seed).build();
    }

    private Experiment.Result run() {
        return Experiment.on(parts.get(0), parts.get(1)).epochs(10).batchSize(20).seeds(1, 2)
                .method("plain", ExperimentTest::net, Cost.of(Loss.softmaxCrossEntropy(), Reduction.MEAN), Optimizer.sgd(1.0))
                .method("L2", ExperimentTest::net, Cost.of(Loss.softmaxCrossEntropy(), Reduction.MEAN).with(Regularizer.l2(0.5)), Optimizer.sgd(1.0))
                .run();
    }

    @Test
    void tableSummarizesEachMethodOverItsSeeds() {
        Experiment.Result r = run();
        Table t = r.table();
        assertEquals(2, t.rowCount());
        double[] acc = r.runs("L2").stream().mapToDouble(Experiment.Run::testAccuracy).toArray();
        double mean = (acc[0] + acc[1]) / 2;
        double sd = Math.abs(acc[0] - acc[1]) / Math.sqrt(2);   // sample sd of two values
        assertEquals(mean, t.doubleColumn("test accuracy mean").get(1), 1e-15);
        assertEquals(sd, t.doubleColumn("test accuracy sd").get(1), 1e-15);
        double plain = t.doubleColumn("test accuracy mean").get(0);
        assertTrue(plain > 0.5, "ten epochs on the digits are far above chance (10 %): " + plain);
    }

    @Test
    void sameSeedsSameNumbers() {
        assertArrayEquals(run().meanSeries("plain", History.VALIDATION_LOSS), run().meanSeries("plain", History.VALIDATION_LOSS), 0);
    }

    @Test
    void meanSeriesAveragesRecordByRecord() {
        Experiment.Result r = run();
        double[] a = r.runs("plain").get(0).history().series(History.TRAIN_LOSS);
        double[] b = r.runs("plain").get(1).history().series(History.TRAIN_LOSS);
        double[] m = r.meanSeries("plain", History.TRAIN_LOSS);
        for (int i = 0; i < m.length; i++) {
            assertEquals((a[i] + b[i]) / 2, m[i], 1e-15);
        }
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Experiment.on(parts.get(0), parts.get(1)).seeds(1));
        assertThrows(IllegalStateException.class, () -> Experiment.on(parts.get(0), parts.get(1)).run());
        assertThrows(IllegalArgumentException.class, () -> run().runs("dropout"));
    }
}
