package nnlab.perf;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import nnlab.check.GradientCheck;
import nnlab.data.BatchGather;
import nnlab.data.Dataset;
import nnlab.data.Datasets;
import nnlab.linalg.Matrices;
import nnlab.linalg.Products;
import nnlab.linalg.Products.Backend;
import nnlab.net.Activation;
import nnlab.net.Backprop;
import nnlab.net.Cost;
import nnlab.net.ForwardPass;
import nnlab.net.Gradients;
import nnlab.net.Init;
import nnlab.net.Layer;
import nnlab.net.Loss;
import nnlab.net.Mode;
import nnlab.net.Network;
import nnlab.net.Reduction;
import nnlab.train.History;
import nnlab.train.Optimizer;
import nnlab.train.Trainer;
import org.ejml.data.DMatrixRMaj;

/**
 * The performance benchmark: prints, in one run, training speed on MNIST-10k for both backends of
 * {@link Products}, how close the training step comes to the backend's large-product speed,
 * vectorized versus one-example-at-a-time backprop, and the cost of a central-difference gradient
 * check. Run it with {@code ./bench.sh} (see docs/performance.md); every figure is a median after
 * warm-up, and the numbers vary from run to run and machine to machine.
 *
 * <p>Options: {@code --epochs N} timed epochs per configuration (default 10, at least 3),
 * {@code --quick} (fewer repetitions, for a smoke test). The data are the packaged MNIST-10k
 * ({@link Datasets#mnist()}).
 */
public final class Benchmark {
    private static final int BATCH = 32;
    private static final double LEARNING_RATE = 0.1;
    private static final long SEED = 20261122L;
    private static final double GEMM_FLOPS = 2.0 * 1024 * 1024 * 1024;

    private final DMatrixRMaj images;   // (10000 × 784), grey levels scaled to [0, 1]
    private final DMatrixRMaj oneHot;   // (10000 × 10)
    private final int[] labels;
    private final int epochs;
    /** Warm-up epochs per configuration, at the least. */
    private final int warmUp;
    /**
     * Warm-up time per configuration, at the least: switching the thread count sends the training loop's
     * compiled code back through the JIT (measured with -XX:+PrintCompilation: about 0.8 s of
     * recompiling on two cores, which also takes CPU time from the step being measured).
     */
    private final double warmUpSeconds;
    private final boolean quick;
    private final DMatrixRMaj gemmA = Matrices.random(1024, 1024, 1);
    private final DMatrixRMaj gemmB = Matrices.random(1024, 1024, 2);
    private final DMatrixRMaj gemmC = new DMatrixRMaj(1024, 1024);

    private Benchmark(DMatrixRMaj images, int[] labels, DMatrixRMaj oneHot, int epochs, boolean quick) {
        this.images = images;
        this.labels = labels;
        this.oneHot = oneHot;
        this.epochs = epochs;
        this.warmUp = quick ? 1 : 2;
        this.warmUpSeconds = quick ? 0.5 : 2.0;
        this.quick = quick;
    }

