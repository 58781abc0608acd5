package nnlab.train;

import nnlab.data.Dataset;
import nnlab.net.Cost;
import nnlab.net.Network;
import nnlab.viz.Tables;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * A comparison of training methods over several seeds: every method is trained once per seed on the
 * same training set, monitored on the same test set after every epoch, and summarized as mean ± sample
 * standard deviation over the seeds.
 *
 * <pre>{@code
 * Experiment.Result r = Experiment.on(train, test).epochs(40).batchSize(32).seeds(1, 2, 3)
 *         .method("L2", seed -> net(seed), Cost.of(Loss.softmaxCrossEntropy(), Reduction.MEAN).with(Regularizer.l2(1e-3)), Optimizer.sgd(0.1))
 *         .run();
 * r.table();                                  // one row per method
 * r.meanSeries("L2", History.VALIDATION_ACCURACY);   // the test accuracy curve, averaged over seeds
 * }</pre>
 * The seed of run k is used for the network ({@code network.apply(seed)}, which should pass it to the
 * initializer and the dropout stream) and for the order of examples, so a method's runs differ only by
 * their seed and two methods with the same seed start from the same weights when they build the same
 * network. The test set appears in the histories as the "validation" columns.
 */
public final class Experiment {
    private final Dataset train;
    private final Dataset test;
    private final List<Method> methods = new ArrayList<>();
    private long[] seeds = {1, 2, 3};
    private int epochs = 20;
    private int batchSize = 32;

    /** One way of training: a network per seed, a cost and an update rule. */
    public record Method(String name, LongFunction<Network> network, Cost cost, Optimizer optimizer) {}

    /** One trained run. */
    public record Run(String method, long seed, Network network, History history) {
        public double testAccuracy() {
            return history.last(History.VALIDATION_ACCURACY);
        }

        public double trainAccuracy() {
            return history.last(History.TRAIN_ACCURACY);
        }

        public double testLoss() {
            return history.last(History.VALIDATION_LOSS);
        }
    }

    private Experiment(Dataset train, Dataset test) {
        this.train = train;
        this.test = test;
    }

    /** An experiment trained on {@code train} and measured on {@code test}. */
    public static Experiment on(Dataset train, Dataset test) {
        if (train == null || test == null) {
            throw new IllegalArgumentException("an experiment needs a training set and a test set");
        }
        if (train.features() != test.features() || train.classes() != test.classes()) {
            throw new IllegalArgumentException(String.format("train (%d features, %d classes) and test (%d features, %d classes) do not match",
                    train.features(), train.classes(), test.features(), test.classes()));
        }
        return new Experiment(train, test);
    }

    /** The seeds; every method runs once per seed (at least two, for a standard deviation). */
    public Experiment seeds(long... seeds) {
        if (seeds.length < 2) {
            throw new IllegalArgumentException("give at least 2 seeds so that a standard deviation exists, got " + seeds.length);
        }
        this.seeds = seeds.clone();
        return this;
    }

