package nnlab.train;

import nnlab.data.Dataset;
import nnlab.linalg.Products;
import nnlab.net.Cost;
import nnlab.net.ForwardPass;
import nnlab.net.Mode;
import nnlab.net.Network;
import nnlab.viz.LiveOutput;
import nnlab.viz.Tables;
import org.ejml.data.DMatrixRMaj;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleFunction;
import java.util.function.LongFunction;

/**
 * A comparison of training methods over several seeds, each method with a sweep of its strength.
 *
 * <h2>Three data sets (the researcher's form)</h2>
 * <pre>{@code
 * Experiment exp = Experiment.on(train, validation, test).seeds(1, 2, 3, 4, 5).epochs(100).batchSize(25)
 *         .method("none", Experiment.setup(net, cost, sgd))
 *         .sweep("L2", "λ₂", new double[] {0.01, 0.03, 0.1, 0.3}, l -> Experiment.setup(net, cost.with(Regularizer.l2(l)), sgd))
 *         .sweep("early stopping", "patience", new double[] {2, 5, 10, 20}, k -> Experiment.setup(net, cost, sgd).earlyStopping((int) k))
 *         .progress();
 * Experiment.Result r = exp.run();
 * r.sweep("L2").chosen();                               // the λ₂ with the lowest mean validation loss
 * r.difference("L2", "none", Experiment.TEST_LOSS);     // paired over the seeds, with its t test
 * r.summary("none");                                    // one row per method at its chosen strength
 * }</pre>
 * Every configuration (method, strength) is trained once per seed on the training set. After every
 * epoch the run's curves record, on the training, validation and test sets, the <em>data term</em> of
 * the cost (its loss and reduction, without the weight penalty, so that runs with different penalties
 * compare on one scale) and the accuracy. Each sweep chooses the strength whose runs have the lowest
 * mean validation loss at the end of training (ties: the first); nothing reads the test set to choose.
 * A run's final numbers are those of the weights its network ends with: the last epoch's, or, with early
 * stopping, those of the epoch with the lowest validation loss, which the trainer restores.
 *
 * <h2>Seeds and determinism</h2>
 * The seed of run k is used for the network ({@code setup.network().apply(seed)}, which should pass it
 * to the initializer and the dropout stream) and for the order of examples, so runs of one strength
 * differ only by their seed, and two methods with the same seed start from the same weights when they
 * build the same network: differences to a baseline are paired seed by seed.
 *
 * <h2>Parallel runs</h2>
 * With {@link #threads(int) threads(n)} above 1 (default: {@link Products#threads()}, all cores) the runs
 * train n at a time, one per thread, and the products inside each run then stay on its thread
 * ({@link Products#useThreads(int) Products.useThreads(1)} while the experiment runs; the previous
 * count is restored after). A run depends only on its own setup and seed, and the products give the
 * same bits on any thread, so the numbers are the same for every thread count and every schedule.
 * The network factories and costs are called from several threads and must not share mutable state.
 *
 * <h2>Two data sets (the short form)</h2>
 * {@link #on(Dataset, Dataset)} trains on {@code train} and hands {@code test} to the trainer as its
 * validation set: the histories' "validation" columns are then test-set columns, penalty included, and
 * {@link Result#table()} and {@link Result#meanSeries} summarize them. That form has nothing to choose
 * on, so it takes no sweeps and no early stopping.
 */
public final class Experiment {
    /** Curve and result names: the data term of the cost and the accuracy, per data set. */
    public static final String TRAIN_LOSS = "train loss";
    public static final String VALIDATION_LOSS = "validation loss";
    public static final String TEST_LOSS = "test loss";
    public static final String TRAIN_ACCURACY = "train accuracy";
    public static final String VALIDATION_ACCURACY = "validation accuracy";
    public static final String TEST_ACCURACY = "test accuracy";
    static final List<String> CURVES = List.of(TRAIN_LOSS, VALIDATION_LOSS, TEST_LOSS, TRAIN_ACCURACY, VALIDATION_ACCURACY, TEST_ACCURACY);

    /** The threshold under which {@link Run#fractionBelow} counts a weight as (nearly) zero in the tables. */
    public static final double SMALL_WEIGHT = 1e-3;

    private final Dataset train;
    private final Dataset validation;
    private final Dataset test;
    private final List<Plan> plans = new ArrayList<>();
    private long[] seeds = {1, 2, 3};
    private int epochs = 20;
    private int batchSize = 32;
    private int threads;
    private PrintStream progress;

    /**
     * How one configuration trains: a network per seed, a cost, an update rule, and the early-stopping
     * patience in epochs (0 for none).
     */
    public record Setup(LongFunction<Network> network, Cost cost, Optimizer optimizer, int patience) {
        public Setup {
            if (network == null || cost == null || optimizer == null) {
                throw new IllegalArgumentException("a setup needs a network factory (seed -> network), a cost and an optimizer; got "
                        + (network == null ? "no network " : "") + (cost == null ? "no cost " : "") + (optimizer == null ? "no optimizer" : ""));
            }
            if (patience < 0) {
                throw new IllegalArgumentException("early-stopping patience must be ≥ 1 epoch (0 for none), got " + patience);
            }
        }

        /** The same setup, stopping after {@code patience} epochs without a lower validation loss (best weights kept). */
        public Setup earlyStopping(int patience) {
            if (patience < 1) {
                throw new IllegalArgumentException("early-stopping patience must be ≥ 1 epoch, got " + patience);
            }
            return new Setup(network, cost, optimizer, patience);
        }
    }

