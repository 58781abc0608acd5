package nnlab.perf;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * Bytes allocated between {@link #start} and {@link #bytes} by the calling thread and by every other
 * live thread (the product threads run parts of every training step: products, σ, the update, the
 * batch copy). Each thread is read from its own counter, and the other threads are read outside the
 * calling thread's window, so the arrays the readings themselves allocate are not counted.
 */
public final class AllocationMeter {
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private long[] others = new long[0];
    private long[] othersBefore = new long[0];
    private long before;

    /** Starts a window; the thread calling {@link #bytes} must be the one calling this. */
    public void start() {
        long self = Thread.currentThread().getId();
        others = Arrays.stream(threads.getAllThreadIds()).filter(id -> id != self).toArray();
        othersBefore = threads.getThreadAllocatedBytes(others);
        before = threads.getCurrentThreadAllocatedBytes();
    }

    /** The bytes allocated by all threads since {@link #start} (threads started in between are not seen). */
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
