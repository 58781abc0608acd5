package nnlab.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When the team's workers are late, large products run alone for a while, then splitting is tried again. */
class SplitPolicyTest {
    private static final long US = 1_000;

    @Test
    void workersOnTimeKeepProductsSplit() {
        SplitPolicy policy = new SplitPolicy();
        long now = 0;
        for (int i = 0; i < 1000; i++) {
            assertTrue(policy.split(now));
            // the caller waited for the workers, but less than its own part took
            policy.record(100 * US, 99 * US, now += 200 * US);
        }
        assertEquals(0, policy.aloneProducts());
    }

    @Test
    void threeLateProductsInARowMeanAloneForFiftyMillisecondsThenSplitAgain() {
        SplitPolicy policy = new SplitPolicy();
        long now = 5_000;
        for (int i = 0; i < SplitPolicy.LATE_LIMIT; i++) {
            assertTrue(policy.split(now), "late product " + i + " is still split");
            policy.record(100 * US, 300 * US, now += US);
        }
        long lastLate = now;
        int alone = 0;
        for (; now - lastLate < SplitPolicy.ALONE_NANOS; now += 100 * US) {
            assertFalse(policy.split(now), "alone until " + SplitPolicy.ALONE_NANOS + " ns after the third late product");
            alone++;
        }
        assertEquals(alone, policy.aloneProducts());
        assertTrue(policy.split(now), "after the pause splitting is tried again");
        policy.record(100 * US, 10 * US, now += US);
        assertTrue(policy.split(now + 10 * SplitPolicy.ALONE_NANOS));
    }

    @Test
    void anOnTimeProductResetsTheCount() {
        SplitPolicy policy = new SplitPolicy();
        long now = 0;
        long[] waits = {300, 300, 50, 300, 300, 50, 300, 300};
        for (long wait : waits) {
            assertTrue(policy.split(now));
            policy.record(100 * US, wait * US, now += US);
        }
        assertEquals(0, policy.aloneProducts());
    }

    /** A busy core: one long wait now and then (a worker paused for a time slice), never three in a row. */
    @Test
    void oneStallMeansAloneAtOnce() {
        SplitPolicy policy = new SplitPolicy();
        long now = 0;
        assertTrue(policy.split(now));
        policy.record(100 * US, SplitPolicy.STALL_NANOS - 1, now += US);
        assertTrue(policy.split(now), "a wait just under the stall limit is only late");
        policy.record(100 * US, 50 * US, now += US);
        assertTrue(policy.split(now));
        policy.record(100 * US, SplitPolicy.STALL_NANOS, now += US);
        assertFalse(policy.split(now + US), "one wait of the stall limit means alone");
        assertFalse(policy.split(now + SplitPolicy.ALONE_NANOS - US));
        assertTrue(policy.split(now + SplitPolicy.ALONE_NANOS + US), "then splitting is tried again");
        assertEquals(2, policy.aloneProducts());
    }

    @Test
    void worksAcrossTheWrapOfNanoTime() {
        SplitPolicy policy = new SplitPolicy();
        long now = Long.MAX_VALUE - 10 * US;
        assertTrue(policy.split(now), "a fresh policy splits at any clock value");
        for (int i = 0; i < SplitPolicy.LATE_LIMIT; i++) {
            policy.record(US, 5 * US, now);
        }
        assertFalse(policy.split(now + 20 * US), "System.nanoTime may wrap; differences still order the times");
        assertTrue(policy.split(now + SplitPolicy.ALONE_NANOS + US));
    }
}
