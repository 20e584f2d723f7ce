package lottery.kernels.sparse;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import lottery.kernels.Threads;

/**
 * A small fixed pool that splits the rows of one sparse product across {@link Threads#count()} threads.
 * Rows are cut into a few chunks per thread with about the same number of nonzeros each ({@code ptr}
 * is a row pointer array); the caller and the workers claim chunks from one atomic counter, so a
 * worker that wakes late (a busy machine) costs nothing: the caller simply takes its chunks.
 * Workers spin briefly, then park. A call allocates nothing. One product runs on the pool at a time;
 * a concurrent or nested caller runs its product on its own thread.
 */
final class RowPool {
    /** Below this many multiply-adds a product runs on the calling thread: the hand-off would cost more. */
    static volatile long minParallelWork = 40_000L;
    private static final int SPINS = 1 << 10;
    private static final int CHUNKS_PER_THREAD = 4;
    private static final int MAX_THREADS = 64;

    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final int[] BOUNDS = new int[MAX_THREADS * CHUNKS_PER_THREAD + 1];
    /** (job << 32) | next unclaimed chunk; a claim is a CAS on the exact value, so stale claimers fail. */
    private static final AtomicLong CLAIM = new AtomicLong();
    private static final AtomicInteger DONE = new AtomicInteger();
    private static Worker[] workers = new Worker[0];
    private static volatile RowTask task;
    private static volatile int chunks;
    private static volatile Throwable failure;
    private static int job;

    private RowPool() {}

    /**
     * Runs {@code t} over rows {@code [0, n)}, split by the cumulative cost {@code ptr[r] + r} (ptr: [n + 1]).
     * {@code work} is the total multiply-adds, used to decide whether threads pay.
     */
    static void run(RowTask t, int n, int[] ptr, long work) {
        int parts = Math.min(Math.min(Threads.count(), MAX_THREADS), n);
        if (parts <= 1 || work < minParallelWork || LOCK.isHeldByCurrentThread() || !LOCK.tryLock()) {
            t.rows(0, n);
            return;
        }
        try {
            ensureWorkers(parts - 1);
            int count = Math.min(n, parts * CHUNKS_PER_THREAD);
            split(n, ptr, count);
            failure = null;
            task = t;
            chunks = count;
            DONE.set(0);
            CLAIM.set((long) ++job << 32);  // publishes task, chunks and BOUNDS
            for (int i = 0; i < parts - 1; i++) workers[i].post();
            work();
            for (int spins = 0; DONE.get() != count; spins++) {
                if (spins < SPINS) Thread.onSpinWait(); else Thread.yield();
            }
            task = null;
            Throwable f = failure;
            if (f instanceof RuntimeException re) throw re;
            if (f instanceof Error er) throw er;
        } finally {
            LOCK.unlock();
        }
    }

    /** Claims and runs chunks of the current job until none is left. */
    private static void work() {
        while (true) {
            long v = CLAIM.get();
            int c = (int) v;
            if (c >= chunks) return;
            if (!CLAIM.compareAndSet(v, v + 1)) continue;
            // The claim succeeded, so the job of v is current and cannot finish before this chunk is done.
            try {
                task.rows(BOUNDS[c], BOUNDS[c + 1]);
            } catch (Throwable e) {
                failure = e;
            } finally {
                DONE.incrementAndGet();
            }
        }
    }

    /** BOUNDS[0..count]: equal shares of ptr[r] + r (a row costs its nonzeros plus one for its store). */
    private static void split(int n, int[] ptr, int count) {
        long total = (long) ptr[n] - ptr[0] + n;
        BOUNDS[0] = 0;
        BOUNDS[count] = n;
        for (int p = 1; p < count; p++) {
            long target = total * p / count;
            int lo = BOUNDS[p - 1], hi = n;  // first row r with cost(r) >= target
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if ((long) ptr[mid] - ptr[0] + mid < target) lo = mid + 1; else hi = mid;
            }
            BOUNDS[p] = lo;
        }
    }

    private static void ensureWorkers(int needed) {
        if (workers.length >= needed) return;
        Worker[] grown = Arrays.copyOf(workers, needed);
        for (int i = workers.length; i < needed; i++) {
            grown[i] = new Worker(i + 1);
            grown[i].start();
        }
        workers = grown;
    }

    /** Helps with each job posted to it; waits by spinning briefly, then parking. */
    private static final class Worker extends Thread {
        private volatile boolean parked;
        private volatile int ticket;  // bumped by the caller (under LOCK) for each job
        private int seen;

        Worker(int id) {
            super("lottery-sparse-" + id);
            setDaemon(true);
        }

        void post() {
            ticket = ticket + 1;
            if (parked) LockSupport.unpark(this);
        }

        @Override public void run() {
            while (true) {
                int spins = 0;
                while (ticket == seen) {
                    if (spins++ < SPINS) { Thread.onSpinWait(); continue; }
                    parked = true;
                    if (ticket == seen) LockSupport.park(this);
                    parked = false;
                }
                seen = ticket;
                work();
            }
        }
    }
}
