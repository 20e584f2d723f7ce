package lottery.kernels.gemm;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed pool of daemon worker threads with a cheap hand-off for jobs of tens of microseconds:
 * the caller publishes a task by bumping each worker's generation counter, runs part 0 itself,
 * then spins until the workers are done. An idle worker spins briefly on its counter (so
 * back-to-back products pay no wake-up), then parks. No allocation per job.
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
    private final AtomicInteger pending = new AtomicInteger();
    private Worker[] workers = new Worker[0];
    private volatile Task task;
    private volatile Throwable failure;

    private WorkerPool() {}

    /** The process-wide pool used by the kernels. */
    public static WorkerPool shared() { return SHARED; }

    /**
     * Runs {@code task.run(p)} for every p in [0, parts), part 0 on the calling thread, and returns
     * when all parts are done (rethrowing the first failure). Returns false without running anything
     * when another thread is using the pool.
     */
    public boolean tryRun(int parts, Task task) {
        if (parts <= 1) {
            task.run(0);
            return true;
        }
        if (!busy.compareAndSet(false, true)) return false;
        try {
            ensureWorkers(parts - 1);
            this.task = task;
            this.failure = null;
            pending.set(parts - 1);
            for (int w = 0; w < parts - 1; w++) workers[w].wake();
            Throwable mine = null;
            try {
                task.run(0);
            } catch (Throwable t) {
                mine = t;
            }
            awaitWorkers();
            this.task = null;
            Throwable first = mine != null ? mine : failure;
            if (first instanceof RuntimeException e) throw e;
            if (first instanceof Error e) throw e;
            if (first != null) throw new IllegalStateException(first);
            return true;
        } finally {
            busy.set(false);
        }
    }

    private void awaitWorkers() {
        int spins = 0;
        while (pending.get() != 0) {
            if (++spins < 1 << 16) Thread.onSpinWait();
            else Thread.yield();
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
        private final int part;
        private volatile long generation;
        private volatile boolean parked;
        private long seen;

        Worker(WorkerPool pool, int part) {
            super("lottery-kernel-" + part);
            this.pool = pool;
            this.part = part;
            setDaemon(true);
        }

        void wake() {
            generation = generation + 1; // only the pool owner writes
            if (parked) LockSupport.unpark(this);
        }

        @Override public void run() {
            while (true) {
                awaitJob();
                seen = generation;
                try {
                    pool.task.run(part);
                } catch (Throwable t) {
                    if (pool.failure == null) pool.failure = t;
                } finally {
                    pool.pending.decrementAndGet();
                }
            }
        }

        private void awaitJob() {
            long start = System.nanoTime();
            int spins = 0;
            while (generation == seen) {
                Thread.onSpinWait();
                if ((++spins & 255) == 0 && System.nanoTime() - start > SPIN_NANOS) break;
            }
            if (generation != seen) return;
            parked = true;
            while (generation == seen) LockSupport.park(this);
            parked = false;
        }
    }
}
