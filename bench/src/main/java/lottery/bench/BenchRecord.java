package lottery.bench;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One measured (implementation, product, density, threads) point, the JSON record of every bench command.
 * gflops is dense-equivalent (2·m·n·k / ms); keptGflops counts only the kept weights (density · gflops).
 * ms is the median per-call time, msMin the fastest batch, error the 95% CI half-width of the mean (ms).
 * weightBytes is what the weight side reads (dense values, or values + mask bits, or CSR arrays);
 * indexBytes is the mask or index part of it.
 */
@JsonPropertyOrder({"impl", "op", "shape", "m", "n", "k", "batch", "density", "pattern", "threads",
        "gflops", "keptGflops", "ms", "msMin", "error", "weightBytes", "indexBytes"})
public record BenchRecord(String impl, String op, String shape, int m, int n, int k, int batch, double density,
                          String pattern, int threads, double gflops, double keptGflops, double ms, double msMin,
                          double error, long weightBytes, long indexBytes) {

    public static BenchRecord of(Task task, GemmShape s, String pattern, int threads, Stats st, long weightBytes, long indexBytes) {
        double d = task.density();
        return new BenchRecord(task.impl().label, s.op().label, s.name(), s.m(), s.n(), s.k(), s.batch(), d, pattern, threads,
                Flops.gflops(s.m(), s.n(), s.k(), st.medianMs()), Flops.keptGflops(s.m(), s.n(), s.k(), d, st.medianMs()),
                st.medianMs(), st.minMs(), Double.isNaN(st.ci95Ms()) ? 0.0 : st.ci95Ms(), weightBytes, indexBytes);
    }

    /** Same product and threads (the key the ratios are taken over). */
    public String groupKey() { return shape + "|" + op + "|" + m + "x" + n + "x" + k + "|" + threads + "|" + pattern; }
}
