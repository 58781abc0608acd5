package nnlab.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ParallelTest {

    @BeforeEach
    void fastBackend() {
        assertEquals(Products.Backend.VECTOR, Products.useBackend(Products.Backend.VECTOR));
    }

    @AfterEach
    void restoreDefaults() {
        Products.useThreads(Runtime.getRuntime().availableProcessors());
        Products.useBackend(Products.Backend.VECTOR);
    }

    /** The ranges one call ran, each as {from, to, 1 if on the calling thread}. */
    private static List<int[]> rangesOf(int n, int minToSplit) {
        List<int[]> ranges = new ArrayList<>();
        Thread caller = Thread.currentThread();
        Parallel.forRanges(n, minToSplit, (from, to) -> {
            synchronized (ranges) {
                ranges.add(new int[] {from, to, Thread.currentThread() == caller ? 1 : 0});
            }
        });
        ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
        return ranges;
    }

    @Test
    void twoThreadsCoverEveryIndexExactlyOnceInNearEqualContiguousRanges() {
        Products.useThreads(2);
        int n = 100_003;
        boolean sawSplit = false;
        for (int attempt = 0; attempt < 200 && !sawSplit; attempt++) {
            int[] visits = new int[n];
            Parallel.forRanges(n, 1, (from, to) -> {
                for (int i = from; i < to; i++) {
                    visits[i]++;
                }
            });
            for (int i = 0; i < n; i++) {
                assertEquals(1, visits[i], "index " + i + " visited " + visits[i] + " times");
            }
            List<int[]> ranges = rangesOf(n, 1);
            assertTrue(ranges.size() <= 8, ranges.size() + " ranges for 2 threads, at most 4 each");
            assertEquals(0, ranges.get(0)[0]);
            assertEquals(n, ranges.get(ranges.size() - 1)[1]);
            int shortest = n / ranges.size();
            for (int r = 0; r < ranges.size(); r++) {
                if (r > 0) {
                    assertEquals(ranges.get(r - 1)[1], ranges.get(r)[0], "ranges " + (r - 1) + " and " + r + " must meet");
                }
                // n % parts ranges of one more, first: 100,003 in 8 is 3 × 12,501 then 5 × 12,500
                int expected = shortest + (r < n % ranges.size() ? 1 : 0);
                assertEquals(expected, ranges.get(r)[1] - ranges.get(r)[0], "the length of range " + r + " of " + ranges.size());
            }
            if (ranges.size() > 1) {
                sawSplit = true;
            } else {
                // the threads were stepping aside for another program: wait out the pause
                sleep(10);
            }
        }
        assertTrue(sawSplit, "with 2 threads the work was never split");
    }

    @Test
    void oneThreadSmallWorkAndTheEjmlBackendRunOnTheCallingThreadInOnePiece() {
        Products.useThreads(2);
        assertOnePieceOnCaller(rangesOf(1_000, 5_000), 1_000);
        Products.useThreads(1);
        assertOnePieceOnCaller(rangesOf(100_000, 1), 100_000);
        Products.useThreads(2);
        Products.useBackend(Products.Backend.EJML);
        assertOnePieceOnCaller(rangesOf(100_000, 1), 100_000);
        assertEquals(0, rangesOf(0, 1).size(), "n = 0 runs nothing");
    }

    private static void assertOnePieceOnCaller(List<int[]> ranges, int n) {
        assertEquals(1, ranges.size());
        assertEquals(0, ranges.get(0)[0]);
        assertEquals(n, ranges.get(0)[1]);
        assertEquals(1, ranges.get(0)[2], "ran on another thread");
    }

    @Test
    void aFailingPartReachesTheCaller() {
        Products.useThreads(2);
        IllegalArgumentException planted = new IllegalArgumentException("planted");
        RuntimeException e = assertThrows(RuntimeException.class, () -> Parallel.forRanges(100_000, 1, (from, to) -> {
            if (to == 100_000) {
                throw planted;
            }
        }));
        assertTrue(e == planted || e.getCause() == planted, "got " + e);
        assertTrue(splitsAgain(), "the threads still work after a failed part");
    }

    private static boolean splitsAgain() {
        for (int attempt = 0; attempt < 200; attempt++) {
            if (rangesOf(100_000, 1).size() > 1) {
                return true;
            }
            sleep(10);
        }
        return false;
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallel.forRanges(-1, 1, (a, b) -> { }));
        assertTrue(e.getMessage().contains("n = -1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Parallel.forRanges(10, 1, null));
        assertTrue(e.getMessage().contains("job is null"), e.getMessage());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
