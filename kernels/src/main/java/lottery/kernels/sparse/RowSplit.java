package lottery.kernels.sparse;

import lottery.kernels.Parallel;
import lottery.kernels.Threads;

/**
 * Splits the rows of one sparse product across {@link Threads#count()} threads of the shared
 * {@link Parallel} pool. Rows are cut into a few chunks per thread with about the same number of
 * nonzeros each ({@code ptr} is a row pointer array); the pool hands chunks out from one counter, so a
 * thread that wakes late costs nothing. One instance per calling thread (in its {@link Workspace}):
 * a call allocates nothing.
 */
final class RowSplit implements Parallel.Task {
    /** Below this many multiply-adds a product runs on the calling thread: the hand-off would cost more. */
    static volatile long minParallelWork = 40_000L;
    private static final int CHUNKS_PER_THREAD = 4;
    private static final int MAX_THREADS = 64;

    private final int[] bounds = new int[MAX_THREADS * CHUNKS_PER_THREAD + 1];
    private RowTask task;

    /**
     * Runs {@code t} over rows {@code [0, n)}, split by the cumulative cost {@code ptr[r] + r} (ptr: [n + 1]).
     * {@code work} is the total multiply-adds, used to decide whether threads pay.
     */
    static void run(RowTask t, int n, int[] ptr, long work) {
        int threads = Math.min(Math.min(Threads.count(), MAX_THREADS), n);
        if (threads > 1 && work >= minParallelWork) {
            RowSplit s = Workspace.get().split;
            int chunks = Math.min(n, threads * CHUNKS_PER_THREAD);
            s.split(n, ptr, chunks);
            s.task = t;
            try {
                if (Parallel.tryRun(threads, chunks, s)) return;
            } finally {
                s.task = null;
            }
        }
        t.rows(0, n);
    }

    @Override public void run(int chunk) { task.rows(bounds[chunk], bounds[chunk + 1]); }

    /** bounds[0..count]: equal shares of ptr[r] + r (a row costs its nonzeros plus one for its store). */
    private void split(int n, int[] ptr, int count) {
        long total = (long) ptr[n] - ptr[0] + n;
        bounds[0] = 0;
        bounds[count] = n;
        for (int p = 1; p < count; p++) {
            long target = total * p / count;
            int lo = bounds[p - 1], hi = n;  // first row r with cost(r) >= target
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if ((long) ptr[mid] - ptr[0] + mid < target) lo = mid + 1; else hi = mid;
            }
            bounds[p] = lo;
        }
    }
}
