package lottery.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * What a kernel benchmark run covers. Squares run once at batch = size ({@code squareAllOps}: in all three
 * layer layouts, else as op "square"); other layers run at every batch in {@code batches}.
 * Dense and OpenBLAS run at density 1 only (their work does not depend on it); masked and sparse at every density.
 */
public record BenchConfig(List<Layer> layers, int[] batches, boolean squareAllOps, List<Impl> impls, double[] densities,
                          int[] threads, List<MaskPattern> patterns, TimingPlan plan, long seed) {
    public BenchConfig {
        if (layers.isEmpty()) throw new IllegalArgumentException("no shapes to benchmark");
        if (impls.isEmpty()) throw new IllegalArgumentException("no implementations to benchmark");
        for (double d : densities) checkDensity(d);
        for (int t : threads) checkThreads(t);
        for (int b : batches) if (b < 1) throw new IllegalArgumentException("batch must be >= 1, got " + b);
        if (patterns.isEmpty()) throw new IllegalArgumentException("no mask patterns");
    }

    /** Every product the run times, in order: each square once at batch = size, each other layer at every batch. */
    public List<GemmShape> products() {
        List<GemmShape> out = new ArrayList<>();
        for (Layer l : layers) {
            if (l.isSquare()) out.addAll(l.shapes(l.square(), squareAllOps));
            else for (int b : batches) out.addAll(l.shapes(b, true));
        }
        return out;
    }

    /** Tasks per product, pattern and thread count: one per dense kind, one per density for masked and sparse kinds. */
    public int tasksPerGroup() {
        int n = 0;
        for (Impl i : impls) n += i.usesDensity() ? densities.length : 1;
        return n;
    }

    public static void checkDensity(double d) {
        if (!(d > 0 && d <= 1)) throw new IllegalArgumentException("density must be in (0, 1], got " + d);
    }

    public static void checkThreads(int t) {
        if (t < 1) throw new IllegalArgumentException("threads must be >= 1, got " + t);
    }
}
