package nnlab.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The thread team: every part runs exactly once, and an aborted caller leaves no worker writing. */
class TeamTest {
    @Test
    void everyPartRunsExactlyOnceOverManyJobs() {
        Team team = new Team(3);
        try {
            for (int job = 0; job < 2000; job++) {
                int parts = 1 + job % 7;   // up to more parts than threads
                AtomicIntegerArray runs = new AtomicIntegerArray(parts);
                assertTrue(team.tryRun(runs::incrementAndGet, parts));
                for (int p = 0; p < parts; p++) {
                    assertEquals(1, runs.get(p), "job " + job + " part " + p);
                }
            }
        } finally {
            team.close();
        }
    }

    @Test
    void aFailingCallerWaitsForRunningWorkersAndTheTeamStaysUsable() throws Exception {
        Team team = new Team(2);
        try {
            AtomicIntegerArray writes = new AtomicIntegerArray(2);
            RuntimeException boom = new RuntimeException("caller's part failed");
            CountDownLatch callerFailing = new CountDownLatch(1);
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> team.tryRun(part -> {
                if (!Thread.currentThread().getName().startsWith("nnlab-products-")) {
                    callerFailing.countDown();
                    throw boom;
                }
                // a worker holds its part until the caller has failed, then is still busy for a while
                await(callerFailing);
                sleep(100);
                writes.incrementAndGet(part);
            }, 2));
            assertSame(boom, thrown, "the caller's own failure propagates unwrapped");
            int[] atReturn = {writes.get(0), writes.get(1)};
            sleep(300);
            assertArrayEquals(atReturn, new int[] {writes.get(0), writes.get(1)},
                    "no worker may still be writing after tryRun returned");

            AtomicIntegerArray runs = new AtomicIntegerArray(2);
            assertTrue(team.tryRun(runs::incrementAndGet, 2));
            assertEquals(1, runs.get(0));
            assertEquals(1, runs.get(1));
        } finally {
            team.close();
        }
    }

    @Test
    void aBusyTeamSaysSoInsteadOfWaiting() throws Exception {
        Team team = new Team(2);
        try {
            boolean[] inner = new boolean[1];
            assertTrue(team.tryRun(part -> {
                if (part == 0) {
                    inner[0] = team.tryRun(p -> { }, 1);
                }
            }, 1));
            assertFalse(inner[0], "a second caller must get false while the team is held");
            assertThrows(IllegalArgumentException.class, () -> team.tryRun(p -> { }, 0));
            assertThrows(IllegalArgumentException.class, () -> team.tryRun(p -> { }, Team.MAX_PARTS + 1));
        } finally {
            team.close();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The caller's own time and its wait are what the split policy judges, so they must name the right side. */
    @Test
    void reportsTheCallersOwnTimeAndItsWaitForALateWorker() throws Exception {
        Team team = new Team(2);
        try {
            for (boolean workerSlow : new boolean[] {true, false}) {
                Thread caller = Thread.currentThread();
                // each side holds its first part until the other has one, so each does exactly one
                CyclicBarrier bothStarted = new CyclicBarrier(2);
                assertTrue(team.tryRun(part -> {
                    try {
                        bothStarted.await(5, TimeUnit.SECONDS);
                        if ((Thread.currentThread() == caller) != workerSlow) {
                            Thread.sleep(30);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, 2));
                long own = team.lastOwnNanos();
                long wait = team.lastWaitNanos();
                if (workerSlow) {
                    assertTrue(wait >= 20_000_000L && wait > own, "late worker: own " + own + " ns, wait " + wait + " ns");
                } else {
                    assertTrue(own >= 30_000_000L && wait < own, "slow caller: own " + own + " ns, wait " + wait + " ns");
                }
            }
        } finally {
            team.close();
        }
    }
}
