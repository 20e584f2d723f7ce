package lottery.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The comparisons a table shows, per product and thread count: at each density, masked time / dense time
 * and sparse speedup over dense (dense time / sparse time), plus dense GFLOP/s / OpenBLAS GFLOP/s; where the
 * structured kernels ran, their speedups over dense too (N:M and BSR).
 * "dense" is the dense kernel at density 1 (its work does not depend on the mask).
 */
public final class Ratios {
    private Ratios() {}

    /** One row: a product at one density; NaN where an implementation was not measured. */
    public record Row(String shape, String op, int m, int n, int k, int batch, int threads, String pattern, double density,
                      double denseMs, double maskedMs, double sparseMs, double openblasMs, double nmMs, double bsrMs) {
        public double maskedOverDense() { return maskedMs / denseMs; }
        public double sparseSpeedup() { return denseMs / sparseMs; }
        public double denseOverOpenblas() { return openblasMs / denseMs; }
        public double nmSpeedup() { return denseMs / nmMs; }
        public double bsrSpeedup() { return denseMs / bsrMs; }
    }

    public static List<Row> rows(List<BenchRecord> records) {
        Map<String, List<BenchRecord>> groups = new LinkedHashMap<>();
        for (BenchRecord r : records) groups.computeIfAbsent(r.groupKey(), x -> new ArrayList<>()).add(r);
        List<Row> rows = new ArrayList<>();
        for (List<BenchRecord> g : groups.values()) {
            double dense = ms(g, "dense", 1.0), oblas = ms(g, "openblas", 1.0);
            TreeMap<Double, Boolean> densities = new TreeMap<>((a, b) -> Double.compare(b, a));
            for (BenchRecord r : g) if (isDensityImpl(r.impl())) densities.put(r.density(), true);
            if (densities.isEmpty()) densities.put(1.0, true);
            BenchRecord f = g.get(0);
            for (double d : densities.keySet())
                rows.add(new Row(f.shape(), f.op(), f.m(), f.n(), f.k(), f.batch(), f.threads(), f.pattern(), d,
                        dense, ms(g, "masked", d), ms(g, "sparse", d), d == densities.firstKey() ? oblas : Double.NaN,
                        ms(g, "nm", d), ms(g, "bsr", d)));
        }
        return rows;
    }

    private static double ms(List<BenchRecord> g, String impl, double density) {
        for (BenchRecord r : g) if (r.impl().equals(impl) && (Math.abs(r.density() - density) < 1e-9 || !isDensityImpl(impl))) return r.ms();
        return Double.NaN;
    }

    private static boolean isDensityImpl(String impl) {
        return impl.equals("masked") || impl.equals("sparse") || impl.equals("nm") || impl.equals("bsr");
    }
}
