package lottery.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The shared kernel pool: each part once, any thread count, late workers, failures, nested and concurrent callers. */
class ParallelTest {
    private static void assertEachPartOnce(AtomicIntegerArray runs) {
        int[] seen = new int[runs.length()], once = new int[runs.length()];
        for (int p = 0; p < seen.length; p++) { seen[p] = runs.get(p); once[p] = 1; }
        assertArrayEquals(once, seen);
    }

    @Test void runsEveryPartExactlyOnceForOneToManyThreads() {
        for (int threads = 1; threads <= 5; threads++)
            for (int parts = 0; parts <= 17; parts += 1 + parts / 3)
                for (int job = 0; job < 50; job++) {
                    AtomicIntegerArray runs = new AtomicIntegerArray(parts);
                    assertTrue(Parallel.tryRun(threads, parts, runs::incrementAndGet));
                    assertEachPartOnce(runs);
                }
    }

    @Test void backToBackJobsOfDifferentSizesNeverMixUp() {
        // a worker still finishing one job must not claim parts of the next one with the old task
        for (int job = 0; job < 20_000; job++) {
            int parts = 2 + job % 7;
            AtomicIntegerArray runs = new AtomicIntegerArray(parts);
            assertTrue(Parallel.tryRun(2, parts, runs::incrementAndGet));
            assertEachPartOnce(runs);
        }
    }

    @Test void aLateWorkerDoesNotStallTheJob() throws Exception {
        // Whoever runs part 0 blocks until every other part is done, so the other thread must be able
        // to take all of them: a fixed assignment of parts to threads would never finish.
        int parts = 8;
        AtomicInteger others = new AtomicInteger();
        AtomicBoolean stalled = new AtomicBoolean();
        assertTrue(Parallel.tryRun(2, parts, part -> {
            if (part != 0) { others.incrementAndGet(); return; }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (others.get() < parts - 1)
                if (System.nanoTime() > deadline) { stalled.set(true); return; } else Thread.onSpinWait();
        }));
        assertFalse(stalled.get(), "parts left to a blocked thread were never taken by the other");
        assertEquals(parts - 1, others.get());
    }

    @Test void rethrowsAPartsFailureAndStaysUsable() {
        for (int threads : new int[] {1, 3}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.tryRun(threads, 3, part -> {
                if (part == 2) throw new IllegalStateException("part 2 failed");
            }));
            assertEquals("part 2 failed", e.getMessage());
            AtomicIntegerArray runs = new AtomicIntegerArray(3);
            assertTrue(Parallel.tryRun(threads, 3, runs::incrementAndGet));
            assertEachPartOnce(runs);
        }
    }

    @Test void aNestedCallerIsToldThePoolIsBusyAndRunsAlone() {
        AtomicIntegerArray inner = new AtomicIntegerArray(4 * 3);
        AtomicInteger refused = new AtomicInteger();
        assertTrue(Parallel.tryRun(2, 4, outer -> {
            if (!Parallel.tryRun(2, 3, p -> inner.incrementAndGet(outer * 3 + p))) {
                refused.incrementAndGet();
                for (int p = 0; p < 3; p++) inner.incrementAndGet(outer * 3 + p);
            }
        }));
        assertEquals(4, refused.get());
        assertEachPartOnce(inner);
    }

    @Test void concurrentCallersEachGetTheirWorkDone() throws Exception {
        int callers = 4, jobs = 2_000;
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> error = new AtomicReference<>();
        AtomicInteger ranOnPool = new AtomicInteger();
        Thread[] threads = new Thread[callers];
        for (int i = 0; i < callers; i++) {
            threads[i] = new Thread(() -> {
                try {
                    start.await();
                    for (int job = 0; job < jobs; job++) {
                        AtomicIntegerArray runs = new AtomicIntegerArray(5);
                        if (Parallel.tryRun(2, 5, runs::incrementAndGet)) ranOnPool.incrementAndGet();
                        else for (int p = 0; p < 5; p++) runs.incrementAndGet(p);
                        assertEachPartOnce(runs);
                    }
                } catch (Throwable t) {
                    error.compareAndSet(null, t);
                }
            });
            threads[i].start();
        }
        start.countDown();
        for (Thread t : threads) t.join(60_000);
        if (error.get() != null) throw new AssertionError(error.get());
        assertTrue(ranOnPool.get() > 0);
    }

    @Test void rejectsMorePartsThanTheClaimWordHolds() {
        assertThrows(IllegalArgumentException.class, () -> Parallel.tryRun(2, Parallel.MAX_PARTS + 1, p -> {}));
        assertThrows(IllegalArgumentException.class, () -> Parallel.tryRun(2, -1, p -> {}));
    }
}
