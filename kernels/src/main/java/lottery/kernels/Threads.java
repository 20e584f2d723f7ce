package lottery.kernels;

/**
 * The number of worker threads kernels may use: process-wide (the CLI's {@code --threads}), or
 * for one calling thread ({@link #setForThisThread}, used when several trainings run side by side
 * and each should stay on its own core). Kernels read it on each call; 1 means the calling thread
 * does all the work.
 */
public final class Threads {
    private static volatile int count = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final ThreadLocal<int[]> OF_THREAD = ThreadLocal.withInitial(() -> new int[1]);

    private Threads() {}

    /** This thread's count when set, else the process-wide one. */
    public static int count() {
        int own = OF_THREAD.get()[0];
        return own > 0 ? own : count;
    }

    public static void set(int n) {
        if (n < 1) throw new IllegalArgumentException("threads must be >= 1, got " + n);
        count = n;
    }

    /** Kernels called from this thread use {@code n} threads; 0 returns it to the process-wide count. */
    public static void setForThisThread(int n) {
        if (n < 0) throw new IllegalArgumentException("threads must be >= 0, got " + n);
        OF_THREAD.get()[0] = n;
    }
}
