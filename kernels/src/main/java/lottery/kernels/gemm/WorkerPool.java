package lottery.kernels.gemm;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed pool of daemon worker threads with a cheap hand-off for jobs of tens of microseconds.
 * The caller publishes a job as one atomic word (generation, next part), wakes the workers, and
 * then claims parts itself like any worker: parts are taken one at a time from the shared
 * counter, so a worker that is slow to wake (or descheduled on a busy machine) leaves its part
 * to the others instead of stalling the job. An idle worker spins briefly (back-to-back
 * products pay no wake-up), then parks. No allocation per job.
 * One caller at a time: a concurrent caller is told the pool is busy and runs its work alone.
 */
public final class WorkerPool {
    /** One job split into parts; {@code run(part)} is called once for each part in [0, parts). */
    public interface Task {
        void run(int part);
    }

    private static final WorkerPool SHARED = new WorkerPool();
    /** How long an idle worker spins before it parks. */
    private static final long SPIN_NANOS = 200_000;

    private final AtomicBoolean busy = new AtomicBoolean();
    /** (generation << 32) | next unclaimed part of the current job. */
    private final AtomicLong claim = new AtomicLong();
    private final AtomicInteger done = new AtomicInteger();
    private Worker[] workers = new Worker[0];
    private volatile Task task;
    private volatile int parts;
    private volatile Throwable failure;

    private WorkerPool() {}

    /** The process-wide pool used by the kernels. */
    public static WorkerPool shared() { return SHARED; }

    /**
     * Runs {@code task.run(p)} for every p in [0, parts) on the calling thread and up to
     * {@code parts - 1} workers, and returns when all parts are done (rethrowing the first failure).
     * Returns false without running anything when another thread is using the pool.
     */
    public boolean tryRun(int parts, Task task) {
        if (parts <= 1) {
            for (int p = 0; p < parts; p++) task.run(p);
            return true;
        }
        if (!busy.compareAndSet(false, true)) return false;
        try {
            ensureWorkers(parts - 1);
            this.task = task;
            this.parts = parts;
            this.failure = null;
            done.set(0);
            long generation = (claim.get() >>> 32) + 1;
            claim.set(generation << 32);
            for (int w = 0; w < parts - 1; w++) workers[w].wake();
            work(generation, task, parts);
            int spins = 0;
            while (done.get() != parts) {
                if (++spins < 1 << 16) Thread.onSpinWait();
                else Thread.yield();
            }
            this.task = null;
            Throwable first = failure;
            if (first instanceof RuntimeException e) throw e;
            if (first instanceof Error e) throw e;
            if (first != null) throw new IllegalStateException(first);
            return true;
        } finally {
            busy.set(false);
        }
    }

    /** Claims and runs parts of job {@code generation} until none are left. */
    private void work(long generation, Task task, int parts) {
        while (true) {
            long c = claim.get();
            int part = (int) c;
            if (c >>> 32 != generation || part >= parts) return;
            if (!claim.compareAndSet(c, c + 1)) continue;
            try {
                task.run(part);
            } catch (Throwable t) {
                if (failure == null) failure = t;
            } finally {
                done.incrementAndGet();
            }
        }
    }

    private void ensureWorkers(int count) {
        if (workers.length >= count) return;
        Worker[] grown = java.util.Arrays.copyOf(workers, count);
        for (int w = workers.length; w < count; w++) {
            grown[w] = new Worker(this, w + 1);
            grown[w].start();
        }
        workers = grown;
    }

    private static final class Worker extends Thread {
        private final WorkerPool pool;
        private volatile long wakeups;
        private volatile boolean parked;
        private long seen;

        Worker(WorkerPool pool, int index) {
            super("lottery-kernel-" + index);
            this.pool = pool;
            setDaemon(true);
        }

        void wake() {
            wakeups = wakeups + 1; // only the pool owner writes
            if (parked) LockSupport.unpark(this);
        }

        @Override public void run() {
            while (true) {
                awaitWake();
                seen = wakeups;
                long generation = pool.claim.get() >>> 32;
                Task t = pool.task;
                int parts = pool.parts;
                if (t != null) pool.work(generation, t, parts);
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
