package lottery.bench;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The break-even density of masked and sparse against dense, per product, batch, threads and pattern. */
public final class Crossovers {
    private Crossovers() {}

    /** density: where speedup over dense crosses 1 (NaN: never within the measured densities). */
    @JsonPropertyOrder({"shape", "op", "m", "n", "k", "batch", "threads", "pattern", "impl", "density"})
    public record Row(String shape, String op, int m, int n, int k, int batch, int threads, String pattern, String impl, double density) {}

    public static List<Row> of(List<BenchRecord> records) {
        Map<String, List<Ratios.Row>> groups = new LinkedHashMap<>();
        for (Ratios.Row r : Ratios.rows(records))
            groups.computeIfAbsent(r.shape() + "|" + r.op() + "|" + r.m() + "x" + r.n() + "x" + r.k() + "|" + r.threads() + "|" + r.pattern(),
                    x -> new ArrayList<>()).add(r);
        List<Row> out = new ArrayList<>();
        for (List<Ratios.Row> g : groups.values()) {
            double[] d = new double[g.size()], masked = new double[g.size()], sparse = new double[g.size()];
            for (int i = 0; i < g.size(); i++) {
                d[i] = g.get(i).density();
                masked[i] = 1 / g.get(i).maskedOverDense();
                sparse[i] = g.get(i).sparseSpeedup();
            }
            Ratios.Row f = g.get(0);
            if (hasAny(sparse)) out.add(new Row(f.shape(), f.op(), f.m(), f.n(), f.k(), f.batch(), f.threads(), f.pattern(), "sparse", Crossover.find(d, sparse)));
            if (hasAny(masked)) out.add(new Row(f.shape(), f.op(), f.m(), f.n(), f.k(), f.batch(), f.threads(), f.pattern(), "masked", Crossover.find(d, masked)));
        }
        return out;
    }

    private static boolean hasAny(double[] v) {
        for (double x : v) if (!Double.isNaN(x)) return true;
        return false;
    }
}
