package lottery.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text table of a GPU kernel benchmark: per shape and operation, every implementation and density
 * with its median time, GFLOP/s (of the dense product) and speed relative to cuBLAS's dense SGEMM on the
 * same product ("x cuBLAS" above 1: faster than cuBLAS; NaN where cuBLAS did not load).
 */
public final class GpuTable {
    private GpuTable() {}

    public static String render(List<BenchRecord> records) {
        Map<String, List<BenchRecord>> groups = new LinkedHashMap<>();
        for (BenchRecord r : records) groups.computeIfAbsent(r.groupKey(), x -> new ArrayList<>()).add(r);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-14s %-17s %-16s %-12s %7s %10s %9s %9s%n",
                "shape", "op", "m x n x k", "impl", "density", "ms", "GFLOP/s", "x cuBLAS"));
        for (List<BenchRecord> g : groups.values()) {
            double cublas = g.stream().filter(r -> r.impl().equals(Impl.CUBLAS.toString()))
                    .mapToDouble(BenchRecord::ms).findFirst().orElse(Double.NaN);
            for (BenchRecord r : g) {
                double flop = 2.0 * r.m() * r.n() * r.k();
                sb.append(String.format(Locale.ROOT, "%-14s %-17s %-16s %-12s %7.3f %10.4f %9.1f %9.2f%n", r.shape(), r.op(),
                        r.m() + "x" + r.n() + "x" + r.k(), r.impl(), r.density(), r.ms(), flop / r.ms() / 1e6, cublas / r.ms()));
            }
        }
        return sb.toString();
    }
}