    public Experiment epochs(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be ≥ 1, got " + epochs);
        }
        this.epochs = epochs;
        return this;
    }

    public Experiment batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be ≥ 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        return this;
    }

    /** Adds a method; names must be distinct. */
    public Experiment method(String name, LongFunction<Network> network, Cost cost, Optimizer optimizer) {
        if (methods.stream().anyMatch(m -> m.name().equals(name))) {
            throw new IllegalArgumentException("a method named '" + name + "' is already in this experiment");
        }
        methods.add(new Method(name, network, cost, optimizer));
        return this;
    }

    /** Trains every method with every seed, in the order they were added. */
    public Result run() {
        if (methods.isEmpty()) {
            throw new IllegalStateException("add at least one method before run()");
        }
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        for (Method m : methods) {
            List<Run> list = new ArrayList<>();
            for (long seed : seeds) {
                Network net = m.network().apply(seed);
                History h = Trainer.builder(net, m.cost(), m.optimizer())
                        .epochs(epochs).batchSize(batchSize).seed(seed)
                        .validation(test.x(), test.oneHot(), test.labels())
                        .build()
                        .fit(train.x(), train.oneHot(), train.labels());
                list.add(new Run(m.name(), seed, net, h));
            }
            runs.put(m.name(), list);
        }
        return new Result(runs);
    }

    /** The runs of every method. */
    public static final class Result {
        private final Map<String, List<Run>> runs;

        Result(Map<String, List<Run>> runs) {
            this.runs = runs;
        }

        /** The runs of one method, in seed order. */
        public List<Run> runs(String method) {
            List<Run> r = runs.get(method);
            if (r == null) {
                throw new IllegalArgumentException("no method named '" + method + "'; the methods are " + runs.keySet());
            }
            return r;
        }

        public List<String> methods() {
            return List.copyOf(runs.keySet());
        }

        /** The epoch of every history record (0 = before training), the x values of the averaged curves. */
        public double[] epochs() {
            return runs.values().iterator().next().get(0).history().series(History.EPOCH);
        }

        /** A history column averaged over the seeds of one method, record by record. */
        public double[] meanSeries(String method, String column) {
            List<Run> r = runs(method);
            double[] mean = new double[r.get(0).history().size()];
            for (Run run : r) {
                double[] s = run.history().series(column);
                for (int i = 0; i < mean.length; i++) {
                    mean[i] += s[i] / r.size();
                }
            }
            return mean;
        }

        /** One column per method (keyed by method name), averaged over seeds: ready for a line chart. */
        public Map<String, double[]> meanSeries(String column) {
            Map<String, double[]> m = new LinkedHashMap<>();
            for (String method : runs.keySet()) {
                m.put(method, meanSeries(method, column));
            }
            return m;
        }

        /** Every weight of every layer of every run of a method, pooled: for a histogram. */
        public double[] weights(String method) {
            List<Double> all = new ArrayList<>();
            for (Run run : runs(method)) {
                for (int l = 1; l <= run.network().depth(); l++) {
                    for (double w : run.network().layer(l).W().getData()) {
                        all.add(w);
                    }
                }
            }
            return all.stream().mapToDouble(Double::doubleValue).toArray();
        }

        /** Mean and sample standard deviation over the seeds of one summary value. */
        public static double[] meanAndSd(double[] values) {
            double mean = 0;
            for (double v : values) {
                mean += v / values.length;
            }
            double ss = 0;
            for (double v : values) {
                ss += (v - mean) * (v - mean);
            }
            return new double[]{mean, Math.sqrt(ss / (values.length - 1))};
        }

        /**
         * One row per method: runs, final test accuracy (mean, sd and "mean ± sd" in percent), final train
         * accuracy and final test loss (means).
         */
        public Table table() {
            int n = runs.size();
            String[] names = new String[n];
            int[] count = new int[n];
            double[] testMean = new double[n];
            double[] testSd = new double[n];
            String[] testText = new String[n];
            double[] trainMean = new double[n];
            double[] lossMean = new double[n];
            int i = 0;
            for (Map.Entry<String, List<Run>> e : runs.entrySet()) {
                List<Run> r = e.getValue();
                double[] test = meanAndSd(r.stream().mapToDouble(Run::testAccuracy).toArray());
                names[i] = e.getKey();
                count[i] = r.size();
                testMean[i] = test[0];
                testSd[i] = test[1];
                testText[i] = String.format(Locale.ROOT, "%.2f ± %.2f %%", 100 * test[0], 100 * test[1]);
                trainMean[i] = meanAndSd(r.stream().mapToDouble(Run::trainAccuracy).toArray())[0];
                lossMean[i] = meanAndSd(r.stream().mapToDouble(Run::testLoss).toArray())[0];
                i++;
            }
            return Tables.format(Table.create("final test accuracy over seeds",
                    StringColumn.create("method", names),
                    IntColumn.create("runs", count),
                    StringColumn.create("test accuracy (mean ± sd)", testText),
                    DoubleColumn.create("test accuracy mean", testMean),
                    DoubleColumn.create("test accuracy sd", testSd),
                    DoubleColumn.create("train accuracy mean", trainMean),
                    DoubleColumn.create("test loss mean", lossMean)), Tables.DIGITS);
        }
    }
}