    public static void main(String[] args) {
        int epochs = 10;
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--epochs" -> epochs = parseEpochs(value(args, ++i, "--epochs"));
                case "--quick" -> quick = true;
                default -> throw new IllegalArgumentException("unknown option '" + args[i]
                        + "'; the options are --epochs N (timed epochs, at least 3) and --quick");
            }
        }
        if (quick) {
            epochs = 3;
        }
        Dataset mnist = Datasets.mnist();
        new Benchmark(mnist.x(), mnist.labels(), mnist.oneHot(), epochs, quick).run();
    }

    private void run() {
        Backend initial = Products.backend();
        int cores = Runtime.getRuntime().availableProcessors();
        int threads = Products.threads();
        System.out.println("# nnlab performance benchmark");
        System.out.printf("machine: %d cores, %s, Java %s (%s)%n", cores, cpuModel(),
                System.getProperty("java.version"), System.getProperty("java.vm.name"));
        System.out.printf("load average at start: %.1f (other programs running make every figure slower)%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("backend at start: " + initial + " — " + Products.describe());
        System.out.printf("threads: %d (setting nnlab.threads / NNLAB_THREADS, default all %d cores)%n", threads, cores);
        boolean fast = Products.isAvailable(Backend.VECTOR);
        if (!fast) {
            System.out.println("the fast backend is not available in this JVM (start it with --add-modules"
                    + " jdk.incubator.vector, as bench.sh does); only EJML is measured");
        }
        System.out.printf("data: MNIST %d examples, batch %d, plain SGD (learning rate %s), products in float64%n%n",
                labels.length, BATCH, LEARNING_RATE);

        List<Config> configs = new ArrayList<>();
        configs.add(new Config(Backend.EJML, 1));
        if (fast) {
            configs.add(new Config(Backend.VECTOR, 1));
            if (threads > 1) {
                configs.add(new Config(Backend.VECTOR, threads));
            }
        }
        gemmRates(configs);
        trainingSection(configs, "784-100-10 sigmoid, cross-entropy",
                () -> Network.builder(784).dense(100, Activation.sigmoid()).dense(10, Activation.sigmoid())
                        .init(Init.xavier(), SEED).build(), Loss.crossEntropy());
        trainingSection(configs, "784-128-128-128-10 ReLU, softmax cross-entropy",
                () -> Network.builder(784).dense(128, Activation.relu()).dense(128, Activation.relu())
                        .dense(128, Activation.relu()).dense(10, Activation.softmax())
                        .init(Init.he(), SEED).build(), Loss.softmaxCrossEntropy());
        backpropSection(configs);
        gradientCheckSection();

        Products.useBackend(initial);
        Products.useThreads(threads);
    }

    /** A backend with a thread count. */
    private record Config(Backend backend, int threads) {
        void apply() {
            Products.useBackend(backend);
            Products.useThreads(threads);
        }

        @Override
        public String toString() {
            return String.format("%-6s %d thread%s", backend, threads, threads == 1 ? " " : "s");
        }
    }

    /** Makes a fresh network with the same seed every time. */
    private interface NetworkMaker {
        Network make();
    }

    // ---- 1 and 2: training epochs, and the step's GFLOP/s against a 1024 × 1024 product ----

    private void gemmRates(List<Config> configs) {
        System.out.println("## Matrix product 1024 × 1024 · 1024 × 1024 (median)");
        System.out.println("| backend | ms | GFLOP/s |");
        System.out.println("|---|---:|---:|");
        for (Config config : configs) {
            config.apply();
            int reps = config.backend() == Backend.EJML || quick ? 3 : 10;
            double seconds = Timing.medianSeconds(1, reps, () -> Products.mult(gemmA, gemmB, gemmC));
            System.out.printf("| %s | %.1f | %.1f |%n", config, seconds * 1e3, GEMM_FLOPS / seconds / 1e9);
        }
        System.out.println();
    }

    /**
     * The GFLOP/s of one 1024 × 1024 product on the backend now active. A product that ran on one
     * thread because the workers had just been late (see {@link Products#productsRunAlone()}) does
     * not show what the backend's threads can do now: it is timed again once that pause is over.
     */
    private double gemmRateNow() {
        for (int attempt = 1; ; attempt++) {
            long alone = Products.productsRunAlone();
            long start = System.nanoTime();
            Products.mult(gemmA, gemmB, gemmC);
            long nanos = System.nanoTime() - start;
            if (Products.productsRunAlone() == alone || attempt == 5) {
                return GEMM_FLOPS / nanos;
            }
        }
    }

    private void trainingSection(List<Config> configs, String title, NetworkMaker maker, Loss loss) {
        Network probe = maker.make();
        double stepFlops = stepFlops(probe, BATCH);
        int batches = (labels.length + BATCH - 1) / BATCH;
        System.out.printf("## Training %s, batch %d: %d batches per epoch, %.2f MFLOP of products per step%n",
                title, BATCH, batches, stepFlops / 1e6);
        System.out.println("| backend | epoch ms (median) | samples/s | µs per step | step GFLOP/s | 1024² GFLOP/s between epochs"
                + " | step / 1024² | speed-up vs EJML | bytes allocated per batch | training accuracy after epoch 1"
                + " | Trainer.fit epoch ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        double ejmlEpoch = Double.NaN;
        StringBuilder notes = new StringBuilder();
        List<String> warmedUp = new ArrayList<>();
        for (Config config : configs) {
            config.apply();
            long aloneBefore = Products.productsRunAlone();
            BareLoop trainer = new BareLoop(maker.make(), loss);
            double[] times = new double[epochs];
            double[] gemm = new double[epochs];
            double[] ratios = new double[epochs];
            double firstEpochAccuracy = Double.NaN;
            gemmRateNow(); // warm-up
            long warmUpStart = System.nanoTime();
            int e = 0;
            for (; e < warmUp || System.nanoTime() - warmUpStart < warmUpSeconds * 1e9; e++) {
                trainer.epoch(false);
                if (e == 0) {
                    firstEpochAccuracy = trainer.accuracy();
                }
            }
            warmedUp.add(String.valueOf(e));
            trainer.epoch(true);
            for (int t = 0; t < epochs; t++) {
                long start = System.nanoTime();
                trainer.epoch(false);
                times[t] = (System.nanoTime() - start) / 1e9;
                gemm[t] = gemmRateNow();
                ratios[t] = stepFlops * batches / times[t] / 1e9 / gemm[t];
            }
            if (config.threads() > 1) {
                notes.append(String.format("%s: %d large products ran on the calling thread alone because a worker"
                        + " had been late, a sign of other programs on the cores (docs/performance.md, Threads)%n",
                        config, Products.productsRunAlone() - aloneBefore));
            }
            if (trainer.allocatedPerBatch() > 0) {
                notes.append(String.format("%s: %d bytes allocated per batch: in this JVM the JIT compiled the Vector API"
                        + " code without its vector intrinsics, so every vector is boxed and the step is several times"
                        + " slower; a fresh run usually does not (docs/performance.md, \"When the JIT boxes the vectors\")%n",
                        config, trainer.allocatedPerBatch()));
            }
            double epoch = Timing.median(times);
            double fitEpoch = fitEpochSeconds(maker.make(), loss, config.backend() == Backend.EJML ? 3 : 5);
            if (config.backend() == Backend.EJML) {
                ejmlEpoch = epoch;
            }
            double perStep = epoch / batches;
            double stepRate = stepFlops / perStep / 1e9;
            System.out.printf("| %s | %.0f | %.0f | %.0f | %.1f | %.1f | %.0f %% | %.1f× | %d | %.1f %% | %.0f |%n",
                    config, epoch * 1e3, labels.length / epoch, perStep * 1e6, stepRate, Timing.median(gemm),
                    100 * Timing.median(ratios), ejmlEpoch / epoch, trainer.allocatedPerBatch(),
                    100 * firstEpochAccuracy, fitEpoch * 1e3);
        }
        System.out.printf("(bare loop: forward, backward, SGD update; median of %d timed epochs after a warm-up of at"
                + " least %d epoch(s) and %.1f s for every backend (here %s epochs: switching the thread count sends the"
                + " loop back through the JIT); µs per step includes copying the batch. One 1024² product runs"
                + " after each timed epoch, so that both rates see the same machine load: step / 1024² is the median"
                + " of the per-epoch ratios. Bytes allocated: by the training thread and the product threads, the median over the batches of an untimed epoch right after the warm-up. Trainer.fit: the project's"
                + " training loop for one epoch, median of several calls, with its per-step monitoring and the history"
                + " records before and after the epoch, each a forward pass over all %d examples)%n%n",
                epochs, warmUp, warmUpSeconds, String.join(", ", warmedUp), labels.length);
        System.out.println(notes);
    }

    /** The median time of {@code Trainer.fit} over one epoch (batch 32, SGD, seeded), after one untimed call. */
    private double fitEpochSeconds(Network net, Loss loss, int calls) {
        Trainer trainer = Trainer.builder(net, Cost.of(loss, Reduction.MEAN), Optimizer.sgd(LEARNING_RATE))
                .epochs(1).batchSize(BATCH).seed(SEED).build();
        double[] result = new double[1];
        double seconds = Timing.medianSeconds(1, calls, () -> {
            History h = trainer.fit(images, oneHot, labels);
            result[0] = h.last(History.TRAIN_ACCURACY);
        });
        if (!(result[0] > 0.5)) {
            throw new IllegalStateException("Trainer.fit reached only " + result[0] + " training accuracy; the benchmark's"
                    + " training is broken");
        }
        return seconds;
    }

    /** Flops of the matrix products in one training step: forward, ∂W for every layer, ∂a below layer 1. */
    private static double stepFlops(Network net, int n) {
        double flops = 0;
        for (int l = 1; l <= net.depth(); l++) {
            Layer layer = net.layer(l);
            double product = 2.0 * n * layer.in() * layer.units();
            flops += product * (l > 1 ? 3 : 2);
        }
        return flops;
    }

    /**
     * The bare training step: mini-batch SGD over the whole set in a seeded order reshuffled each
     * epoch; forward, backward, the project's {@link Optimizer#sgd} update, and nothing else (no
     * monitoring). Every buffer is made once; the short last batch reshapes them.
     */
    private final class BareLoop {
        private final Network net;
        private final Loss loss;
        private final ForwardPass fp;
        private final Gradients grads;
        private final DMatrixRMaj x = new DMatrixRMaj(BATCH, 784);
        private final DMatrixRMaj y = new DMatrixRMaj(BATCH, 10);
        private final BatchGather batches = new BatchGather(images, oneHot);
        private final int[] order;
        private final SplittableRandom shuffle = new SplittableRandom(SEED);
        private final Optimizer sgd = Optimizer.sgd(LEARNING_RATE);
        private final Optimizer.State[] wStates;
        private final Optimizer.State[] bStates;
        private long allocated = -1;
        private final AllocationMeter meter = new AllocationMeter();

        BareLoop(Network net, Loss loss) {
            this.net = net;
            this.loss = loss;
            this.fp = net.newPass(Mode.TRAINING);
            this.grads = new Gradients(net);
            this.order = new int[labels.length];
            Arrays.setAll(order, i -> i);
            wStates = new Optimizer.State[net.depth() + 1];
            bStates = new Optimizer.State[net.depth() + 1];
            for (int l = 1; l <= net.depth(); l++) {
                wStates[l] = sgd.newState(net.layer(l).W());
                bStates[l] = sgd.newState(net.layer(l).b());
            }
        }

        /** One epoch in a new shuffled order; with {@code measure}, the bytes allocated per batch are recorded. */
        void epoch(boolean measure) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = shuffle.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            int batches = (order.length + BATCH - 1) / BATCH;
            // batch by batch, after the warm-up: the median is what the steady state allocates (a batch
            // that runs while the JIT is recompiling vector code can allocate)
            double[] perBatch = new double[measure ? batches : 0];
            for (int batch = 0; batch < batches; batch++) {
                if (measure) {
                    meter.start();
                }
                step(batch * BATCH, Math.min(BATCH, order.length - batch * BATCH));
                if (measure) {
                    perBatch[batch] = meter.bytes();
                }
            }
            if (measure) {
                allocated = Math.round(Timing.median(perBatch));
            }
        }

        /** One SGD step on examples order[from .. from+n). */
        private void step(int from, int n) {
            batches.gather(order, from, n, x, y);
            net.forward(x, fp);
            Backprop.backward(net, loss, Reduction.MEAN, fp, y, grads);
            for (int l = 1; l <= net.depth(); l++) {
                sgd.update(net.layer(l).W(), grads.dW(l), wStates[l]);
                sgd.update(net.layer(l).b(), grads.db(l), bStates[l]);
            }
        }

        long allocatedPerBatch() {
            return allocated;
        }

        /** The share of the training set the network now classifies right. */
        double accuracy() {
            int[] predicted = net.classify(images);
            int right = 0;
            for (int i = 0; i < predicted.length; i++) {
                right += predicted[i] == labels[i] ? 1 : 0;
            }
            return (double) right / predicted.length;
        }
    }

    // ---- 3: vectorized backprop against one example at a time ----

    private void backpropSection(List<Config> configs) {
        System.out.println("## Backprop over one batch of 32, 784-100-10 sigmoid: whole batch vs one example at a time (median)");
        System.out.println("| backend | vectorized µs | per-example µs | per-example / vectorized | largest difference |");
        System.out.println("|---|---:|---:|---:|---:|");
        Network net = Network.builder(784).dense(100, Activation.sigmoid()).dense(10, Activation.sigmoid())
                .init(Init.xavier(), SEED).build();
        DMatrixRMaj x = rows(images, 0, BATCH);
        DMatrixRMaj y = rows(oneHot, 0, BATCH);
        Loss loss = Loss.crossEntropy();
        for (Config config : configs) {
            config.apply();
            int reps = quick ? 20 : 200;
            double vectorized = Timing.medianSeconds(reps / 4, reps, () -> Backprop.vectorized(net, loss, Reduction.MEAN, x, y));
            double perExample = Timing.medianSeconds(reps / 20, reps / 4, () -> Backprop.perExample(net, loss, Reduction.MEAN, x, y));
            double diff = maxDifference(Backprop.vectorized(net, loss, Reduction.MEAN, x, y).unrolled(),
                    Backprop.perExample(net, loss, Reduction.MEAN, x, y).unrolled());
            System.out.printf("| %s | %.0f | %.0f | %.1f× | %.1e |%n", config, vectorized * 1e6, perExample * 1e6,
                    perExample / vectorized, diff);
        }
        System.out.println();
    }

    // ---- 4: a central-difference gradient check against one backprop ----

    private void gradientCheckSection() {
        Config fastest = new Config(Products.isAvailable(Backend.VECTOR) ? Backend.VECTOR : Backend.EJML, Products.threads());
        fastest.apply();
        Network net = Network.builder(784).dense(30, Activation.sigmoid()).dense(10, Activation.sigmoid())
                .init(Init.xavier(), SEED).build();
        int n = net.parameterCount();
        int examples = quick ? 2 : 8;
        DMatrixRMaj x = rows(images, 0, examples);
        DMatrixRMaj y = rows(oneHot, 0, examples);
        Cost cost = Cost.of(Loss.crossEntropy(), Reduction.MEAN);
        double backprop = Timing.medianSeconds(50, quick ? 50 : 300, () -> cost.gradient(net, x, y));
        long start = System.nanoTime();
        GradientCheck.Result check = GradientCheck.check(net, cost, x, y);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("## Gradient check 784-30-10 sigmoid, %d examples, %s (n = %d parameters)%n", examples, fastest, n);
        System.out.println("| one backprop µs | central differences s | cost evaluations (2n) | check / backprop |"
                + " relative difference |");
        System.out.println("|---:|---:|---:|---:|---:|");
        System.out.printf("| %.0f | %.1f | %d | %.0f | %.1e |%n", backprop * 1e6, seconds, check.costEvaluations(),
                seconds / backprop, check.relativeError());
        System.out.printf("(2n = %d: the check runs 2n forward passes, each also copying all n parameters into the"
                + " network; one backprop costs about two forward passes)%n", 2 * n);
    }

    // ---- helpers ----

    private static double maxDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static DMatrixRMaj rows(DMatrixRMaj m, int from, int count) {
        DMatrixRMaj r = new DMatrixRMaj(count, m.numCols);
        System.arraycopy(m.data, from * m.numCols, r.data, 0, count * m.numCols);
        return r;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through to the architecture name
        }
        return System.getProperty("os.arch");
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int parseEpochs(String text) {
        int n;
        try {
            n = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--epochs expects a whole number, got '" + text + "'");
        }
        if (n < 3) {
            throw new IllegalArgumentException("--epochs must be at least 3 for a meaningful median, got " + n);
        }
        return n;
    }
}