    /** A setup without early stopping. */
    public static Setup setup(LongFunction<Network> network, Cost cost, Optimizer optimizer) {
        return new Setup(network, cost, optimizer, 0);
    }

    /** A method and the strengths it is tried with (one NaN strength for a method without a parameter). */
    private record Plan(String method, String parameter, double[] values, DoubleFunction<Setup> setup) {}

    private Experiment(Dataset train, Dataset validation, Dataset test) {
        this.train = train;
        this.validation = validation;
        this.test = test;
    }

    /** The short form: trained on {@code train}, measured on {@code test} after every epoch (see the class notes). */
    public static Experiment on(Dataset train, Dataset test) {
        requireMatching(train, test, "test");
        return new Experiment(train, null, test);
    }

    /**
     * Trained on {@code train}; every choice is made on {@code validation}; {@code test} is reported.
     * The three sets must be disjoint (e.g. {@code data.split(seed, 0.25, 0.25, 0.5)}).
     */
    public static Experiment on(Dataset train, Dataset validation, Dataset test) {
        requireMatching(train, validation, "validation");
        requireMatching(train, test, "test");
        if (train == validation || train == test || validation == test) {
            throw new IllegalArgumentException("the training, validation and test sets must be three different, disjoint sets; "
                    + "split one data set, e.g. data.split(seed, 0.25, 0.25, 0.5)");
        }
        return new Experiment(train, validation, test);
    }

    private static void requireMatching(Dataset train, Dataset other, String name) {
        if (train == null || other == null) {
            throw new IllegalArgumentException("an experiment needs a training set and a " + name + " set, got null");
        }
        if (train.features() != other.features() || train.classes() != other.classes()) {
            throw new IllegalArgumentException(String.format("train (%d features, %d classes) and %s (%d features, %d classes) do not match",
                    train.features(), train.classes(), name, other.features(), other.classes()));
        }
    }

