package lottery.cli;

import lottery.pruning.LocalExecutor;
import picocli.CommandLine.Option;

/**
 * {@code --jobs N}: how many trainings run side by side. Each gets {@code --threads} kernel
 * threads when that is given, else an equal share of the cores. The default, one single-threaded
 * training per core, was measured to do more work than one training on every core for the
 * LeNet-sized networks (two trainings on two cores: 1.5x the levels per hour of one training on
 * two threads; see docs/sweeps.md).
 */
public final class JobsOption {
    @Option(names = "--jobs",
            description = "Trainings run side by side, each on --threads kernel threads (default: one single-threaded training per core).")
    public Integer jobs;

    /**
     * The executor for {@code --jobs} and {@code --threads} ({@code threads}: the value given, or
     * null). {@code width}: the most trainings the graph can ever run at once (replicates × arms,
     * summed over a sweep's cells); by default no more jobs than that, and one job keeps every core.
     */
    public LocalExecutor executor(Integer threads, int width) {
        int cores = Runtime.getRuntime().availableProcessors();
        int n = jobs != null ? jobs : Math.max(1, Math.min(cores, width));
        if (n < 1) throw new UsageException("--jobs must be >= 1, got " + n);
        if (n == 1) return LocalExecutor.SEQUENTIAL;
        return new LocalExecutor(n, threads != null ? threads : Math.max(1, cores / n));
    }

    /** The most trainings {@code config}'s graph can run at once. */
    public static int width(lottery.pruning.ExperimentConfig config) { return config.replicates() * config.arms().size(); }
}
