package nnlab.linalg;

/**
 * Decides whether the next large product is split over the thread team, from how the last split
 * ones went.
 *
 * <p>A split pays while the caller, having finished its own part, waits less for the workers than
 * that part took: the product then ends sooner than on one thread. When another program holds the
 * other cores, a worker that has claimed a part can be paused in the middle of it, and the caller
 * waits longer than its own part took: slower than working alone. After {@value #LATE_LIMIT} such
 * products in a row, or one wait of {@value #STALL_NANOS} ns or more, the policy says "alone" for
 * {@value #ALONE_NANOS} ns, then tries splitting again.
 *
 * <p>The single long wait is what a busy core looks like: the operating system shares it between a
 * worker and the other program in slices of milliseconds, so a worker is paused about every few
 * milliseconds, and when that falls inside a part the caller waits out the slice. Those waits come one
 * at a time, far apart, never three in a row; without the rule a step on two threads took 40 % longer
 * than on one while another program kept a core busy (docs/performance.md, Threads).
 *
 * <p>Splitting never changes a result: every entry of c is summed in the same order whichever thread
 * computes it, so this choice only changes the time. Not thread-safe: its owner calls it under a lock.
 */
final class SplitPolicy {
    /** Split products in a row whose caller waited longer than its own part took, before going alone. */
    static final int LATE_LIMIT = 3;
    /**
     * A wait this long means a worker was paused in the middle of its part: a part of a training step's
     * product takes tens of microseconds, an operating-system time slice milliseconds.
     */
    static final long STALL_NANOS = 500_000L;
    /** How long products run on the calling thread alone after that, before splitting is tried again. */
    static final long ALONE_NANOS = 50_000_000L;

    private int lateInARow;
    private boolean alone;
    private long aloneUntil;
    private long aloneProducts;

    /** Whether a product starting at {@code now} (System.nanoTime) should be split. */
    boolean split(long now) {
        if (paused(now)) {
            aloneProducts++;
            return false;
        }
        return true;
    }

    /** Whether work starting at {@code now} should run on the calling thread alone; counts nothing. */
    boolean paused(long now) {
        if (alone && now - aloneUntil < 0) {
            return true;
        }
        alone = false;
        return false;
    }

    /**
     * Records a split product: the caller worked {@code ownNanos} on its parts, then waited
     * {@code waitNanos} for the workers; it ended at {@code now}.
     */
    void record(long ownNanos, long waitNanos, long now) {
        if (waitNanos <= ownNanos) {
            lateInARow = 0;
            return;
        }
        if (++lateInARow >= LATE_LIMIT || waitNanos >= STALL_NANOS) {
            lateInARow = 0;
            alone = true;
            aloneUntil = now + ALONE_NANOS;
        }
    }

    /** How many products ran alone because the workers had been late. */
    long aloneProducts() {
        return aloneProducts;
    }
}
