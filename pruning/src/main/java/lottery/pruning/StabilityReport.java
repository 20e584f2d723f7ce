package lottery.pruning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Instability measurements aggregated over replicates: per (level, k) the error barrier's mean,
 * sample standard deviation, minimum and maximum (in percentage points of test error), and the
 * mean error along the path; as a Markdown table (one column per level) and a JSON document.
 */
public final class StabilityReport {
    /** One (level, k) over its replicates; barriers and errors in percentage points. */
    public record Row(int level, double percentRemaining, int k, int n, double meanBarrier, double stdBarrier, double minBarrier,
                      double maxBarrier, double meanEndpointError, double[] alphas, double[] meanPathError) {}

    private final List<Row> rows;

    private StabilityReport(List<Row> rows) { this.rows = rows; }

    public static StabilityReport of(List<StabilityPoint> points, long denseWeights) {
        Map<Integer, Map<Integer, List<StabilityPoint>>> byLevel = new TreeMap<>();
        for (StabilityPoint p : points)
            byLevel.computeIfAbsent(p.level(), l -> new TreeMap<>()).computeIfAbsent(p.k(), k -> new ArrayList<>()).add(p);
        List<Row> rows = new ArrayList<>();
        byLevel.forEach((level, byK) -> byK.forEach((k, ps) -> {
            List<Double> barriers = new ArrayList<>();
            double endpoints = 0;
            double[] alphas = ps.getFirst().alphas(), path = new double[alphas.length];
            for (StabilityPoint p : ps) {
                barriers.add(100 * p.barrier());
                endpoints += 100 * (p.errorA() + p.errorB()) / 2 / ps.size();
                for (int i = 0; i < path.length; i++) path[i] += 100 * p.testError()[i] / ps.size();
            }
            Stat s = Stat.of(barriers);
            double sq = 0;
            for (double b : barriers) sq += (b - s.mean()) * (b - s.mean());
            double std = barriers.size() > 1 ? Math.sqrt(sq / (barriers.size() - 1)) : 0;
            rows.add(new Row(level, 100.0 * ps.getFirst().weightsRemaining() / denseWeights, k, s.n(), s.mean(), std, s.min(), s.max(),
                    endpoints, alphas, path));
        }));
        return new StabilityReport(List.copyOf(rows));
    }

    public List<Row> rows() { return rows; }

    public List<Integer> levels() { return List.copyOf(new TreeSet<>(rows.stream().map(Row::level).toList())); }

    public List<Integer> ks() { return List.copyOf(new TreeSet<>(rows.stream().map(Row::k).toList())); }

    /** The row of (level, k), or null. */
    public Row row(int level, int k) {
        for (Row r : rows) if (r.level() == level && r.k() == k) return r;
        return null;
    }

    /** A table of barriers: one row per k, one column per level, "mean ± std [min, max]" in percentage points. */
    public String markdown() {
        List<Integer> levels = levels();
        StringBuilder s = new StringBuilder("| rewind step k |");
        for (int level : levels) {
            Row any = rows.stream().filter(r -> r.level() == level).findFirst().orElseThrow();
            s.append(level == 0 ? " dense (level 0) |"
                    : String.format(Locale.ROOT, " ticket level %d (%.1f%%) |", level, any.percentRemaining()));
        }
        s.append("\n|---:|").append("---:|".repeat(levels.size())).append('\n');
        for (int k : ks()) {
            s.append("| ").append(k).append(" |");
            for (int level : levels) {
                Row r = row(level, k);
                s.append(r == null ? " - |" : String.format(Locale.ROOT, " %.2f ± %.2f [%.2f, %.2f] |", r.meanBarrier(), r.stdBarrier(),
                        r.minBarrier(), r.maxBarrier()));
            }
            s.append('\n');
        }
        return s.toString();
    }

    /** The JSON document: settings, the aggregated rows and every measurement. */
    public Map<String, Object> json(String store, Stability.Settings settings, int iterations, List<StabilityPoint> points) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("store", store);
        m.put("points", settings.points());
        m.put("sameDataOrder", settings.sameDataOrder());
        m.put("iterations", iterations);
        m.put("units", "barrier and errors in percentage points of test error");
        m.put("summary", rows);
        m.put("measurements", points);
        return m;
    }
}
