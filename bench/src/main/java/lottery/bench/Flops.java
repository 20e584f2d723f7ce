package lottery.bench;

/** GFLOP/s arithmetic shared by every report. */
public final class Flops {
    private Flops() {}

    /** Dense-equivalent GFLOP/s: 2·m·n·k / time. */
    public static double gflops(int m, int n, int k, double ms) {
        return 2.0 * m * n * k / (ms * 1e6);
    }

    /** GFLOP/s on the kept weights only: density · 2·m·n·k / time. */
    public static double keptGflops(int m, int n, int k, double density, double ms) {
        return density * gflops(m, n, k, ms);
    }
}
