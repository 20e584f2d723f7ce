package lottery.bench.jmh;

/**
 * How JMH times each sweep point: {@code forks} fresh JVMs, each running {@code warmupIterations} then
 * {@code iterations} iterations of {@code iterationMs}. JMH reports the mean over all measured iterations of all forks
 * with its 99.9% confidence interval.
 */
public record JmhPlan(int forks, int warmupIterations, int iterations, int iterationMs) {
    /** Starting a fork (JVM, jar, JMH handshake and set-up), about 0.2-0.3 s on the 2-core test machine; only for the ETA. */
    static final long FORK_START_MS = 300;

    public static final JmhPlan DEFAULT = new JmhPlan(2, 4, 5, 300);
    public static final JmhPlan QUICK = new JmhPlan(1, 3, 3, 150);

    public JmhPlan {
        if (forks < 1) throw new IllegalArgumentException("JMH forks must be >= 1 (each point runs in fresh JVMs), got " + forks);
        if (warmupIterations < 0) throw new IllegalArgumentException("JMH warm-up iterations must be >= 0, got " + warmupIterations);
        if (iterations < 2) throw new IllegalArgumentException("JMH iterations must be >= 2 for an error bar, got " + iterations);
        if (iterationMs < 1) throw new IllegalArgumentException("JMH iteration time must be >= 1 ms, got " + iterationMs);
    }

    /** Estimated wall time of one point (all forks), for the progress bar. */
    public long msPerPoint() {
        return forks * (FORK_START_MS + (long) (warmupIterations + iterations) * iterationMs);
    }

    public String describe() {
        return "JMH " + forks + " fork(s) x (" + warmupIterations + " warm-up + " + iterations + " measured iterations of " + iterationMs
                + " ms); ms = mean per call over all measured iterations, msMin = fastest iteration, error = JMH 99.9% confidence half-width";
    }
}
