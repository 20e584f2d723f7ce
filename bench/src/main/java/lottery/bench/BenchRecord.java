package lottery.bench;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One measured (implementation, product, density, threads) point, the JSON record of every bench command.
 * gflops is dense-equivalent (2·m·n·k / ms); keptGflops counts only the kept weights (density · gflops).
 * ms is the per-call time, msMin the fastest batch or iteration, error the confidence half-width (ms); which statistic and
 * which confidence level is in the report's {@code timing} (in-process harness: median, 95% CI; JMH: mean, 99.9% CI).
 * weightBytes is what the weight side reads (dense values, or values + mask bits, or CSR arrays);
 * indexBytes is the mask or index part of it.
 */
@JsonPropertyOrder({"impl", "op", "shape", "m", "n", "k", "batch", "density", "pattern", "threads",
        "gflops", "keptGflops", "ms", "msMin", "error", "weightBytes", "indexBytes"})
public record BenchRecord(String impl, String op, String shape, int m, int n, int k, int batch, double density,
                          String pattern, int threads, double gflops, double keptGflops, double ms, double msMin,
                          double error, long weightBytes, long indexBytes) {

    public static BenchRecord of(Task task, GemmShape s, String pattern, int threads, Stats st, long weightBytes, long indexBytes) {
        return of(task.impl(), task.density(), s, pattern, threads, st.medianMs(), st.minMs(), st.ci95Ms(), weightBytes, indexBytes);
    }

    /** A point from its per-call time {@code ms}, fastest time and error half-width (NaN, when unknown, is written as 0). */
    public static BenchRecord of(Impl impl, double density, GemmShape s, String pattern, int threads, double ms, double msMin,
                                 double error, long weightBytes, long indexBytes) {
        return new BenchRecord(impl.label, s.op().label, s.name(), s.m(), s.n(), s.k(), s.batch(), density, pattern, threads,
                Flops.gflops(s.m(), s.n(), s.k(), ms), Flops.keptGflops(s.m(), s.n(), s.k(), density, ms),
                ms, msMin, Double.isNaN(error) ? 0.0 : error, weightBytes, indexBytes);
    }

    /** Same product and threads (the key the ratios are taken over). */
    public String groupKey() { return shape + "|" + op + "|" + m + "x" + n + "x" + k + "|" + threads + "|" + pattern; }
}
