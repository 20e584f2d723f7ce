package lottery.bench;

import java.util.List;
import java.util.function.Consumer;

/**
 * One part of a kernel benchmark: a grid of (product, pattern, threads, implementation, density) points and the way
 * they are timed. {@link KernelBench} times them in this process, interleaved; the JMH engine runs each in forked JVMs.
 */
public interface KernelSweep {
    /** Estimated total in {@link Progress} units (milliseconds); the caller starts the progress with it (parts may be chained). */
    long estimate();

    /**
     * Measures every point; {@code progress} must already be started. {@code measured} receives each finished group of
     * records as soon as it exists, outside any timed region (a {@link SweepCheckpoint} keeps them on disk).
     */
    List<BenchRecord> run(Progress progress, Consumer<List<BenchRecord>> measured);

    default List<BenchRecord> run(Progress progress) { return run(progress, group -> {}); }
}
