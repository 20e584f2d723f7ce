package lottery.kernels.sparse;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import lottery.kernels.Threads;

/**
 * A small fixed pool that splits the rows of one sparse product across {@link Threads#count()} threads.
 * Rows are cut so every part gets about the same number of nonzeros ({@code ptr} is a row pointer array).
 * The hand-off is a volatile generation counter: workers spin briefly, then park, so a call costs a few
 * microseconds and allocates nothing. One product runs on the pool at a time; a concurrent or nested
 * caller simply runs its product on its own thread.
 */
final class RowPool {
    /** Below this many multiply-adds a product runs on the calling thread: the hand-off would cost more. */
    static final long MIN_PARALLEL_WORK = Long.getLong("lottery.sparse.minParallelWork", 40_000L);
    private static final int SPINS = 1 << 14;
    private static final int MAX_THREADS = 256;

    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final int[] BOUNDS = new int[MAX_THREADS + 1];
    private static Worker[] workers = new Worker[0];
    private static volatile RowTask task;
    private static volatile int generation;
    private static volatile int activeParts;
    private static volatile Throwable failure;
    private static final AtomicInteger PENDING = new AtomicInteger();

    private RowPool() {}

    /**
     * Runs {@code t} over rows {@code [0, n)}, split by the cumulative cost {@code ptr[r] + r} (ptr: [n + 1]).
     * {@code work} is the total multiply-adds, used to decide whether threads pay.
     */
    static void run(RowTask t, int n, int[] ptr, long work) {
        int parts = Math.min(Math.min(Threads.count(), MAX_THREADS), n);
        if (parts <= 1 || work < MIN_PARALLEL_WORK || LOCK.isHeldByCurrentThread() || !LOCK.tryLock()) {
            t.rows(0, n);
            return;
        }
        try {
            ensureWorkers(parts - 1);
            split(n, ptr, parts);
            failure = null;
            task = t;
            PENDING.set(parts - 1);
            activeParts = parts;
            generation++;
            for (int i = 0; i < parts - 1; i++) workers[i].wake();
            Throwable own = null;
            try {
                t.rows(BOUNDS[0], BOUNDS[1]);
            } catch (Throwable e) {
                own = e;
            }
            for (int spins = 0; PENDING.get() != 0; spins++) {
                if (spins < SPINS) Thread.onSpinWait(); else Thread.yield();
            }
            task = null;
            if (own == null) own = failure;
            if (own instanceof RuntimeException re) throw re;
            if (own instanceof Error er) throw er;
        } finally {
            LOCK.unlock();
        }
    }

    /** BOUNDS[0..parts]: equal shares of ptr[r] + r (a row costs its nonzeros plus one for its store). */
    private static void split(int n, int[] ptr, int parts) {
        long total = (long) ptr[n] - ptr[0] + n;
        BOUNDS[0] = 0;
        BOUNDS[parts] = n;
        for (int p = 1; p < parts; p++) {
            long target = total * p / parts;
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

    private static final class Worker extends Thread {
        private final int part;
        private volatile boolean parked;
        private int seen;

        Worker(int part) {
            super("lottery-sparse-" + part);
            this.part = part;
            this.seen = generation;   // read here, before the caller publishes its first task, so that task is not missed
            setDaemon(true);
        }

        void wake() {
            if (parked) LockSupport.unpark(this);
        }

        @Override public void run() {
            while (true) {
                int spins = 0;
                while (generation == seen) {
                    if (spins++ < SPINS) { Thread.onSpinWait(); continue; }
                    parked = true;
                    if (generation == seen) LockSupport.park(this);
                    parked = false;
                }
                seen = generation;
                int p = activeParts;
                try {
                    if (part < p) task.rows(BOUNDS[part], BOUNDS[part + 1]);
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    if (part < p) PENDING.decrementAndGet();
                }
            }
        }
    }
}
