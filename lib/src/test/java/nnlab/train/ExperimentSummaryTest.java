package nnlab.train;

import nnlab.data.Dataset;
import nnlab.data.Datasets;
import nnlab.linalg.Products;
import nnlab.net.Activation;
import nnlab.net.Cost;
import nnlab.net.Init;
import nnlab.net.Loss;
import nnlab.net.Network;
import nnlab.net.Reduction;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An experiment's summaries recomputed in the test from its runs' own numbers: mean and sample sd by a
 * two-pass sum written here, paired differences seed by seed, the chosen strength as the first lowest mean,
 * and the cells of the tables formatted here from those numbers.
 */
class ExperimentSummaryTest {
    private static final Cost CE = Cost.of(Loss.softmaxCrossEntropy(), Reduction.MEAN);
    /** 17 epochs: 18 records, more than the 16 the test-set monitor starts with. */
    private static final int EPOCHS = 17;
    private final List<Dataset> three = Datasets.optdigits().head(150).split(11, 0.4, 0.3, 0.3);

    private static Network net(long seed) {
        return Network.builder(64).dense(6, Activation.relu()).dense(10, Activation.softmax()).init(Init.he(), seed).build();
    }

    /** A baseline, a learning-rate sweep whose first rate barely moves, and a sweep whose two strengths train alike. */
    private Experiment.Result tiny() {
        return Experiment.on(three.get(0), three.get(1), three.get(2)).seeds(1, 2, 3).epochs(EPOCHS).batchSize(16).threads(2)
                .method("none", Experiment.setup(ExperimentSummaryTest::net, CE, Optimizer.sgd(0.3)))
                .sweep("rate", "η", new double[] {0.001, 0.5}, eta -> Experiment.setup(ExperimentSummaryTest::net, CE, Optimizer.sgd(eta)))
                .sweep("tie", "k", new double[] {1, 2}, k -> Experiment.setup(ExperimentSummaryTest::net, CE, Optimizer.sgd(0.3)))
                .run();
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }

