package nnlab.linalg;

/**
 * Element-wise work split over the threads of the fast matrix products (see {@link Products#threads()}):
 * an optimizer's update of a large weight matrix, the copy of a mini-batch, σ of a large layer. On two
 * cores such a pass takes about half as long, and the training step is shorter by what would otherwise
 * run on one core while the other waits for the next product.
 *
 * <p>{@code job.run(from, to)} is called for contiguous ranges that together cover [0, n) once (a few
 * per thread, so that a thread slowed by another program takes fewer); they may run at the same time
 * on different threads, so each range must write only its own elements.
 * The split never changes a result as long as each element is computed the same way in any range.
 * Work runs on the calling thread alone when n is below {@code minToSplit}, when the fast backend is
 * off or has one thread, when another caller is using the threads, and while they are stepping aside
 * for other programs (see {@link Products#productsRunAlone()}).
 *
 * <p>Nothing is allocated per call when the caller keeps its {@link Ranges} object (a lambda that
 * captures variables is a new object each time).
 */
public final class Parallel {
    private Parallel() {}

    /** A pass over the index range [from, to). */
    @FunctionalInterface
    public interface Ranges {
        void run(int from, int to);
    }

    /**
     * Runs {@code job} over [0, n), split over the product threads when n ≥ minToSplit (see the class
     * comment); does nothing for n = 0. A part's exception reaches the caller: as it is from the
     * calling thread's part, wrapped in an IllegalStateException from another thread's.
     */
    public static void forRanges(int n, int minToSplit, Ranges job) {
        if (n < 0) {
            throw new IllegalArgumentException("forRanges: n = " + n + "; the number of elements cannot be negative");
        }
        if (job == null) {
            throw new IllegalArgumentException("forRanges: the job is null; pass the pass over [from, to) to run");
        }
        if (n == 0 || n >= Math.max(2, minToSplit) && Products.tryRanges(n, job)) {
            return;
        }
        job.run(0, n);
    }
}
