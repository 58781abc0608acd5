package nnlab.train;

import nnlab.net.Activation;
import nnlab.net.Cost;
import nnlab.net.Init;
import nnlab.net.Loss;
import nnlab.net.Network;
import nnlab.net.Reduction;
import nnlab.net.Regularizer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The training loop allocates nothing per batch in steady state. Measured as bytes allocated by this
 * thread (com.sun.management.ThreadMXBean): a run of 410 epochs and one of 10 differ by 5,200 batches but
 * must allocate about the same, since everything per run (buffers, one history record) is the same.
 */
class AllocationTest {

    private static long allocatedBytes() {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return bean.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** Bytes allocated by one fit of the given number of epochs (one history record at the end only). */
    private static long run(int epochs, TrainerTest.Blobs data) {
        Network net = Network.builder(4).dense(16, Activation.sigmoid()).dropout(0.3).dense(3, Activation.softmax())
                .init(Init.xavier(), 1).build();
        Trainer trainer = Trainer.builder(net, Cost.of(Loss.softmaxCrossEntropy(), Reduction.MEAN).with(Regularizer.l2(1e-3)),
                        Optimizer.adam(0.01))
                .epochs(epochs).batchSize(8).seed(3).monitorEvery(Integer.MAX_VALUE).build();
        long before = allocatedBytes();
        trainer.fit(data.x(), data.y(), data.labels());
        return allocatedBytes() - before;
    }

    /**
     * Up to five measurements, the smallest counts: until the JIT has compiled the whole loop (which
     * takes longer when this test runs alone than after the other tests), compiled-later code
     * allocates. Allocation by the loop itself would show in every measurement.
     */
    @Test
    void stepsAllocateNothingAfterWarmUp() {
        TrainerTest.Blobs data = TrainerTest.blobs(100, 2);     // 12 full batches and a short one per epoch
        int extraBatches = 400 * 13;
        // one 16-byte object per batch would add 83 kB; JIT and class-loading noise stays in the low kilobytes
        long limit = 16 * 1024;
        long fewest = Long.MAX_VALUE;
        StringBuilder report = new StringBuilder();
        for (int attempt = 1; attempt <= 5 && fewest >= limit; attempt++) {
            for (int i = 0; i < 5; i++) {
                run(20, data);                                 // warm-up: class loading and JIT
            }
            long shortRun = run(10, data);
            long longRun = run(410, data);
            long extra = longRun - shortRun;
            fewest = Math.min(fewest, extra);
            report.append(String.format("%n  attempt %d: %d extra bytes for %d extra batches (%.2f per batch; short run %d B,"
                    + " long run %d B)", attempt, extra, extraBatches, (double) extra / extraBatches, shortRun, longRun));
        }
        assertTrue(fewest < limit, "the training loop allocates per batch:" + report);
    }
}
