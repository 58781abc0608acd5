package nnlab.linalg;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed team of daemon threads that runs the parts of one job and waits for all of them.
 *
 * <p>Made for jobs of a few hundred microseconds, so it avoids what a thread pool costs per call: no
 * task objects (nothing is allocated per job), and workers spin briefly before parking, so a training
 * loop's next product finds them awake. Parts are claimed, not assigned: the caller claims parts too,
 * so when the operating system has not scheduled a worker (another program busy on that core), the
 * caller simply does that worker's part itself instead of waiting for it.
 *
 * <p>One job at a time: a caller that finds the team busy gets {@code false} and should do the work
 * alone (see {@link #tryRun}).
 */
final class Team {
    /**
     * How long a waiting thread spins before it parks: long enough to bridge the element-wise work
     * between two products of a training step, short enough not to burn a core someone else needs.
     */
    private static final long SPIN_NANOS = 100_000;
    /** At most this many parts per job: the part counter has 16 bits. */
    static final int MAX_PARTS = 0xFFFF;

    private final Thread[] workers;
    private final AtomicInteger busy = new AtomicInteger();
    /** The current job's generation (high 32 bits), part count (next 16) and next unclaimed part (low 16). */
    private final AtomicLong ticket = new AtomicLong();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private volatile int generation;
    private volatile IntConsumer job;
    private volatile Thread caller;
    private volatile Throwable failure;
    private volatile boolean closed;
    /** The last job's time in the caller's own parts and its wait for the workers afterwards (caller's thread only). */
    private long lastOwnNanos;
    private long lastWaitNanos;

    /** Starts {@code size - 1} worker threads; the caller is the team's first member. */
    Team(int size) {
        workers = new Thread[size - 1];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Thread(this::work, "nnlab-products-" + (w + 1));
            workers[w].setDaemon(true);
            workers[w].start();
        }
    }

    /** How many threads the team has, counting the caller. */
    int size() {
        return workers.length + 1;
    }

    /**
     * Runs {@code job.accept(part)} once for every part in 0..parts-1 and returns true when all are
     * done; returns false at once (nothing run) if another caller holds the team. With more parts than
     * threads, a thread that finishes early claims the next part: a thread slowed by another program
     * ends up doing fewer.
     */
    boolean tryRun(IntConsumer job, int parts) {
        if (parts < 1 || parts > MAX_PARTS) {
            throw new IllegalArgumentException("parts must be in 1.." + MAX_PARTS + " but was " + parts);
        }
        if (!busy.compareAndSet(0, 1)) {
            return false;
        }
        int gen = generation + 1;
        boolean finished = false;
        try {
            this.job = job;
            caller = Thread.currentThread();
            failure = null;
            done.set(0);
            ticket.set(((long) gen << 32) | ((long) parts << 16));
            generation = gen;
            for (int w = 0; w < Math.min(parts - 1, workers.length); w++) {
                LockSupport.unpark(workers[w]);
            }
            long start = System.nanoTime();
            runClaimed(gen, true);
            long ownEnd = System.nanoTime();
            long spinUntil = ownEnd + SPIN_NANOS;
            while (done.get() < parts) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(this, 50_000);
                }
            }
            finished = true;
            lastOwnNanos = ownEnd - start;
            lastWaitNanos = System.nanoTime() - ownEnd;
            if (failure != null) {
                throw new IllegalStateException("a part of a parallel product or pass failed in a worker thread", failure);
            }
            return true;
        } finally {
            if (!finished) {
                // the caller was interrupted (a notebook's stop button) or its part failed: let no worker
                // start another part, and wait for running ones, so none writes into c after we return
                ticket.set(((long) gen << 32) | ((long) parts << 16) | parts);
                long giveUp = System.nanoTime() + 1_000_000_000L;
                while (running.get() > 0 && System.nanoTime() < giveUp) {
                    Thread.onSpinWait();
                }
            }
            this.job = null;
            busy.set(0);
        }
    }

    /** For the caller after {@link #tryRun} returned true: how long its own parts took, in ns. */
    long lastOwnNanos() {
        return lastOwnNanos;
    }

    /** For the caller after {@link #tryRun} returned true: how long it then waited for the workers, in ns. */
    long lastWaitNanos() {
        return lastWaitNanos;
    }

    /** Lets the worker threads end; the team must not be used afterwards. */
    void close() {
        closed = true;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
    }

    /**
     * Claims and runs parts of generation {@code gen} until none is left. A worker keeps a part's
     * failure for the caller; the caller's own failure propagates. {@code running} counts threads
     * between claiming and finishing, raised before the claim so that no claim goes unseen.
     */
    private void runClaimed(int gen, boolean isCaller) {
        while (true) {
            running.incrementAndGet();
            try {
                long t = ticket.get();
                int parts = (int) (t >>> 16) & 0xFFFF;
                int part = (int) t & 0xFFFF;
                if ((int) (t >>> 32) != gen || part >= parts) {
                    return;
                }
                if (!ticket.compareAndSet(t, t + 1)) {
                    continue;
                }
                try {
                    job.accept(part);
                } catch (Throwable e) {
                    if (isCaller) {
                        throw e;
                    }
                    failure = e;
                }
                if (done.incrementAndGet() == parts) {
                    LockSupport.unpark(caller);
                }
            } finally {
                running.decrementAndGet();
            }
        }
    }

    private void work() {
        int seen = 0;
        while (!closed) {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (generation == seen && !closed) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            seen = generation;
            if (!closed) {
                runClaimed(seen, false);
            }
        }
    }
}