    /** The seeds; every configuration runs once per seed (at least two, for a standard deviation). */
    public Experiment seeds(long... seeds) {
        if (seeds == null || seeds.length < 2) {
            throw new IllegalArgumentException("give at least 2 seeds so that a standard deviation exists, got " + (seeds == null ? 0 : seeds.length));
        }
        if (Arrays.stream(seeds).distinct().count() != seeds.length) {
            throw new IllegalArgumentException("the seeds must differ, got " + Arrays.toString(seeds));
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

    /** How many runs train at once, one per thread (default: {@link Products#threads()}); 1 trains them one after another. */
    public Experiment threads(int threads) {
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("threads must be 1 … 1024, got " + threads);
        }
        this.threads = threads;
        return this;
    }

    /**
     * Shows the progress while the runs train: in a notebook one output below the cell, replaced in place
     * ("37 of 105 networks trained, 21 s"); elsewhere a line on standard output after every tenth of the
     * runs. It ends with the wall-clock and CPU time of the training.
     */
    public Experiment progress() {
        this.progress = Reporter.LIVE;
        return this;
    }

    /** Like {@link #progress()}, but always as printed lines on {@code out} (null: no progress, the default). */
    public Experiment progress(PrintStream out) {
        this.progress = out;
        return this;
    }

    /** Adds a method trained with one setup. */
    public Experiment method(String name, Setup setup) {
        if (setup == null) {
            throw new IllegalArgumentException("method '" + name + "': the setup is null");
        }
        return add(new Plan(name, "", new double[] {Double.NaN}, v -> setup));
    }

    /** Adds a method: a network per seed, a cost and an update rule. */
    public Experiment method(String name, LongFunction<Network> network, Cost cost, Optimizer optimizer) {
        return method(name, setup(network, cost, optimizer));
    }

    /**
     * Adds a method tried at several strengths of one parameter (e.g. "λ₂"), in increasing order; the
     * strength chosen is the one with the lowest mean validation loss. Needs the three-set form.
     */
    public Experiment sweep(String name, String parameter, double[] values, DoubleFunction<Setup> setup) {
        if (validation == null) {
            throw new IllegalStateException("a sweep chooses on a validation set: use Experiment.on(train, validation, test)");
        }
        if (parameter == null || parameter.isBlank()) {
            throw new IllegalArgumentException("sweep '" + name + "': name the parameter, e.g. \"λ₂\"");
        }
        if (values == null || values.length < 2) {
            throw new IllegalArgumentException("sweep '" + name + "': give at least 2 strengths (one strength is a method), got "
                    + (values == null ? 0 : values.length));
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i]) || (i > 0 && !(values[i] > values[i - 1]))) {
                throw new IllegalArgumentException("sweep '" + name + "': strengths must be finite and increasing, got " + Arrays.toString(values));
            }
        }
        if (setup == null) {
            throw new IllegalArgumentException("sweep '" + name + "': the setup function is null");
        }
        return add(new Plan(name, parameter, values.clone(), setup));
    }

    private Experiment add(Plan plan) {
        if (plan.method() == null || plan.method().isBlank()) {
            throw new IllegalArgumentException("every method needs a non-blank name");
        }
        if (plans.stream().anyMatch(p -> p.method().equals(plan.method()))) {
            throw new IllegalArgumentException("a method named '" + plan.method() + "' is already in this experiment");
        }
        plans.add(plan);
        return this;
    }

    /** Trains every configuration with every seed. */
    public Result run() {
        return run(null);
    }

    /**
     * Trains the methods that {@code previous} (an earlier result of this experiment, or null) does not
     * have yet, and returns the result of all of them, {@code previous}'s methods first. So a method
     * whose setup depends on an earlier choice is added after that choice and run on its own.
     */
    public Result run(Result previous) {
        List<Plan> todo = plans.stream().filter(p -> previous == null || !previous.methods.containsKey(p.method())).toList();
        if (plans.isEmpty()) {
            throw new IllegalStateException("add at least one method before run()");
        }
        for (Plan p : todo) {
            if (validation == null && p.setup().apply(p.values()[0]).patience() > 0) {
                throw new IllegalStateException("method '" + p.method() + "' stops early on the validation loss: use Experiment.on(train, validation, test)");
            }
        }
        Data data = new Data(train, validation, test);
        List<Job> jobs = new ArrayList<>();
        for (Plan p : todo) {
            for (int v = 0; v < p.values().length; v++) {
                for (long seed : seeds) {
                    jobs.add(new Job(p, v, seed, epochs, batchSize));
                }
            }
        }
        int workers = Math.min(threads > 0 ? threads : Products.threads(), Math.max(1, jobs.size()));
        Run[] runs = new Run[jobs.size()];
        long started = System.nanoTime();
        AtomicLong cpuNanos = new AtomicLong();
        Reporter reporter = new Reporter(progress, jobs.size(), started);
        int productThreads = Products.threads();
        if (workers > 1) {
            Products.useThreads(1);
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "nnlab-experiment");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < jobs.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
                    long cpu = mx.getCurrentThreadCpuTime();
                    runs[index] = jobs.get(index).train(data);
                    cpuNanos.addAndGet(mx.getCurrentThreadCpuTime() - cpu);
                    reporter.runEnded();
                }));
            }
            for (int i = 0; i < futures.size(); i++) {
                try {
                    futures.get(i).get();
                } catch (ExecutionException e) {
                    Job j = jobs.get(i);
                    Throwable cause = e.getCause();
                    String what = j.plan().method() + (j.plan().parameter().isEmpty() ? "" : " (" + j.plan().parameter() + " = "
                            + j.plan().values()[j.value()] + ")") + ", seed " + j.seed();
                    if (cause instanceof RuntimeException re) {
                        re.addSuppressed(new IllegalStateException("in the run " + what));
                        throw re;
                    }
                    throw new IllegalStateException(what + ": " + cause, cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the experiment ran", e);
                }
            }
        } finally {
            pool.shutdownNow();
            if (workers > 1) {
                Products.useThreads(productThreads);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = cpuNanos.get() / 1e9;
        reporter.finish(String.format(Locale.ROOT, "%d networks trained in %.1f s on %d thread%s (%.1f s of CPU time in the training threads)",
                jobs.size(), seconds, workers, workers == 1 ? "" : "s", cpuSeconds));
        Map<String, Sweep> sweeps = new LinkedHashMap<>();
        if (previous != null) {
            sweeps.putAll(previous.methods);
        }
        int k = 0;
        for (Plan p : todo) {
            List<List<Run>> perValue = new ArrayList<>();
            for (int v = 0; v < p.values().length; v++) {
                perValue.add(List.of(Arrays.copyOfRange(runs, k, k + seeds.length)));
                k += seeds.length;
            }
            sweeps.put(p.method(), new Sweep(p.method(), p.parameter(), p.values(), perValue));
        }
        return new Result(sweeps, seeds, validation != null, train,
                (previous == null ? 0 : previous.seconds) + seconds, (previous == null ? 0 : previous.cpuSeconds) + cpuSeconds);
    }

    /** The progress display: one output replaced in place in a notebook, printed lines elsewhere, or nothing. */
    private static final class Reporter {
        /** Stands for "live if in a notebook, else standard output" in {@link #progress}. */
        static final PrintStream LIVE = new PrintStream(PrintStream.nullOutputStream());
        private static final long REFRESH_NANOS = 500_000_000L;
        private final PrintStream out;
        private final int total;
        private final long started;
        private final LiveOutput live;
        private long shown;
        /** Runs ended so far, counted here so that the lines come in order whichever thread ends first. */
        private int done;

        Reporter(PrintStream out, int total, long started) {
            LiveOutput l = out == LIVE ? LiveOutput.show(text(0, total, 0), html(text(0, total, 0))) : null;
            this.live = l != null && l.isLive() ? l : null;
            this.out = out == LIVE ? (live == null ? System.out : null) : out;
            this.total = total;
            this.started = started;
        }

        /** After each run: the live output at most twice a second, a line per tenth of the runs. */
        synchronized void runEnded() {
            done++;
            long now = System.nanoTime();
            String text = text(done, total, (now - started) / 1e9);
            if (live != null && (now - shown >= REFRESH_NANOS || done == total)) {
                live.update(text, html(text));
                shown = now;
            }
            if (out != null && done * 10 / total != (done - 1) * 10 / total) {
                out.println(text);
                out.flush();
            }
        }

        synchronized void finish(String summary) {
            if (live != null) {
                live.update(summary, html(summary));
            } else if (out != null) {
                out.println(summary);
                out.flush();
            }
        }

        private static String text(int done, int total, double seconds) {
            return String.format(Locale.ROOT, "%d of %d networks trained, %.0f s", done, total, seconds);
        }

        private static String html(String text) {
            return "<pre>" + text + "</pre>";
        }
    }

    /** The data of a run as the trainer takes them, made once and shared (read only) by every run. */
    private record Data(Dataset train, DMatrixRMaj trainX, DMatrixRMaj trainY, int[] trainLabels,
                        DMatrixRMaj validationX, DMatrixRMaj validationY, int[] validationLabels,
                        DMatrixRMaj testX, DMatrixRMaj testY, int[] testLabels) {
        Data(Dataset train, Dataset validation, Dataset test) {
            this(train, train.x(), train.oneHot(), train.labels(),
                    validation == null ? null : validation.x(), validation == null ? null : validation.oneHot(),
                    validation == null ? null : validation.labels(), test.x(), test.oneHot(), test.labels());
        }
    }

    /** One run to train: a strength of a plan, a seed and the schedule. */
    private record Job(Plan plan, int value, long seed, int epochs, int batchSize) {
        Run train(Data d) {
            double strength = plan.values()[value];
            Setup setup = plan.setup().apply(strength);
            if (setup == null) {
                throw new IllegalArgumentException("method '" + plan.method() + "': the setup function gave null for " + strength);
            }
            Network net = setup.network().apply(seed);
            Trainer.Builder b = Trainer.builder(net, setup.cost(), setup.optimizer()).epochs(epochs).batchSize(batchSize).seed(seed);
            if (d.validationX() == null) {
                History h = b.validation(d.testX(), d.testY(), d.testLabels()).build().fit(d.trainX(), d.trainY(), d.trainLabels());
                return new Run(plan.method(), strength, seed, net, h, null);
            }
            b.validation(d.validationX(), d.validationY(), d.validationLabels());
            if (setup.patience() > 0) {
                b.earlyStopping(setup.patience());
            }
            TestMonitor monitor = new TestMonitor(net, setup.cost(), d);
            History h = b.onEpoch(record -> monitor.measure()).build().fit(d.trainX(), d.trainY(), d.trainLabels());
            return new Run(plan.method(), strength, seed, net, h, monitor.curves(h, d));
        }
    }

    /**
     * Measures, at every record of a run, the test set's data term and accuracy and the weight penalty,
     * from which the training and validation data terms follow: the trainer's J = s(n)·(Σ C + P), so
     * Σ C · s(n) = J − s(n)·P.
     */
    private static final class TestMonitor {
        private final Network net;
        private final Cost cost;
        private final Cost dataTerm;
        private final Data data;
        private final ForwardPass pass;
        private double[] penalty = new double[16];
        private double[] testLoss = new double[16];
        private double[] testAccuracy = new double[16];
        private int rows;

        TestMonitor(Network net, Cost cost, Data data) {
            this.net = net;
            this.cost = cost;
            this.dataTerm = Cost.of(cost.loss(), cost.reduction());
            this.data = data;
            this.pass = net.newPass(Mode.INFERENCE);
        }

        void measure() {
            if (rows == penalty.length) {
                penalty = Arrays.copyOf(penalty, 2 * rows);
                testLoss = Arrays.copyOf(testLoss, 2 * rows);
                testAccuracy = Arrays.copyOf(testAccuracy, 2 * rows);
            }
            net.forward(data.testX(), pass);
            testLoss[rows] = dataTerm.value(net, pass, data.testY());
            testAccuracy[rows] = Trainer.accuracy(pass.output(), data.testLabels());
            penalty[rows] = cost.regularizer().penalty(net);
            rows++;
        }

        Map<String, double[]> curves(History h, Data d) {
            if (rows != h.size()) {
                throw new IllegalStateException("the test set was measured " + rows + " times for " + h.size() + " history records");
            }
            Map<String, double[]> c = new LinkedHashMap<>();
            c.put(TRAIN_LOSS, withoutPenalty(h.series(History.TRAIN_LOSS), d.trainX().numRows));
            c.put(VALIDATION_LOSS, withoutPenalty(h.series(History.VALIDATION_LOSS), d.validationX().numRows));
            c.put(TEST_LOSS, Arrays.copyOf(testLoss, rows));
            c.put(TRAIN_ACCURACY, h.series(History.TRAIN_ACCURACY));
            c.put(VALIDATION_ACCURACY, h.series(History.VALIDATION_ACCURACY));
            c.put(TEST_ACCURACY, Arrays.copyOf(testAccuracy, rows));
            return c;
        }

        private double[] withoutPenalty(double[] j, int n) {
            double s = cost.reduction().scale(n);
            double[] out = new double[j.length];
            for (int r = 0; r < j.length; r++) {
                out[r] = penalty[r] == 0 ? j[r] : j[r] - s * penalty[r];
            }
            return out;
        }
    }

    /**
     * One trained run.
     *
     * @param method   the method's name
     * @param strength the strength it was trained with (NaN for a method without a parameter)
     * @param seed     its seed
     * @param network  the trained network: the last epoch's weights or, with early stopping, the best epoch's
     * @param history  the trainer's history
     * @param curves   the six curves by name, as {@link #curve} gives them (null in the short form)
     */
    public record Run(String method, double strength, long seed, Network network, History history, Map<String, double[]> curves) {
        /** The epoch of every record (0 = before training). */
        public double[] epochs() {
            return history.series(History.EPOCH);
        }

        /**
         * One curve per record, by name ({@link #TEST_LOSS}, …). In the three-set form the losses are the
         * cost's data term (no penalty); in the short form they are the trainer's history columns, the
         * test set standing in its validation columns, penalty included.
         */
        public double[] curve(String name) {
            if (!CURVES.contains(name)) {
                throw new IllegalArgumentException("no curve named '" + name + "'; the curves are " + CURVES);
            }
            if (curves != null) {
                double[] c = curves.get(name);
                if (c == null) {
                    throw new IllegalArgumentException("no curve named '" + name + "'");
                }
                return c.clone();
            }
            if (name.startsWith("validation")) {
                throw new IllegalArgumentException("the short form Experiment.on(train, test) has no validation set; use on(train, validation, test)");
            }
            return history.series(name.replace("test", "validation"));
        }

        /** The record whose weights the network holds: the last, or the best with early stopping. */
        public int finalRow() {
            return history.bestRow() >= 0 ? history.bestRow() : history.size() - 1;
        }

        /** A curve's value at {@link #finalRow()}: the number this run reports. */
        public double value(String name) {
            return curve(name)[finalRow()];
        }

        public double testAccuracy() {
            return value(TEST_ACCURACY);
        }

        public double testLoss() {
            return value(TEST_LOSS);
        }

        public double trainAccuracy() {
            return value(TRAIN_ACCURACY);
        }

        public double validationLoss() {
            return value(VALIDATION_LOSS);
        }

        /**
         * The epoch of the lowest validation loss: with early stopping the one whose weights were kept,
         * otherwise the epoch a stop would have chosen. NaN in the short form.
         */
        public double bestEpoch() {
            if (history.bestRow() >= 0) {
                return history.bestEpoch();
            }
            if (curves == null) {
                return Double.NaN;
            }
            double[] v = curves.get(VALIDATION_LOSS);
            int best = 0;
            for (int r = 1; r < v.length; r++) {
                if (v[r] < v[best]) {
                    best = r;
                }
            }
            return epochs()[best];
        }

        /** The number of epochs trained (fewer than planned when early stopping ended the run). */
        public double epochsTrained() {
            return history.last(History.EPOCH);
        }

        /** The fraction of the network's weights (every layer's W; biases are not penalized) with |w| below the threshold. */
        public double fractionBelow(double threshold) {
            long below = 0;
            long all = 0;
            for (int l = 1; l <= network.depth(); l++) {
                for (double w : network.layer(l).W().getData()) {
                    all++;
                    if (Math.abs(w) < threshold) {
                        below++;
                    }
                }
            }
            return (double) below / all;
        }
    }

    /** A method's runs at every strength it was tried with, and the strength chosen on the validation loss. */
    public static final class Sweep {
        private final String method;
        private final String parameter;
        private final double[] strengths;
        private final List<List<Run>> runs;

        Sweep(String method, String parameter, double[] strengths, List<List<Run>> runs) {
            this.method = method;
            this.parameter = parameter;
            this.strengths = strengths;
            this.runs = runs;
        }

        public String method() {
            return method;
        }

        /** The parameter's name ("" for a method tried once). */
        public String parameter() {
            return parameter;
        }

        /** Whether the method was tried at several strengths. */
        public boolean isSwept() {
            return !parameter.isEmpty();
        }

        public double[] strengths() {
            return strengths.clone();
        }

        /** The runs (one per seed) of strength i. */
        public List<Run> runs(int i) {
            if (i < 0 || i >= runs.size()) {
                throw new IllegalArgumentException("strength index " + i + " is outside 0 … " + (runs.size() - 1) + " of " + method);
            }
            return runs.get(i);
        }

        /** The runs of the chosen strength. */
        public List<Run> runs() {
            return runs(chosenIndex());
        }

        /** A value of every run of strength i ({@link #VALIDATION_LOSS}, …), in seed order. */
        public double[] values(int i, String name) {
            return runs(i).stream().mapToDouble(r -> r.value(name)).toArray();
        }

        /** Mean and sd over the seeds of the validation loss at strength i. */
        public Stats.MeanSd validationLoss(int i) {
            return Stats.meanSd(values(i, VALIDATION_LOSS));
        }

        /** The strength with the lowest mean validation loss (the first of equal ones); 0 for a method tried once. */
        public int chosenIndex() {
            if (!isSwept()) {
                return 0;
            }
            int best = 0;
            for (int i = 1; i < strengths.length; i++) {
                if (validationLoss(i).mean() < validationLoss(best).mean()) {
                    best = i;
                }
            }
            return best;
        }

        /** The chosen strength (NaN for a method without a parameter). */
        public double chosen() {
            return strengths[chosenIndex()];
        }

        /** "L2 (λ₂ = 0.1)", or the method's name when it has no parameter. */
        public String label() {
            return isSwept() ? method + " (" + parameter + " = " + number(chosen()) + ")" : method;
        }
    }

    /** A strength as written in labels and tables: up to 4 significant digits, no trailing zeros. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /**
     * Per input j, the fraction of the runs in which every first-layer weight from input j, the column
     * W(1)[:, j], has |w| below the threshold: the inputs those networks stopped reading.
     */
    public static double[] deadInputs(List<Run> runs, double threshold) {
        int[] dead = new int[requireRuns(runs)];
        for (Run run : runs) {
            DMatrixRMaj w = run.network().layer(1).W();
            for (int j = 0; j < dead.length; j++) {
                boolean all = true;
                for (int i = 0; i < w.numRows && all; i++) {
                    all = Math.abs(w.unsafe_get(i, j)) < threshold;
                }
                dead[j] += all ? 1 : 0;
            }
        }
        double[] fraction = new double[dead.length];
        for (int j = 0; j < dead.length; j++) {
            fraction[j] = (double) dead[j] / runs.size();
        }
        return fraction;
    }

    /** Per input j, the fraction of its first-layer weights W(1)[:, j] with |w| below the threshold, averaged over the runs. */
    public static double[] inputWeightsBelow(List<Run> runs, double threshold) {
        long[] count = new long[requireRuns(runs)];
        long weights = 0;
        for (Run run : runs) {
            DMatrixRMaj w = run.network().layer(1).W();
            weights += w.numRows;
            for (int j = 0; j < count.length; j++) {
                for (int i = 0; i < w.numRows; i++) {
                    count[j] += Math.abs(w.unsafe_get(i, j)) < threshold ? 1 : 0;
                }
            }
        }
        double[] fraction = new double[count.length];
        for (int j = 0; j < count.length; j++) {
            fraction[j] = (double) count[j] / weights;
        }
        return fraction;
    }

    private static int requireRuns(List<Run> runs) {
        if (runs == null || runs.isEmpty()) {
            throw new IllegalArgumentException("no runs given; take them from a result, e.g. result.sweep(\"L1\").runs(3)");
        }
        return runs.get(0).network().inputs();
    }

    /** The runs of every method. */
    public static final class Result {
        private final Map<String, Sweep> methods;
        private final long[] seeds;
        private final boolean threeSets;
        private final Dataset train;
        private final double seconds;
        private final double cpuSeconds;

        Result(Map<String, Sweep> methods, long[] seeds, boolean threeSets, Dataset train, double seconds, double cpuSeconds) {
            this.methods = methods;
            this.seeds = seeds.clone();
            this.threeSets = threeSets;
            this.train = train;
            this.seconds = seconds;
            this.cpuSeconds = cpuSeconds;
        }

        public List<String> methods() {
            return List.copyOf(methods.keySet());
        }

        public long[] seeds() {
            return seeds.clone();
        }

        /** Wall-clock seconds of the training (all calls of run that built this result). */
        public double seconds() {
            return seconds;
        }

        /** CPU seconds of the threads that ran the trainings. */
        public double cpuSeconds() {
            return cpuSeconds;
        }

        /** A method's runs at every strength. */
        public Sweep sweep(String method) {
            Sweep s = methods.get(method);
            if (s == null) {
                throw new IllegalArgumentException("no method named '" + method + "'; the methods are " + methods.keySet());
            }
            return s;
        }

        /** The runs of one method at its chosen strength, in seed order. */
        public List<Run> runs(String method) {
            return sweep(method).runs();
        }

        /** The epoch of every history record (0 = before training), the x values of the averaged curves. */
        public double[] epochs() {
            return methods.values().iterator().next().runs().get(0).epochs();
        }

        /**
         * One curve of every run of a method (chosen strength), seed by seed: {@code [seed][record]}, ready
         * for a band chart. The runs of one method must have the same number of records (early stopping
         * ends runs at different epochs: take {@link Run#curve} of each run instead).
         */
        public double[][] curves(String method, String name) {
            List<Run> r = runs(method);
            double[][] c = new double[r.size()][];
            for (int k = 0; k < c.length; k++) {
                c[k] = r.get(k).curve(name);
                if (c[k].length != c[0].length) {
                    throw new IllegalArgumentException(method + ": the runs have " + c[0].length + " and " + c[k].length
                            + " records (early stopping?); curves of unequal length cannot be banded");
                }
            }
            return c;
        }

        /** One curve of several methods, keyed by their labels ("L2 (λ₂ = 0.1)"), each {@code [seed][record]}: for a band chart. */
        public Map<String, double[][]> byMethod(String name, String... methods) {
            Map<String, double[][]> m = new LinkedHashMap<>();
            for (String method : methods) {
                m.put(sweep(method).label(), curves(method, name));
            }
            return m;
        }

        /** Several curves of one method, keyed by curve name, each {@code [seed][record]}: for a band chart. */
        public Map<String, double[][]> byCurve(String method, String... names) {
            Map<String, double[][]> m = new LinkedHashMap<>();
            for (String name : names) {
                m.put(name, curves(method, name));
            }
            return m;
        }

        /** A curve averaged over the seeds of a method (chosen strength), record by record. */
        public double[] meanCurve(String method, String name) {
            double[][] c = curves(method, name);
            double[] mean = new double[c[0].length];
            for (double[] run : c) {
                for (int i = 0; i < mean.length; i++) {
                    mean[i] += run[i] / c.length;
                }
            }
            return mean;
        }

        /** Mean and sd over the seeds of a method's reported value ({@link #TEST_LOSS}, …) at its chosen strength. */
        public Stats.MeanSd stat(String method, String name) {
            return Stats.meanSd(values(method, name));
        }

        /** The reported value of every run of a method at its chosen strength, in seed order. */
        public double[] values(String method, String name) {
            return runs(method).stream().mapToDouble(r -> r.value(name)).toArray();
        }

        /** method − baseline, seed by seed (both at their chosen strengths), with its t test. */
        public Stats.Paired difference(String method, String baseline, String name) {
            return Stats.paired(values(method, name), values(baseline, name));
        }

        /** The mean over a method's runs (chosen strength) of the fraction of weights with |w| below the threshold. */
        public double fractionBelow(String method, double threshold) {
            return runs(method).stream().mapToDouble(r -> r.fractionBelow(threshold)).average().orElseThrow();
        }

        /** Every |w| of every layer of every run of a method (chosen strength), pooled: for a histogram. */
        public double[] absWeights(String method) {
            return Arrays.stream(weights(method)).map(Math::abs).toArray();
        }

        /** Every weight of every layer of every run of a method (chosen strength), pooled: for a histogram. */
        public double[] weights(String method) {
            List<Run> r = runs(method);
            int per = 0;
            for (int l = 1; l <= r.get(0).network().depth(); l++) {
                per += r.get(0).network().layer(l).W().getNumElements();
            }
            double[] all = new double[per * r.size()];
            int k = 0;
            for (Run run : r) {
                for (int l = 1; l <= run.network().depth(); l++) {
                    double[] w = run.network().layer(l).W().getData();
                    System.arraycopy(w, 0, all, k, w.length);
                    k += w.length;
                }
            }
            return all;
        }

        /** {@link Experiment#deadInputs} of a method's runs at its chosen strength. */
        public double[] deadInputs(String method, double threshold) {
            return Experiment.deadInputs(runs(method), threshold);
        }

        /**
         * The inputs that are 0 in every training example: their first-layer weights get no gradient from
         * the data, only from a penalty, so they keep their initial values without one.
         */
        public boolean[] silentInputs() {
            DMatrixRMaj x = train.x();
            boolean[] silent = new boolean[x.numCols];
            Arrays.fill(silent, true);
            for (int i = 0; i < x.numRows; i++) {
                for (int j = 0; j < x.numCols; j++) {
                    silent[j] &= x.unsafe_get(i, j) == 0;
                }
            }
            return silent;
        }

        /** A history column averaged over the seeds of one method (chosen strength), record by record. */
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

        /** One history column per method (keyed by method name), averaged over seeds: ready for a line chart. */
        public Map<String, double[]> meanSeries(String column) {
            Map<String, double[]> m = new LinkedHashMap<>();
            for (String method : methods.keySet()) {
                m.put(method, meanSeries(method, column));
            }
            return m;
        }

        /** Mean and sample standard deviation over the seeds of one summary value, as {mean, sd}. */
        public static double[] meanAndSd(double[] values) {
            Stats.MeanSd s = Stats.meanSd(values);
            return new double[] {s.mean(), s.sd()};
        }

        /**
         * The short form's summary, one row per method: runs, final test accuracy (mean, sd and "mean ±
         * sd" in percent), final train accuracy and final test loss (means).
         */
        public Table table() {
            int n = methods.size();
            String[] names = new String[n];
            int[] count = new int[n];
            double[] testMean = new double[n];
            double[] testSd = new double[n];
            String[] testText = new String[n];
            double[] trainMean = new double[n];
            double[] lossMean = new double[n];
            int i = 0;
            for (String m : methods.keySet()) {
                Stats.MeanSd test = stat(m, TEST_ACCURACY);
                names[i] = sweep(m).label();
                count[i] = runs(m).size();
                testMean[i] = test.mean();
                testSd[i] = test.sd();
                testText[i] = String.format(Locale.ROOT, "%.2f ± %.2f %%", 100 * test.mean(), 100 * test.sd());
                trainMean[i] = stat(m, TRAIN_ACCURACY).mean();
                lossMean[i] = stat(m, TEST_LOSS).mean();
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

        /**
         * The three-set form's final table, one row per method at its chosen strength: validation loss,
         * test loss and test accuracy as mean ± sd over the seeds, the paired differences to
         * {@code baseline} (same seeds) as mean ± sd with the t test's p value, the epoch of the lowest
         * validation loss and the fraction of weights with |w| &lt; {@value #SMALL_WEIGHT}.
         */
        public Table summary(String baseline) {
            requireThreeSets("summary");
            sweep(baseline);
            Table t = Table.create("test set, read once at the chosen strengths (" + seeds.length + " seeds, mean ± sd; Δ: paired difference to "
                    + baseline + ", t test p)");
            List<String> rows = methods();
            t.addColumns(
                    StringColumn.create("method", rows.stream().map(m -> sweep(m).label()).toList()),
                    StringColumn.create("validation loss", rows.stream().map(m -> stat(m, VALIDATION_LOSS).format(4)).toList()),
                    StringColumn.create("test loss", rows.stream().map(m -> stat(m, TEST_LOSS).format(4)).toList()),
                    StringColumn.create("Δ test loss", rows.stream().map(m -> m.equals(baseline) ? "" : difference(m, baseline, TEST_LOSS).format(4)).toList()),
                    StringColumn.create("test accuracy %", rows.stream().map(m -> percent(stat(m, TEST_ACCURACY))).toList()),
                    StringColumn.create("Δ test accuracy (points)", rows.stream().map(m -> m.equals(baseline) ? "" : percent(difference(m, baseline, TEST_ACCURACY))).toList()),
                    StringColumn.create("best epoch", rows.stream().map(m -> Stats.meanSd(runs(m).stream().mapToDouble(Run::bestEpoch).toArray()).format(1)).toList()),
                    StringColumn.create("|w| < 1e-3", rows.stream().map(m -> String.format(Locale.ROOT, "%.1f %%", 100 * fractionBelow(m, SMALL_WEIGHT))).toList()));
            return t;
        }

        /**
         * Every strength of every swept method: its mean ± sd validation loss over the seeds and whether
         * it was chosen (the lowest mean), next to the baseline's.
         */
        public Table sweepTable(String baseline) {
            requireThreeSets("sweepTable");
            StringColumn method = StringColumn.create("method");
            StringColumn strength = StringColumn.create("strength");
            StringColumn loss = StringColumn.create("validation loss (mean ± sd)");
            StringColumn chosen = StringColumn.create("chosen");
            method.append(baseline);
            strength.append("");
            loss.append(stat(baseline, VALIDATION_LOSS).format(4));
            chosen.append("");
            for (Sweep s : methods.values()) {
                for (int i = 0; s.isSwept() && i < s.strengths().length; i++) {
                    method.append(s.method());
                    strength.append(s.parameter() + " = " + number(s.strengths()[i]));
                    loss.append(s.validationLoss(i).format(4));
                    chosen.append(i == s.chosenIndex() ? "✓" : "");
                }
            }
            return Table.create("validation loss at the end of training, " + seeds.length + " seeds", method, strength, loss, chosen);
        }

        private static String percent(Stats.MeanSd s) {
            return String.format(Locale.ROOT, "%.2f ± %.2f", 100 * s.mean(), 100 * s.sd());
        }

        private static String percent(Stats.Paired d) {
            return String.format(Locale.ROOT, "%+.2f ± %.2f (%s)", 100 * d.mean(), 100 * d.sd(), Stats.formatP(d.p()));
        }

        /**
         * Every run as one row: method, parameter, strength (empty for none), seed, whether its strength
         * was the one chosen, epochs trained, best epoch, the reported losses and accuracies, and the
         * fraction of weights with |w| &lt; {@value #SMALL_WEIGHT}.
         */
        public Table runsTable() {
            requireThreeSets("runsTable");
            RunColumns columns = new RunColumns();
            StringColumn chosen = StringColumn.create("chosen");
            IntColumn trained = IntColumn.create("epochs trained");
            IntColumn best = IntColumn.create("best epoch");
            DoubleColumn small = DoubleColumn.create("fraction |w| < 1e-3");
            forEachRun((s, i, r) -> {
                columns.add(s, r, r::value);
                chosen.append(i == s.chosenIndex() ? "yes" : "no");
                trained.append((int) Math.round(r.epochsTrained()));
                best.append((int) Math.round(r.bestEpoch()));
                small.append(r.fractionBelow(SMALL_WEIGHT));
            });
            Table t = Table.create("runs", columns.method, columns.parameter, columns.strength, columns.seed, chosen, trained, best);
            columns.values.values().forEach(t::addColumns);
            return t.addColumns(small);
        }

        /** Every record of every run as one row: method, parameter, strength, seed, epoch and the six curves. */
        public Table curvesTable() {
            requireThreeSets("curvesTable");
            RunColumns columns = new RunColumns();
            IntColumn epoch = IntColumn.create("epoch");
            forEachRun((s, i, r) -> {
                double[] e = r.epochs();
                Map<String, double[]> curves = new LinkedHashMap<>();
                for (String c : CURVES) {
                    curves.put(c, r.curve(c));
                }
                for (int row = 0; row < e.length; row++) {
                    int k = row;
                    columns.add(s, r, c -> curves.get(c)[k]);
                    epoch.append((int) Math.round(e[row]));
                }
            });
            Table t = Table.create("curves", columns.method, columns.parameter, columns.strength, columns.seed, epoch);
            columns.values.values().forEach(t::addColumns);
            return t;
        }

        private interface RunVisitor {
            void visit(Sweep sweep, int strengthIndex, Run run);
        }

        /** Every run of every method, strength by strength, in seed order. */
        private void forEachRun(RunVisitor visitor) {
            for (Sweep s : methods.values()) {
                for (int i = 0; i < s.strengths().length; i++) {
                    for (Run r : s.runs(i)) {
                        visitor.visit(s, i, r);
                    }
                }
            }
        }

        /** The columns that name a run (method, parameter, strength, seed) and one per curve, filled row by row. */
        private static final class RunColumns {
            final StringColumn method = StringColumn.create("method");
            final StringColumn parameter = StringColumn.create("parameter");
            final StringColumn strength = StringColumn.create("strength");
            final IntColumn seed = IntColumn.create("seed");
            final Map<String, DoubleColumn> values = new LinkedHashMap<>();

            RunColumns() {
                for (String c : CURVES) {
                    values.put(c, DoubleColumn.create(c));
                }
            }

            void add(Sweep s, Run r, java.util.function.ToDoubleFunction<String> value) {
                method.append(s.method());
                parameter.append(s.parameter());
                strength.append(number(r.strength()));
                seed.append((int) r.seed());
                for (String c : CURVES) {
                    values.get(c).append(value.applyAsDouble(c));
                }
            }
        }

        /** Writes {@link #runsTable()} and {@link #curvesTable()} as CSV files; returns the two paths. */
        public List<Path> writeCsv(Path runs, Path curves) {
            return List.of(Tables.csv(runsTable(), runs), Tables.csv(curvesTable(), curves));
        }

        private void requireThreeSets(String what) {
            if (!threeSets) {
                throw new IllegalStateException(what + " reports validation and test numbers: use Experiment.on(train, validation, test)");
            }
        }
    }
}
