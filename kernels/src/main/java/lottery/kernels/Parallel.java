package lottery.kernels;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The one fixed pool of daemon worker threads shared by every CPU kernel, with a hand-off cheap enough
 * for jobs of tens of microseconds. A job is {@code parts} independent pieces run by the calling thread
 * and up to {@code threads - 1} workers. The caller publishes the job as one atomic word
 * (generation, parts, next unclaimed part), wakes the workers, and claims parts itself like any
 * worker: a worker that wakes late or is descheduled leaves its parts to the others instead of
 * stalling the job. An idle worker spins briefly (back-to-back products pay no wake-up), then parks.
 * No allocation per job. One job at a time: a nested or concurrent caller is told the pool is busy
 * and runs its work alone.
 */
public final class Parallel {
    /** One job split into parts; {@code run(part)} is called once for each part in [0, parts). */
    public interface Task {
        void run(int part);
    }

    /** The most parts one job may have (they are counted in 16 bits of the claim word). */
    public static final int MAX_PARTS = 0x7fff;
    /** How long an idle worker spins before it parks. */
    private static final long SPIN_NANOS = 200_000;

    private static final AtomicBoolean BUSY = new AtomicBoolean();
    /**
     * (generation << 32) | (parts << 16) | next unclaimed part. Parts travel in the same word as the
     * generation, so a claimer holding a stale word can only succeed while that job is still running.
     */
    private static final AtomicLong CLAIM = new AtomicLong();
    private static final AtomicInteger DONE = new AtomicInteger();
    private static Worker[] workers = new Worker[0];
    private static volatile Task task;
    private static volatile Throwable failure;

    private Parallel() {}

    /** {@link #tryRun(int, int, Task)} with one part per thread. */
    public static boolean tryRun(int parts, Task task) { return tryRun(parts, parts, task); }

    /**
     * Runs {@code task.run(p)} for every p in [0, parts) on the calling thread and up to
     * {@code min(threads, parts) - 1} workers, and returns when all parts are done, rethrowing the
     * first failure. Returns false without running anything when the pool is in use (by another
     * thread, or by a job this thread is part of); the caller then runs its work alone.
     */
    public static boolean tryRun(int threads, int parts, Task task) {
        if (parts < 0 || parts > MAX_PARTS) throw new IllegalArgumentException("parts must be in [0, " + MAX_PARTS + "], got " + parts);
        int helpers = Math.min(threads, parts) - 1;
        if (helpers <= 0) {
            for (int p = 0; p < parts; p++) task.run(p);
            return true;
        }
        if (!BUSY.compareAndSet(false, true)) return false;
        try {
            ensureWorkers(helpers);
            Parallel.task = task;
            failure = null;
            DONE.set(0);
            long generation = (CLAIM.get() >>> 32) + 1;
            CLAIM.set(generation << 32 | (long) parts << 16);  // publishes task
            for (int w = 0; w < helpers; w++) workers[w].wake();
            work(generation, task);
            for (int spins = 0; DONE.get() != parts; spins++) {
                if (spins < 1 << 16) Thread.onSpinWait(); else Thread.yield();
            }
            Parallel.task = null;
            Throwable first = failure;
            failure = null;
            if (first instanceof RuntimeException e) throw e;
            if (first instanceof Error e) throw e;
            if (first != null) throw new IllegalStateException(first);
            return true;
        } finally {
            BUSY.set(false);
        }
    }

    /**
     * Claims and runs parts of job {@code generation} until none are left. {@code t} was read after a
     * word of that generation, and a job's task is written before its word, so t is that job's task
     * unless the job has finished; a claim is a CAS on the exact word of that generation with a part
     * left, so it succeeds only while the job is still running, that is, only when t is its task.
     */
    private static void work(long generation, Task t) {
        while (true) {
            long c = CLAIM.get();
            int part = (int) (c & 0xffff), parts = (int) (c >>> 16 & 0xffff);
            if (c >>> 32 != generation || part >= parts) return;
            if (!CLAIM.compareAndSet(c, c + 1)) continue;
            try {
                t.run(part);
            } catch (Throwable e) {
                if (failure == null) failure = e;
            } finally {
                DONE.incrementAndGet();
            }
        }
    }

    private static void ensureWorkers(int count) {
        if (workers.length >= count) return;
        Worker[] grown = Arrays.copyOf(workers, count);
        for (int w = workers.length; w < count; w++) {
            grown[w] = new Worker(w + 1);
            grown[w].start();
        }
        workers = grown;
    }

    private static final class Worker extends Thread {
        private volatile long wakeups;
        private volatile boolean parked;
        private long seen;

        Worker(int index) {
            super("lottery-kernel-" + index);
            setDaemon(true);
        }

        /** Called by the pool's owner only. */
        void wake() {
            wakeups = wakeups + 1;
            if (parked) LockSupport.unpark(this);
        }

        @Override public void run() {
            while (true) {
                awaitWake();
                seen = wakeups;
                long c = CLAIM.get();  // the word before the task: see work()
                Task t = task;
                if (t != null) work(c >>> 32, t);
            }
        }

        private void awaitWake() {
            long start = System.nanoTime();
            int spins = 0;
            while (wakeups == seen) {
                Thread.onSpinWait();
                if ((++spins & 255) == 0 && System.nanoTime() - start > SPIN_NANOS) break;
            }
            if (wakeups != seen) return;
            parked = true;
            while (wakeups == seen) LockSupport.park(this);
            parked = false;
        }
    }
}
