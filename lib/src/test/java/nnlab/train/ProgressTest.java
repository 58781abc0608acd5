package nnlab.train;

import nnlab.net.Activation;
import nnlab.net.Cost;
import nnlab.net.Init;
import nnlab.net.Loss;
import nnlab.net.Network;
import nnlab.net.Reduction;
import nnlab.viz.FakeKernel;
import nnlab.viz.LiveOutput;
import nnlab.viz.fakekernel.Display;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTest {
    private static final Cost CROSS_ENTROPY = Cost.of(Loss.crossEntropy(), Reduction.MEAN);

    @BeforeEach
    void clear() {
        Display.clear();
    }

    private static Network net(long seed) {
        return Network.builder(4).dense(5, Activation.sigmoid()).dense(3, Activation.sigmoid()).init(Init.uniform(0.5), seed).build();
    }

    private static Trainer.Builder trainer(Network net, int epochs, TrainerTest.Blobs validation) {
        return Trainer.builder(net, CROSS_ENTROPY, Optimizer.sgd(0.5)).epochs(epochs).batchSize(8).seed(3)
                .validation(validation.x(), validation.y(), validation.labels());
    }

    @Test
    void theListenerSeesEveryEpochAndTheRecordOfThatEpoch() {
        TrainerTest.Blobs data = TrainerTest.blobs(30, 1);
        List<EpochRecord> seen = new ArrayList<>();
        List<Double> lossWhenCalled = new ArrayList<>();
        History h = trainer(net(2), 5, TrainerTest.blobs(12, 2)).onEpoch(seen::add)
                .onEpoch(r -> lossWhenCalled.add(r.value(History.TRAIN_LOSS))).build().fit(data.x(), data.y(), data.labels());
        assertEquals(6, seen.size(), "epoch 0 and the five epochs");
        double[] trainLoss = h.series(History.TRAIN_LOSS);
        for (int e = 0; e <= 5; e++) {
            EpochRecord r = seen.get(e);
            assertEquals(e, r.epoch());
            assertEquals(5, r.epochs());
            assertEquals(4L * e, r.step(), "30 examples in batches of 8: 4 steps an epoch");
            assertEquals(20, r.steps());
            assertEquals(e == 5, r.last());
            assertEquals(trainLoss[e], lossWhenCalled.get(e), 0, "the epoch's own record, read while it was the last one");
        }
        assertTrue(seen.get(0).trainer().startsWith("Trainer: "), seen.get(0).trainer());
        assertTrue(Double.isNaN(seen.get(5).value("no such column")));
    }

    @Test
    void listenersDoNotChangeTraining() {
        TrainerTest.Blobs data = TrainerTest.blobs(30, 1);
        Network plain = net(4);
        Network watched = net(4);
        trainer(plain, 3, TrainerTest.blobs(12, 2)).build().fit(data.x(), data.y(), data.labels());
        trainer(watched, 3, TrainerTest.blobs(12, 2)).progress().onEpoch(r -> r.value(History.VALIDATION_LOSS)).build()
                .fit(data.x(), data.y(), data.labels());
        assertArrayEquals(plain.parameters(), watched.parameters(), 0);
    }

    @Test
    void earlyStoppingEndsWithALastRecord() {
        // as in TrainerTest: the output climbs toward 1 and passes the validation target 0.8 on the way
        Network net = Network.builder(1).dense(1, Activation.sigmoid()).init(Init.zeros(), 0).build();
        DMatrixRMaj x = new DMatrixRMaj(new double[][]{{1}});
        List<EpochRecord> seen = new ArrayList<>();
        History h = Trainer.builder(net, Cost.of(Loss.quadratic(), Reduction.SUM), Optimizer.sgd(1)).epochs(200).batchSize(1).seed(0)
                .validation(x, new DMatrixRMaj(new double[][]{{0.8}})).earlyStopping(3).onEpoch(seen::add).build()
                .fit(x, new DMatrixRMaj(new double[][]{{1}}));
        assertTrue(h.stoppedEarly());
        EpochRecord end = seen.get(seen.size() - 1);
        assertTrue(end.last());
        assertEquals(h.size() - 1, end.epoch(), "one record per epoch, row 0 before training");
        assertTrue(end.epoch() < 200);
        assertEquals(1, seen.stream().filter(EpochRecord::last).count());
    }

    @Test
    void randomExampleStepsCountEpochsOfNSteps() {
        DMatrixRMaj x = new DMatrixRMaj(new double[][]{{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        DMatrixRMaj y = new DMatrixRMaj(new double[][]{{0}, {1}, {1}, {0}});
        Network net = Network.builder(2).dense(2, Activation.sigmoid()).dense(1, Activation.sigmoid()).init(Init.uniform(1), 1).build();
        List<EpochRecord> seen = new ArrayList<>();
        Trainer.builder(net, CROSS_ENTROPY, Optimizer.sgd(0.5)).randomExampleSteps(10).seed(1).onEpoch(seen::add).build().fit(x, y);
        // 4 examples: epochs end after steps 4 and 8; step 10 ends the run within the third epoch
        assertEquals(List.of(0L, 4L, 8L, 10L), seen.stream().map(EpochRecord::step).toList());
        assertEquals(List.of(0, 1, 2, 3), seen.stream().map(EpochRecord::epoch).toList());
        assertEquals(3, seen.get(0).epochs());
        assertEquals(List.of(false, false, false, true), seen.stream().map(EpochRecord::last).toList());
    }

    @Test
    void aNullListenerIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> trainer(net(1), 1, TrainerTest.blobs(6, 1)).onEpoch(null));
        assertThrows(IllegalArgumentException.class, () -> new Progress(-1));
    }

    /** Progress lines as printed outside a notebook, with a clock that advances one second a call. */
    private static List<String> printed(int epochs, int every) {
        TrainerTest.Blobs data = TrainerTest.blobs(30, 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] now = {0};
        Progress progress = new Progress(every, () -> now[0] += 1_000_000_000L, new PrintStream(bytes, true, StandardCharsets.UTF_8),
                LiveOutput::show);
        trainer(net(2), epochs, TrainerTest.blobs(12, 2)).onEpoch(progress).build().fit(data.x(), data.y(), data.labels());
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void withoutANotebookAboutTenLinesArePrinted() {
        List<String> lines = printed(30, 0);
        // a header, epochs 0, 3, …, 30 (every third: 30 / 10), and the end
        assertEquals(13, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("Trainer: "), lines.get(0));
        for (int k = 0; k <= 10; k++) {
            assertTrue(lines.get(k + 1).startsWith(String.format(Locale.ROOT, "epoch %2d / 30  ", 3 * k)), lines.get(k + 1));
        }
        assertEquals("done: 30 epochs, 120 steps", lines.get(12));
        assertFalse(lines.get(1).contains("batch loss"), "no batch has run at epoch 0: " + lines.get(1));
        assertTrue(lines.get(2).contains("batch loss") && lines.get(2).contains("validation accuracy"), lines.get(2));
        assertEquals(2 + 8, printed(7, 1).size(), "every epoch when asked");
        assertEquals(2 + 3, printed(7, 5).size(), "epochs 0, 5 and the last");
    }

    @Test
    void inANotebookOneOutputIsReplacedAndEndsAsTheLog() {
        TrainerTest.Blobs data = TrainerTest.blobs(30, 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] now = {0};
        // 50 ms a call: refreshed by time every fourth epoch, and at every logged one
        Progress progress = new Progress(0, () -> now[0] += 50_000_000L, new PrintStream(bytes, true, StandardCharsets.UTF_8),
                FakeKernel::show);
        Trainer t = trainer(net(2), 20, TrainerTest.blobs(12, 2)).onEpoch(progress).build();
        t.fit(data.x(), data.y(), data.labels());
        assertEquals(0, bytes.size(), "nothing printed when the notebook shows it");
        assertEquals(1, Display.OUTPUTS.size());
        String text = Display.OUTPUTS.get("display-1").text("text/plain");
        List<String> lines = text.lines().toList();
        assertEquals(13, lines.size(), text);
        assertEquals("done: 20 epochs, 80 steps", lines.get(12));
        long updates = Display.MESSAGES.stream().filter(m -> m.startsWith("update")).count();
        assertTrue(updates >= 11 && updates < 21, "11 logged epochs plus refreshes, not one per epoch: " + Display.MESSAGES);
        String html = Display.OUTPUTS.get("display-1").text("text/html");
        assertTrue(html.contains("width: 100%") && html.contains("epoch 20 / 20"), html);
        assertEquals(11 + 1, html.split("<tr", -1).length - 1, "a header row and one row per logged epoch");
        List<String> times = html.lines().filter(l -> l.matches(".*\\d s in all</div>.*")).toList();
        assertEquals(1, times.size(), html);
        assertTrue(times.get(0).endsWith("<!-- [varies] -->"), "the time is left out of output comparisons: " + times);
        // a second fit starts a new output
        t.fit(data.x(), data.y(), data.labels());
        assertEquals(2, Display.OUTPUTS.size());
        assertEquals(text.lines().count(), Display.OUTPUTS.get("display-2").text("text/plain").lines().count());
    }

    @Test
    void numbersHaveFourSignificantDigits() {
        assertEquals("0.9000", Progress.number(0.9), "fixed digits keep a table's columns aligned");
        assertEquals("2.412", Progress.number(2.41249));
        assertEquals("0.001000", Progress.number(0.001));
        assertEquals("1.235e-04", Progress.number(1.2346e-4));
        assertEquals("1235", Progress.number(1234.5));
        assertEquals("0", Progress.number(0));
    }
}
