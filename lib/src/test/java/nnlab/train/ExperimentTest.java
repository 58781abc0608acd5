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

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.LongFunction;

import nnlab.linalg.Products;
import nnlab.net.Mode;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
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

    // ----------------------------------------------------------------- three sets, sweeps, choices

    private static final Cost CE = Cost.of(Loss.softmaxCrossEntropy(), Reduction.MEAN);
    private final List<Dataset> three = Datasets.optdigits().head(360).split(7, 0.4, 0.3, 0.3);

    private static LongFunction<Network> factory(double dropRate) {
        return seed -> {
            Network.Builder b = Network.builder(64).dense(24, Activation.relu());
            if (dropRate > 0) {
                b.dropout(dropRate);
            }
            return b.dense(10, Activation.softmax()).init(Init.he(), seed).dropoutSeed(seed + 50).build();
        };
    }

    private Experiment threeSets(int threads) {
        Optimizer sgd = Optimizer.sgd(0.3);
        DoubleFunction<Experiment.Setup> l2 = l -> Experiment.setup(factory(0), CE.with(Regularizer.l2(l)), sgd);
        return Experiment.on(three.get(0), three.get(1), three.get(2)).seeds(1, 2, 3).epochs(12).batchSize(16).threads(threads)
                .method("none", Experiment.setup(factory(0), CE, sgd))
                .sweep("L2", "λ₂", new double[] {0.01, 1, 30}, l2)
                .sweep("L1", "λ₁", new double[] {0.01, 3}, l -> Experiment.setup(factory(0), CE.with(Regularizer.l1(l)), sgd))
                .sweep("dropout", "p", new double[] {0.2, 0.5}, p -> Experiment.setup(factory(p), CE, sgd))
                .sweep("early stopping", "patience", new double[] {1, 3}, k -> Experiment.setup(factory(0), CE, sgd).earlyStopping((int) k));
    }

    private Experiment.Result threeSetResult;

    private Experiment.Result threeSetResult() {
        if (threeSetResult == null) {
            threeSetResult = threeSets(2).run();
        }
        return threeSetResult;
    }

    /** The losses recomputed from each run's final network on the three sets, penalty left out: an evaluation apart from the curves. */
    @Test
    void reportedNumbersAreThoseOfTheFinalNetworkWithoutPenalty() {
        Experiment.Result r = threeSetResult();
        for (String m : r.methods()) {
            Experiment.Sweep s = r.sweep(m);
            for (int i = 0; i < s.strengths().length; i++) {
                for (Experiment.Run run : s.runs(i)) {
                    Network n = run.network();
                    assertEquals(CE.value(n, three.get(1).x(), three.get(1).oneHot()), run.validationLoss(), 1e-12, m + " validation");
                    assertEquals(CE.value(n, three.get(2).x(), three.get(2).oneHot()), run.testLoss(), 1e-12, m + " test");
                    assertEquals(CE.value(n, three.get(0).x(), three.get(0).oneHot()), run.value(Experiment.TRAIN_LOSS), 1e-12, m + " train");
                    assertEquals(accuracy(n, three.get(2)), run.testAccuracy(), 0, m + " test accuracy");
                }
            }
        }
    }

    /** The fraction of d's examples that n classifies right, counted here. */
    static double accuracy(Network n, Dataset d) {
        int[] predicted = n.classify(d.x());
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            correct += predicted[i] == d.label(i) ? 1 : 0;
        }
        return (double) correct / predicted.length;
    }

    @Test
    void eachSweepChoosesTheLowestMeanValidationLoss() {
        Experiment.Result r = threeSetResult();
        Experiment.Sweep l2 = r.sweep("L2");
        double[] means = new double[3];
        for (int i = 0; i < 3; i++) {
            for (Experiment.Run run : l2.runs(i)) {
                means[i] += CE.value(run.network(), three.get(1).x(), three.get(1).oneHot()) / 3;
            }
        }
        int best = means[0] <= means[1] && means[0] <= means[2] ? 0 : (means[1] <= means[2] ? 1 : 2);
        assertEquals(best, l2.chosenIndex());
        assertNotEquals(2, best, "λ₂ = 30 wipes the weights out and cannot be best: " + java.util.Arrays.toString(means));
        assertEquals(l2.strengths()[best], l2.chosen());
        assertEquals("L2 (λ₂ = " + Experiment.number(l2.chosen()) + ")", l2.label());
        assertSame(l2.runs(best), r.runs("L2"));
    }

    @Test
    void theSameBitsWithOneOrTwoThreadsAndAnyProductThreads() {
        int products = Products.threads();
        Experiment.Result one;
        try {
            Products.useThreads(2);
            one = threeSets(1).run();
        } finally {
            Products.useThreads(products);
        }
        Experiment.Result two = threeSetResult();
        assertEquals(products, Products.threads(), "the experiment restores the product thread count");
        for (String m : two.methods()) {
            for (int i = 0; i < two.sweep(m).strengths().length; i++) {
                for (int k = 0; k < 3; k++) {
                    Experiment.Run a = one.sweep(m).runs(i).get(k);
                    Experiment.Run b = two.sweep(m).runs(i).get(k);
                    for (String c : Experiment.CURVES) {
                        assertArrayEquals(a.curve(c), b.curve(c), 0, m + " " + c);
                    }
                    assertArrayEquals(a.network().layer(1).W().getData(), b.network().layer(1).W().getData(), 0, m);
                }
            }
        }
    }

    @Test
    void earlyStoppingFollowsTheUnstoppedRunOfTheSameSeedAndKeepsItsBestEpoch() {
        Experiment.Result r = threeSetResult();
        for (int k = 0; k < 3; k++) {
            Experiment.Run none = r.runs("none").get(k);
            Experiment.Run stopped = r.sweep("early stopping").runs(0).get(k);
            double[] full = none.curve(Experiment.VALIDATION_LOSS);
            double[] part = stopped.curve(Experiment.VALIDATION_LOSS);
            assertTrue(part.length <= full.length);
            assertArrayEquals(java.util.Arrays.copyOf(full, part.length), part, 0, "same seed, same steps");
            int best = 0;
            for (int e = 1; e < part.length; e++) {
                best = part[e] < part[best] ? e : best;
            }
            assertEquals(best, stopped.bestEpoch(), 0);
            assertEquals(part[best], stopped.validationLoss(), 0);
            assertEquals(stopped.curve(Experiment.TEST_LOSS)[best], stopped.testLoss(), 0);
        }
    }

    @Test
    void differencesArePairedSeedBySeed() {
        Experiment.Result r = threeSetResult();
        double[] d = new double[3];
        for (int k = 0; k < 3; k++) {
            d[k] = r.runs("dropout").get(k).testLoss() - r.runs("none").get(k).testLoss();
        }
        Stats.Paired p = r.difference("dropout", "none", Experiment.TEST_LOSS);
        assertEquals((d[0] + d[1] + d[2]) / 3, p.mean(), 1e-15);
        assertEquals(Stats.meanSd(d).sd(), p.sd(), 1e-15);
        assertEquals(3, r.summary("none").rowCount() - 2);
        double[] mean = r.meanCurve("none", Experiment.TEST_LOSS);
        for (int e = 0; e < mean.length; e++) {
            double sum = 0;
            for (Experiment.Run run : r.runs("none")) {
                sum += run.curve(Experiment.TEST_LOSS)[e];
            }
            assertEquals(sum / 3, mean[e], 1e-14);
        }
        Map<String, double[][]> byMethod = r.byMethod(Experiment.TEST_LOSS, "none", "L2");
        assertEquals(List.of("none", r.sweep("L2").label()), List.copyOf(byMethod.keySet()));
        assertArrayEquals(r.runs("L2").get(1).curve(Experiment.TEST_LOSS), byMethod.get(r.sweep("L2").label())[1], 0);
        Map<String, double[][]> byCurve = r.byCurve("none", Experiment.TRAIN_LOSS, Experiment.TEST_LOSS);
        assertArrayEquals(r.runs("none").get(2).curve(Experiment.TRAIN_LOSS), byCurve.get(Experiment.TRAIN_LOSS)[2], 0);
        Table sweeps = r.sweepTable("none");
        assertEquals(1 + 3 + 2 + 2 + 2, sweeps.rowCount());
        assertEquals(1, sweeps.stringColumn("chosen").countOccurrences("✓") - 3, "one chosen strength per swept method");
    }

    @Test
    void inputsThatAreZeroInEveryTrainingImageKeepTheirInitialWeightsWithoutPenalty() {
        Experiment.Result r = threeSetResult();
        boolean[] silent = r.silentInputs();
        DMatrixRMaj x = three.get(0).x();
        int count = 0;
        for (int j = 0; j < 64; j++) {
            double max = 0;
            for (int i = 0; i < x.numRows; i++) {
                max = Math.max(max, x.get(i, j));
            }
            assertEquals(max == 0, silent[j], "input " + j);
            count += silent[j] ? 1 : 0;
        }
        assertTrue(count > 0, "the 8 × 8 digits have blank border pixels");
        Experiment.Run run = r.runs("none").get(0);
        DMatrixRMaj initial = factory(0).apply(run.seed()).layer(1).W();
        for (int j = 0; j < 64; j++) {
            for (int i = 0; silent[j] && i < initial.numRows; i++) {
                assertEquals(initial.get(i, j), run.network().layer(1).W().get(i, j), 0, "no data gradient reaches W(1)[" + i + ", " + j + "]");
            }
        }
    }

    @Test
    void deadInputsCountTheRunsWhoseWholeColumnIsBelowTheThreshold() {
        Experiment.Result r = threeSets(2).run();
        List<Experiment.Run> runs = r.runs("none");
        for (Experiment.Run run : runs) {
            DMatrixRMaj w = run.network().layer(1).W();
            for (int i = 0; i < w.numRows; i++) {
                w.set(i, 3, 1e-4 * (i % 2 == 0 ? 1 : -1));
            }
        }
        DMatrixRMaj w = runs.get(1).network().layer(1).W();
        for (int i = 0; i < w.numRows; i++) {
            w.set(i, 5, i == 7 ? 2e-3 : 0);
        }
        double[] dead = r.deadInputs("none", 1e-3);
        assertEquals(1, dead[3], 1e-15);
        assertEquals(0, dead[5], 1e-15, "one weight of 2e-3 keeps the input alive");
        for (int i = 0; i < w.numRows; i++) {
            w.set(i, 5, 0);
        }
        assertEquals(1.0 / 3, r.deadInputs("none", 1e-3)[5], 1e-15);
        assertEquals(1, Experiment.inputWeightsBelow(runs, 1e-3)[3]);
        for (int i = 0; i < w.numRows; i++) {
            runs.get(0).network().layer(1).W().set(i, 5, 0.5);
            runs.get(2).network().layer(1).W().set(i, 5, i < 6 ? 0 : -0.5);
        }
        assertEquals((0 + 24 + 6) / 72.0, Experiment.inputWeightsBelow(runs, 1e-3)[5], 1e-15, "24 and 6 of the 3 × 24 weights");
        assertEquals(r.runs("none").stream().mapToDouble(run -> run.fractionBelow(1e-3)).average().orElseThrow(),
                r.fractionBelow("none", 1e-3), 1e-15);
    }

    @Test
    void fractionBelowCountsEveryWeightOfEveryLayer() {
        Experiment.Result r = threeSetResult();
        Experiment.Run run = r.runs("L1").get(0);
        long below = 0;
        long all = 0;
        for (int l = 1; l <= 2; l++) {
            for (double v : run.network().layer(l).W().getData()) {
                below += Math.abs(v) < 0.01 ? 1 : 0;
                all++;
            }
        }
        assertEquals(64 * 24 + 24 * 10, all);
        assertEquals((double) below / all, run.fractionBelow(0.01), 1e-15);
        assertEquals(all * 3, r.absWeights("L1").length);
    }

    @Test
    void aLaterMethodRunsAloneAndJoinsTheEarlierResult() {
        Experiment exp = threeSets(2);
        Experiment.Result first = exp.run();
        double p = first.sweep("dropout").chosen();
        exp.sweep("L2 + dropout", "λ₂", new double[] {0.01, 0.1}, l -> Experiment.setup(factory(p), CE.with(Regularizer.l2(l)), Optimizer.sgd(0.3)));
        Experiment.Result all = exp.run(first);
        assertEquals(List.of("none", "L2", "L1", "dropout", "early stopping", "L2 + dropout"), all.methods());
        assertSame(first.runs("L2").get(0), all.runs("L2").get(0), "earlier runs are not trained again");
        assertEquals(2, all.sweep("L2 + dropout").strengths().length);
    }

    @Test
    void csvFilesHoldEveryRunAndEveryRecord(@TempDir Path dir) throws Exception {
        Experiment.Result r = threeSetResult();
        List<Path> files = r.writeCsv(dir.resolve("runs.csv"), dir.resolve("sub/curves.csv"));
        List<String> runs = Files.readAllLines(files.get(0));
        assertEquals("method,parameter,strength,seed,chosen,epochs trained,best epoch,train loss,validation loss,test loss,"
                + "train accuracy,validation accuracy,test accuracy,fraction |w| < 1e-3", runs.get(0));
        assertEquals(1 + 3 * (1 + 3 + 2 + 2 + 2), runs.size());
        Experiment.Run l2 = r.sweep("L2").runs(1).get(2);
        String row = runs.stream().filter(line -> line.startsWith("L2,λ₂,1,3,")).findFirst().orElseThrow();
        String[] cells = row.split(",");
        assertEquals(r.sweep("L2").chosenIndex() == 1 ? "yes" : "no", cells[4]);
        assertEquals(l2.testLoss(), Double.parseDouble(cells[9]), 0, "full precision");
        List<String> curves = Files.readAllLines(files.get(1));
        long records = r.methods().stream().flatMap(m -> {
            Experiment.Sweep s = r.sweep(m);
            return java.util.stream.IntStream.range(0, s.strengths().length).boxed().flatMap(i -> s.runs(i).stream());
        }).mapToLong(run -> run.history().size()).sum();
        assertEquals(1 + records, curves.size());
        assertTrue(curves.get(1).startsWith("none,,,1,0,"), curves.get(1));
    }

    @Test
    void progressLinesCountTheRunsAndEndWithTheTime() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Experiment.on(three.get(0), three.get(1), three.get(2)).seeds(1, 2).epochs(2).batchSize(32)
                .method("none", Experiment.setup(factory(0), CE, Optimizer.sgd(0.3)))
                .sweep("L2", "λ₂", new double[] {0.1, 1}, l -> Experiment.setup(factory(0), CE.with(Regularizer.l2(l)), Optimizer.sgd(0.3)))
                .progress(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(7, lines.length, String.join("\n", lines));
        assertTrue(lines[0].startsWith("1 of 6 networks trained, "), lines[0]);
        assertTrue(lines[5].startsWith("6 of 6 networks trained, "), lines[5]);
        assertTrue(lines[6].matches("6 networks trained in [0-9.]+ s on 2 threads \\([0-9.]+ s of CPU time in the training threads\\)"), lines[6]);
    }

    @Test
    void threeSetSettingsAreChecked() {
        Dataset a = three.get(0);
        assertThrows(IllegalArgumentException.class, () -> Experiment.on(a, a, three.get(2)));
        assertThrows(IllegalStateException.class, () -> Experiment.on(a, three.get(2))
                .sweep("L2", "λ₂", new double[] {0.1, 1}, l -> Experiment.setup(factory(0), CE, Optimizer.sgd(0.1))));
        Experiment exp = Experiment.on(a, three.get(1), three.get(2));
        assertThrows(IllegalArgumentException.class, () -> exp.sweep("L2", "λ₂", new double[] {1, 0.1}, l -> Experiment.setup(factory(0), CE, Optimizer.sgd(0.1))));
        assertThrows(IllegalArgumentException.class, () -> exp.sweep("L2", "λ₂", new double[] {0.1}, l -> Experiment.setup(factory(0), CE, Optimizer.sgd(0.1))));
        assertThrows(IllegalArgumentException.class, () -> Experiment.setup(factory(0), CE, Optimizer.sgd(0.1)).earlyStopping(0));
        assertThrows(IllegalStateException.class, () -> Experiment.on(a, three.get(2)).seeds(1, 2).epochs(1)
                .method("stop", Experiment.setup(factory(0), CE, Optimizer.sgd(0.1)).earlyStopping(2)).run());
        assertThrows(IllegalArgumentException.class, () -> exp.seeds(1, 1));
    }
}
