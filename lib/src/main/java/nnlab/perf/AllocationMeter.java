package nnlab.perf;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated between {@link #start} and {@link #bytes} by the calling thread and by the product
 * threads ({@code nnlab-products-…}, which run parts of every training step: products, σ, the update,
 * the batch copy). Other threads of the JVM (a test runner's, a notebook kernel's) allocate on their
 * own schedule and are not counted. Each thread is read from its own counter, and the product threads
 * are read outside the calling thread's window, so the arrays the readings allocate are not counted.
 */
public final class AllocationMeter {
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private long[] others = new long[0];
    private long[] othersBefore = new long[0];
    private long before;

    /** Starts a window; the thread calling {@link #bytes} must be the one calling this. */
    public void start() {
        others = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("nnlab-products-") && t != Thread.currentThread())
                .mapToLong(Thread::getId).toArray();
        othersBefore = threads.getThreadAllocatedBytes(others);
        before = threads.getCurrentThreadAllocatedBytes();
    }

    /** The bytes allocated by these threads since {@link #start} (threads started in between are not seen). */
    public long bytes() {
        long bytes = threads.getCurrentThreadAllocatedBytes() - before;
        long[] othersAfter = threads.getThreadAllocatedBytes(others);
        for (int i = 0; i < others.length; i++) {
            // −1: the thread ended in between
            if (othersBefore[i] >= 0 && othersAfter[i] >= 0) {
                bytes += othersAfter[i] - othersBefore[i];
            }
        }
        return bytes;
    }
}
