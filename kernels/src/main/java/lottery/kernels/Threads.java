package lottery.kernels;

/**
 * The process-wide number of worker threads kernels may use (the CLI's {@code --threads}).
 * Kernels read it on each call; 1 means the calling thread does all the work.
 */
public final class Threads {
    private static volatile int count = Math.max(1, Runtime.getRuntime().availableProcessors());

    private Threads() {}

    public static int count() { return count; }

    public static void set(int n) {
        if (n < 1) throw new IllegalArgumentException("threads must be >= 1, got " + n);
        count = n;
    }
}