    private static double sd(double[] v) {
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (v.length - 1));
    }

    private static double[] each(List<Experiment.Run> runs, java.util.function.ToDoubleFunction<Experiment.Run> f) {
        return runs.stream().mapToDouble(f).toArray();
    }

    private static double[] minus(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = a[k] - b[k];
        }
        return d;
    }

    /** "mean ± sd" of the values, each scaled, with the given decimals and an optional sign. */
    private static String cell(double[] v, double scale, int decimals, boolean signed) {
        return String.format(Locale.ROOT, "%" + (signed ? "+" : "") + "." + decimals + "f ± %." + decimals + "f", scale * mean(v), scale * sd(v));
    }

    /** The paired cell: "mean ± sd (p = …)" with Student's p from t = mean / (sd / √n), n − 1 degrees of freedom. */
    private static String pairedCell(double[] d, double scale, int decimals) {
        double t = mean(d) / (sd(d) / Math.sqrt(d.length));
        return cell(d, scale, decimals, true) + " (" + Stats.formatP(Stats.twoSidedP(t, d.length - 1)) + ")";
    }

    /** The epoch of the first lowest validation loss of a run trained without early stopping. */
    private static double argminEpoch(Experiment.Run run) {
        double[] v = run.curve(Experiment.VALIDATION_LOSS);
        int best = 0;
        for (int e = 1; e < v.length; e++) {
            if (v[e] < v[best]) {
                best = e;
            }
        }
        return run.epochs()[best];
    }

    private static double fractionBelow(List<Experiment.Run> runs, double threshold) {
        double sum = 0;
        for (Experiment.Run run : runs) {
            int below = 0;
            int all = 0;
            for (int l = 1; l <= run.network().depth(); l++) {
                for (double w : run.network().layer(l).W().getData()) {
                    below += Math.abs(w) < threshold ? 1 : 0;
                    all++;
                }
            }
            sum += (double) below / all;
        }
        return sum / runs.size();
    }

    @Test
    void sweepsChooseTheFirstLowestMeanValidationLoss() {
        Experiment.Result r = tiny();
        Experiment.Sweep rate = r.sweep("rate");
        double slow = mean(each(rate.runs(0), Experiment.Run::validationLoss));
        double fast = mean(each(rate.runs(1), Experiment.Run::validationLoss));
        assertTrue(fast < slow, "η = 0.001 barely moves in 17 epochs: " + slow + " against " + fast);
        assertEquals(1, rate.chosenIndex());
        assertEquals(0.5, rate.chosen());
        assertEquals("rate (η = 0.5)", rate.label());
        assertArrayEquals(each(rate.runs(1), Experiment.Run::validationLoss), rate.values(1, Experiment.VALIDATION_LOSS), 0);
        assertSame(rate.runs(1), r.runs("rate"));

        Experiment.Sweep tie = r.sweep("tie");
        assertArrayEquals(each(tie.runs(0), Experiment.Run::validationLoss), each(tie.runs(1), Experiment.Run::validationLoss), 0,
                "the same setup at both strengths");
        assertEquals(0, tie.chosenIndex(), "on a tie the first strength");
        assertEquals(0, r.sweep("none").chosenIndex());
        assertTrue(Double.isNaN(r.sweep("none").chosen()));
        assertEquals("strength index 2 is outside 0 … 1 of tie", assertThrows(IllegalArgumentException.class, () -> tie.runs(2)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> tie.runs(-1));

        Table t = r.sweepTable("none");
        assertEquals(List.of("none", "rate", "rate", "tie", "tie"), t.stringColumn("method").asList());
        assertEquals(List.of("", "η = 0.001", "η = 0.5", "k = 1", "k = 2"), t.stringColumn("strength").asList());
        assertEquals(List.of("", "", "✓", "✓", ""), t.stringColumn("chosen").asList());
        assertEquals(cell(each(rate.runs(0), Experiment.Run::validationLoss), 1, 4, false), t.stringColumn("validation loss (mean ± sd)").get(1));
        assertEquals(cell(each(r.runs("none"), Experiment.Run::validationLoss), 1, 4, false), t.stringColumn("validation loss (mean ± sd)").get(0));
    }

    @Test
    void summaryCellsAreTheRunsMeansSdsAndPairedDifferences() {
        Experiment.Result r = tiny();
        Table t = r.summary("none");
        assertEquals(List.of("none", "rate (η = 0.5)", "tie (k = 1)"), t.stringColumn("method").asList());
        List<Experiment.Run> none = r.runs("none");
        List<String> methods = List.of("none", "rate", "tie");
        for (int row = 0; row < 3; row++) {
            List<Experiment.Run> runs = r.runs(methods.get(row));
            String m = methods.get(row);
            assertEquals(cell(each(runs, Experiment.Run::validationLoss), 1, 4, false), t.stringColumn("validation loss").get(row), m);
            assertEquals(cell(each(runs, Experiment.Run::testLoss), 1, 4, false), t.stringColumn("test loss").get(row), m);
            assertEquals(cell(each(runs, Experiment.Run::testAccuracy), 100, 2, false), t.stringColumn("test accuracy %").get(row), m);
            assertEquals(cell(each(runs, ExperimentSummaryTest::argminEpoch), 1, 1, false), t.stringColumn("best epoch").get(row), m);
            assertEquals(String.format(Locale.ROOT, "%.1f %%", 100 * fractionBelow(runs, 1e-3)), t.stringColumn("|w| < 1e-3").get(row), m);
        }
        assertEquals("", t.stringColumn("Δ test loss").get(0));
        assertEquals("", t.stringColumn("Δ test accuracy (points)").get(0));
        List<Experiment.Run> rate = r.runs("rate");
        double[] dLoss = minus(each(rate, Experiment.Run::testLoss), each(none, Experiment.Run::testLoss));
        double[] dAccuracy = minus(each(rate, Experiment.Run::testAccuracy), each(none, Experiment.Run::testAccuracy));
        assertEquals(pairedCell(dLoss, 1, 4), t.stringColumn("Δ test loss").get(1));
        assertEquals(pairedCell(dAccuracy, 100, 2), t.stringColumn("Δ test accuracy (points)").get(1));
        // "tie" trains the baseline's setup with the baseline's seeds: every difference is 0, t = 0, p = 1
        assertEquals("+0.0000 ± 0.0000 (p = 1.00)", t.stringColumn("Δ test loss").get(2));
        assertEquals("+0.00 ± 0.00 (p = 1.00)", t.stringColumn("Δ test accuracy (points)").get(2));
    }

    @Test
    void runsAndCurvesTablesHoldEveryRunsOwnNumbers() {
        Experiment.Result r = tiny();
        List<Experiment.Run> all = new ArrayList<>();
        List<String> chosen = new ArrayList<>();
        for (String m : r.methods()) {
            Experiment.Sweep s = r.sweep(m);
            for (int i = 0; i < s.strengths().length; i++) {
                all.addAll(s.runs(i));
                for (int k = 0; k < 3; k++) {
                    chosen.add(s.runs(i) == s.runs() ? "yes" : "no");
                }
            }
        }
        Table runs = r.runsTable();
        assertEquals(15, runs.rowCount());
        assertEquals(chosen, runs.stringColumn("chosen").asList());
        for (int row = 0; row < all.size(); row++) {
            Experiment.Run run = all.get(row);
            assertEquals(EPOCHS, runs.intColumn("epochs trained").get(row), "no early stopping: every epoch");
            assertEquals(argminEpoch(run), runs.intColumn("best epoch").get(row), 0);
            assertEquals(run.testLoss(), runs.doubleColumn(Experiment.TEST_LOSS).get(row), 0);
            assertEquals(fractionBelow(List.of(run), 1e-3), runs.doubleColumn("fraction |w| < 1e-3").get(row), 0);
        }
        Table curves = r.curvesTable();
        assertEquals(15 * (EPOCHS + 1), curves.rowCount());
        for (int row = 0; row < curves.rowCount(); row += 7) {
            Experiment.Run run = all.get(row / (EPOCHS + 1));
            int e = row % (EPOCHS + 1);
            assertEquals(e, curves.intColumn("epoch").get(row));
            for (String c : Experiment.CURVES) {
                assertEquals(run.curve(c)[e], curves.doubleColumn(c).get(row), 0, c + ", row " + row);
            }
        }
    }

    /** The short form: the test set stands in the trainer's validation columns. */
    @Test
    void theShortFormsTableAndSeries() {
        Dataset train = three.get(0);
        Experiment exp = Experiment.on(train, three.get(2)).seeds(4, 5, 6).epochs(3).batchSize(16)
                .method("none", ExperimentSummaryTest::net, CE, Optimizer.sgd(0.3));
        Experiment.Result first = exp.run();
        exp.method("fast", ExperimentSummaryTest::net, CE, Optimizer.sgd(0.6));
        Experiment.Result r = exp.run(first);
        assertArrayEquals(new long[] {4, 5, 6}, r.seeds());
        assertArrayEquals(new double[] {0, 1, 2, 3}, r.epochs(), 0);
        assertTrue(r.seconds() > first.seconds(), "the second call's training time is added to the first's");
        assertTrue(r.cpuSeconds() >= first.cpuSeconds());

        Table t = r.table();
        for (int row = 0; row < 2; row++) {
            List<Experiment.Run> runs = r.runs(r.methods().get(row));
            double[] test = each(runs, Experiment.Run::testAccuracy);
            assertEquals(cell(test, 100, 2, false) + " %", t.stringColumn("test accuracy (mean ± sd)").get(row));
            assertEquals(3, t.intColumn("runs").get(row));
            for (Experiment.Run run : runs) {
                assertEquals(ExperimentTest.accuracy(run.network(), train), run.trainAccuracy(), 0);
            }
            assertEquals(mean(each(runs, Experiment.Run::trainAccuracy)), t.doubleColumn("train accuracy mean").get(row), 1e-15);
            assertEquals(mean(each(runs, Experiment.Run::testLoss)), t.doubleColumn("test loss mean").get(row), 1e-15);
            assertTrue(Double.isNaN(runs.get(0).bestEpoch()), "no validation set, no best epoch");
        }
        double[] acc = each(r.runs("fast"), Experiment.Run::testAccuracy);
        assertArrayEquals(new double[] {mean(acc), sd(acc)}, Experiment.Result.meanAndSd(acc), 1e-15);
        Map<String, double[]> series = r.meanSeries(History.TRAIN_LOSS);
        assertEquals(List.of("none", "fast"), List.copyOf(series.keySet()));
        double[] fast = series.get("fast");
        for (int e = 0; e < fast.length; e++) {
            int k = e;
            assertEquals(mean(each(r.runs("fast"), run -> run.history().series(History.TRAIN_LOSS)[k])), fast[e], 1e-15);
        }
        assertThrows(IllegalStateException.class, () -> r.summary("none"));
        assertThrows(IllegalStateException.class, () -> r.sweepTable("none"));
        assertThrows(IllegalStateException.class, r::runsTable);
        assertThrows(IllegalStateException.class, r::curvesTable);
    }

    @Test
    void weightsArePooledLayerByLayerRunByRunAndThresholdsAreStrict() {
        Experiment.Result r = Experiment.on(three.get(0), three.get(1), three.get(2)).seeds(1, 2).epochs(1).batchSize(32)
                .method("none", Experiment.setup(ExperimentSummaryTest::net, CE, Optimizer.sgd(0.3))).run();
        List<Experiment.Run> runs = r.runs("none");
        List<Double> expected = new ArrayList<>();
        for (Experiment.Run run : runs) {
            for (DMatrixRMaj w : List.of(run.network().layer(1).W(), run.network().layer(2).W())) {
                for (double v : w.getData()) {
                    expected.add(v);
                }
            }
        }
        assertArrayEquals(expected.stream().mapToDouble(Double::doubleValue).toArray(), r.weights("none"), 0);
        assertEquals(2 * (6 * 64 + 10 * 6), expected.size());

        // input 9: every weight exactly 0.25 in both runs, so none is below 0.25
        for (Experiment.Run run : runs) {
            DMatrixRMaj w = run.network().layer(1).W();
            for (int i = 0; i < w.numRows; i++) {
                w.set(i, 9, i % 2 == 0 ? 0.25 : -0.25);
            }
        }
        assertEquals(0, Experiment.deadInputs(runs, 0.25)[9]);
        assertEquals(0, Experiment.inputWeightsBelow(runs, 0.25)[9]);
        assertEquals(1, Experiment.deadInputs(runs, Math.nextUp(0.25))[9]);
        assertEquals(fractionBelow(List.of(runs.get(0)), 0.25), runs.get(0).fractionBelow(0.25), 0);
    }

    @Test
    void aStopAtTheFirstRecordReportsTheUntrainedNetwork() {
        Experiment.Result r = Experiment.on(three.get(0), three.get(1), three.get(2)).seeds(1, 2).epochs(5).batchSize(16)
                .method("too fast", Experiment.setup(ExperimentSummaryTest::net, CE, Optimizer.sgd(8)).earlyStopping(1)).run();
        for (Experiment.Run run : r.runs("too fast")) {
            double[] v = run.curve(Experiment.VALIDATION_LOSS);
            int best = 0;
            for (int e = 1; e < v.length; e++) {
                best = v[e] < v[best] ? e : best;
            }
            assertEquals(0, best, "η = 8 makes the first epoch worse than the start: " + java.util.Arrays.toString(v));
            assertEquals(0, run.finalRow());
            assertEquals(v[0], run.validationLoss(), 0);
            assertEquals(0, run.bestEpoch(), 0);
            assertEquals(CE.value(net(run.seed()), three.get(2).x(), three.get(2).oneHot()), run.testLoss(), 1e-12, "the initial weights");
        }
    }

    /** 20 runs: a line after every second one (each tenth), then the summary; lines leave a buffered stream as they come. */
    @Test
    void progressPrintsALineEveryTenthOfTheRuns() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream buffered = new PrintStream(new BufferedOutputStream(bytes, 1 << 16), false, StandardCharsets.UTF_8);
        long[] seeds = new long[20];
        for (int k = 0; k < seeds.length; k++) {
            seeds[k] = k + 1;
        }
        List<Integer> shown = new ArrayList<>();
        Experiment exp = Experiment.on(three.get(0), three.get(2)).seeds(seeds).epochs(1).batchSize(64).threads(1)
                .method("none", seed -> {
                    shown.add(bytes.size());
                    return net(seed);
                }, CE, Optimizer.sgd(0.3));
        assertSame(exp, exp.progress(buffered));
        exp.run();
        assertEquals(0, shown.get(1));
        assertTrue(shown.get(2) > 0, "the first line is out before the third run starts");
        assertEquals(shown.get(2), shown.get(3), "and the second only after the fourth");
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(11, lines.length, String.join("\n", lines));
        for (int i = 0; i < 10; i++) {
            assertTrue(lines[i].startsWith((2 * i + 2) + " of 20 networks trained, "), lines[i]);
        }
        assertTrue(lines[10].startsWith("20 networks trained in "), lines[10]);
        assertSame(exp, exp.progress());
    }

    @Test
    void aFailingRunNamesItself() {
        LongFunction<Network> broken = seed -> {
            throw new IllegalArgumentException("no network for seed " + seed);
        };
        Experiment.Result[] none = new Experiment.Result[1];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> none[0] = Experiment.on(three.get(0), three.get(1), three.get(2))
                .seeds(1, 2).epochs(1).threads(1)
                .sweep("bad", "k", new double[] {1, 2}, k -> Experiment.setup(k < 2 ? ExperimentSummaryTest::net : broken, CE, Optimizer.sgd(0.1))).run());
        assertEquals("no network for seed 1", e.getMessage());
        assertEquals(1, e.getSuppressed().length);
        assertEquals("in the run bad (k = 2.0), seed 1", e.getSuppressed()[0].getMessage());
        IllegalStateException s = assertThrows(IllegalStateException.class, () -> Experiment.on(three.get(0), three.get(2)).seeds(1, 2).epochs(1)
                .method("worse", seed -> {
                    throw new AssertionError("not a runtime exception");
                }, CE, Optimizer.sgd(0.1)).run());
        assertEquals("worse, seed 1: java.lang.AssertionError: not a runtime exception", s.getMessage());
    }

    @Test
    void parallelRunsKeepTheirProductsOnTheirThreadAndOneRunAtATimeLeavesThemAlone() {
        int products = Products.threads();
        AtomicInteger seen = new AtomicInteger();
        LongFunction<Network> spy = seed -> {
            seen.set(Products.threads());
            return net(seed);
        };
        try {
            Products.useThreads(2);
            Experiment.on(three.get(0), three.get(2)).seeds(1, 2).epochs(1).threads(1).method("one", spy, CE, Optimizer.sgd(0.1)).run();
            assertEquals(2, seen.get(), "threads(1): the products keep their threads");
            Experiment.on(three.get(0), three.get(2)).seeds(1, 2).epochs(1).threads(2).method("two", spy, CE, Optimizer.sgd(0.1)).run();
            assertEquals(1, seen.get(), "threads(2): one product thread per run");
            assertEquals(2, Products.threads());
        } finally {
            Products.useThreads(products);
        }
    }

    @Test
    void settingsAreCheckedWithTheirMessages() {
        Dataset a = three.get(0);
        Dataset b = three.get(1);
        assertThrows(IllegalArgumentException.class, () -> Experiment.on(a, b, null));
        assertThrows(IllegalArgumentException.class, () -> Experiment.on(a, null));
        Experiment exp = Experiment.on(a, b, three.get(2));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> exp.seeds((long[]) null)).getMessage().endsWith("got 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> exp.sweep("L2", "λ₂", null, l -> null)).getMessage().endsWith("got 0"));
        assertSame(exp, exp.threads(1024));
        assertThrows(IllegalArgumentException.class, () -> exp.threads(1025));
        assertThrows(IllegalArgumentException.class, () -> exp.threads(0));
        assertEquals("a setup needs a network factory (seed -> network), a cost and an optimizer; got no network ",
                assertThrows(IllegalArgumentException.class, () -> Experiment.setup(null, CE, Optimizer.sgd(0.1))).getMessage());
        assertEquals("a setup needs a network factory (seed -> network), a cost and an optimizer; got no cost ",
                assertThrows(IllegalArgumentException.class, () -> Experiment.setup(ExperimentSummaryTest::net, null, Optimizer.sgd(0.1))).getMessage());
        assertEquals("a setup needs a network factory (seed -> network), a cost and an optimizer; got no optimizer",
                assertThrows(IllegalArgumentException.class, () -> Experiment.setup(ExperimentSummaryTest::net, CE, null)).getMessage());
    }
}
