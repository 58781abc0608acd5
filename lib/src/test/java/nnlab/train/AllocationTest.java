package nnlab.train;

import nnlab.data.BatchGather;
import nnlab.linalg.Matrices;
import nnlab.linalg.Products;
import nnlab.net.Activation;
import nnlab.net.Cost;
import nnlab.net.ForwardPass;
import nnlab.net.Gradients;
import nnlab.net.Init;
import nnlab.net.Loss;
import nnlab.net.Mode;
import nnlab.net.Network;
import nnlab.net.Reduction;
import nnlab.net.Regularizer;
import nnlab.perf.AllocationMeter;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A training step allocates nothing in steady state, counted over the training thread and the product
 * threads (which run parts of each step). The network is large enough to take the paths a real one takes: products
 * of more than 1 MFLOP split over the threads, a sigmoid layer of 32 × 128 = 4,096 numbers split as
 * well. A smaller network (the first version of this test had 4-16-3, batch 8, this thread only) runs
 * everything on one thread and in short loops, and missed a vectorized σ that boxed its vectors.
 */
class AllocationTest {
    private static final int BATCH = 32;
    /**
     * Until the JIT has compiled the vector kernels every product boxes its vectors, so the first
     * attempts may allocate; on a machine loaded many times over its cores that took minutes (the
     * compiler threads get their share of the cores too). Attempts go on for up to this long.
     */
    private static final long WARM_UP_LIMIT_NANOS = 300_000_000_000L;
    private static final int N = 320;
    private final DMatrixRMaj x = Matrices.random(N, 256, 0, 1, 5);
    private final DMatrixRMaj y = oneHot(N, 10);
    private final AllocationMeter meter = new AllocationMeter();

    private static DMatrixRMaj oneHot(int n, int k) {
        DMatrixRMaj y = new DMatrixRMaj(n, k);
        for (int i = 0; i < n; i++) {
            y.set(i, i % k, 1);
        }
        return y;
    }

    private static Network net() {
        return Network.builder(256).dense(128, Activation.sigmoid()).dropout(0.2).dense(64, Activation.relu())
                .dense(10, Activation.softmax()).init(Init.xavier(), 1).build();
    }

    private static Cost cost() {
        return Cost.of(Loss.softmaxCrossEntropy(), Reduction.MEAN).with(Regularizer.l2(1e-3));
    }

    /**
     * The step of a hand-written loop (gather, forward, Cost.gradient, Cost.value, Adam update), batch by
     * batch: the median over 300 batches after a warm-up must be 0 bytes. At least five attempts, more
     * while the JIT may still be compiling (see {@link #WARM_UP_LIMIT_NANOS}); allocation by the step
     * itself shows in every batch, so in the median of every attempt.
     */
    @Test
    void aTrainingStepAllocatesNothingOnAnyThread() {
        assertTrue(Products.threads() > 1 || Runtime.getRuntime().availableProcessors() == 1,
                "the products should run on the team's threads here");
        assertStepAllocatesNothing(net(), cost(), Matrices.random(N, 256, 0, 1, 5));
    }

    /** The benchmark's network: 784-100-10 sigmoid with cross-entropy, where the vectorized σ allocated. */
    @Test
    void theBenchmarksStepAllocatesNothing() {
        Network net = Network.builder(784).dense(100, Activation.sigmoid()).dense(10, Activation.sigmoid())
                .init(Init.xavier(), 2).build();
        assertStepAllocatesNothing(net, Cost.of(Loss.crossEntropy(), Reduction.MEAN), Matrices.random(N, 784, 0, 1, 6));
    }

    private void assertStepAllocatesNothing(Network net, Cost cost, DMatrixRMaj x) {
        ForwardPass pass = net.newPass(Mode.TRAINING);
        Gradients g = new Gradients(net);
        Optimizer adam = Optimizer.adam(1e-3);
        Optimizer.State[] w = new Optimizer.State[net.depth() + 1];
        Optimizer.State[] b = new Optimizer.State[net.depth() + 1];
        for (int l = 1; l <= net.depth(); l++) {
            w[l] = adam.newState(net.layer(l).W());
            b[l] = adam.newState(net.layer(l).b());
        }
        BatchGather gather = new BatchGather(x, y);
        DMatrixRMaj xb = new DMatrixRMaj(BATCH, x.numCols);
        DMatrixRMaj yb = new DMatrixRMaj(BATCH, y.numCols);
        int[] order = new int[N];
        Arrays.setAll(order, i -> i);
        long[] bytes = new long[300];
        StringBuilder report = new StringBuilder();
        long median = Long.MAX_VALUE;
        double[] sink = new double[1];
        long deadline = System.nanoTime() + WARM_UP_LIMIT_NANOS;
        for (int attempt = 1; median > 0 && (attempt <= 5 || System.nanoTime() < deadline); attempt++) {
            for (int s = 0; s < bytes.length + 2000; s++) {
                boolean measured = s >= 2000;
                if (measured) {
                    meter.start();
                }
                gather.gather(order, (s * BATCH) % N, BATCH, xb, yb);
                net.forward(xb, pass);
                cost.gradient(net, pass, yb, g);
                sink[0] += cost.value(net, pass, yb);
                for (int l = 1; l <= net.depth(); l++) {
                    adam.update(net.layer(l).W(), g.dW(l), w[l]);
                    adam.update(net.layer(l).b(), g.db(l), b[l]);
                }
                if (measured) {
                    bytes[s - 2000] = meter.bytes();
                }
            }
            long[] sorted = bytes.clone();
            Arrays.sort(sorted);
            median = sorted[sorted.length / 2];
            report.append(String.format("%n  attempt %d: median %d B per batch, largest %d B", attempt, median,
                    sorted[sorted.length - 1]));
        }
        assertTrue(median == 0 && Double.isFinite(sink[0]), "a training step allocates:" + report);
    }

    /** Bytes allocated by one Trainer.fit of the given number of epochs (one history record at the end only). */
    private long fit(int epochs) {
        Trainer trainer = Trainer.builder(net(), cost(), Optimizer.adam(1e-3))
                .epochs(epochs).batchSize(BATCH).seed(3).monitorEvery(Integer.MAX_VALUE).build();
        meter.start();
        trainer.fit(x, y);
        return meter.bytes();
    }

    /**
     * Trainer.fit with its per-step checks and monitoring: a run of 210 epochs and one of 10 differ by
     * 2,000 batches but must allocate about the same, since everything per run (buffers, two history
     * records) is the same. The smallest of up to five measurements counts (JIT noise, see above).
     */
    @Test
    void trainerFitAllocatesNothingPerBatch() {
        int extraBatches = 200 * N / BATCH;
        // one 16-byte object per batch would add 32 kB; JIT and class-loading noise stays in the low kilobytes
        long limit = 16 * 1024;
        long fewest = Long.MAX_VALUE;
        StringBuilder report = new StringBuilder();
        for (int attempt = 1; attempt <= 5 && fewest >= limit; attempt++) {
            for (int i = 0; i < 3; i++) {
                fit(20);
            }
            long shortRun = fit(10);
            long longRun = fit(210);
            long extra = longRun - shortRun;
            fewest = Math.min(fewest, extra);
            report.append(String.format("%n  attempt %d: %d extra bytes for %d extra batches (%.2f per batch; short run %d B,"
                    + " long run %d B)", attempt, extra, extraBatches, (double) extra / extraBatches, shortRun, longRun));
        }
        assertTrue(fewest < limit, "the training loop allocates per batch:" + report);
    }
}
