package lottery.bench;

/**
 * How long to time: warm up each task until three consecutive batches agree within {@code stableTolerance}
 * (or {@code warmupMaxMs} is spent), then {@code rounds} timed batches of about {@code batchMs} each,
 * fewer (but at least {@code minRounds}) when one task would take longer than {@code maxMsPerTask}.
 */
public record TimingPlan(double batchMs, int rounds, int minRounds, double warmupMaxMs, double stableTolerance, double maxMsPerTask) {
    public static final TimingPlan FULL = new TimingPlan(50, 15, 5, 6000, 0.05, 4000);
    /** The full sweep: many groups, so shorter than FULL per task. */
    public static final TimingPlan SWEEP = new TimingPlan(20, 8, 3, 600, 0.05, 1500);
    public static final TimingPlan QUICK = new TimingPlan(10, 5, 3, 250, 0.10, 400);
    /** For tests: one short batch, nothing to wait for. */
    public static final TimingPlan SMOKE = new TimingPlan(0.01, 2, 2, 0.01, 1.0, 1);
}
