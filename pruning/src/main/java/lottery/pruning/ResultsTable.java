package lottery.pruning;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The experiment's results aggregated over replicates, one row per level: weights remaining,
 * and per arm the test accuracy at early stop and the early-stop iteration (mean, min, max),
 * and the wall time the level took (summed over arms, mean over replicates).
 */
public final class ResultsTable {
    /** One level. {@code accuracy} and {@code earlyStop} hold the arms that have results at that level. */
    public record Row(int level, double weightsRemaining, double percentRemaining, Map<Arm, Stat> accuracy,
                      Map<Arm, Stat> earlyStop, double wallSeconds) {}

    private final List<Row> rows;
    private final List<Arm> arms;

    private ResultsTable(List<Row> rows, List<Arm> arms) { this.rows = rows; this.arms = arms; }

    public static ResultsTable of(List<LevelResult> results) {
        Map<Integer, List<LevelResult>> byLevel = new TreeMap<>();
        List<Arm> arms = new ArrayList<>();
        for (LevelResult r : results) {
            byLevel.computeIfAbsent(r.level(), k -> new ArrayList<>()).add(r);
            Arm a = Arm.parse(r.arm());
            if (!arms.contains(a)) arms.add(a);
        }
        arms.sort(null);
        long total = results.stream().filter(r -> r.level() == 0).mapToLong(LevelResult::weightsRemaining).findFirst()
                .orElse(results.isEmpty() ? 1 : Math.round(results.get(0).weightsRemaining() / results.get(0).density()));
        List<Row> rows = new ArrayList<>();
        byLevel.forEach((level, rs) -> {
            Map<Arm, Stat> acc = new EnumMap<>(Arm.class), es = new EnumMap<>(Arm.class);
            for (Arm a : arms) {
                List<LevelResult> mine = rs.stream().filter(r -> r.arm().equals(a.id())).toList();
                if (mine.isEmpty()) continue;
                acc.put(a, stat(mine, LevelResult::earlyStopTestAccuracy));
                es.put(a, stat(mine, r -> r.earlyStopIteration()));
            }
            List<LevelResult> tickets = rs.stream().filter(r -> r.arm().equals(Arm.TICKET.id())).toList();
            double remaining = stat(tickets.isEmpty() ? rs : tickets, r -> r.weightsRemaining()).mean();
            long replicates = rs.stream().mapToInt(LevelResult::replicate).distinct().count();
            double wall = rs.stream().mapToDouble(LevelResult::wallSeconds).sum() / Math.max(1, replicates);
            rows.add(new Row(level, remaining, 100.0 * remaining / total, acc, es, wall));
        });
        return new ResultsTable(List.copyOf(rows), List.copyOf(arms));
    }

    private static Stat stat(List<LevelResult> rs, ToDoubleFunction<LevelResult> f) {
        List<Double> v = new ArrayList<>();
        for (LevelResult r : rs) v.add(f.applyAsDouble(r));
        return Stat.of(v);
    }

    public List<Row> rows() { return rows; }

    public List<Arm> arms() { return arms; }

    /** A Markdown table (report.md); the console prints the same text. */
    public String markdown() {
        StringBuilder s = new StringBuilder("| level | weights remaining |");
        StringBuilder rule = new StringBuilder("|---:|---:|");
        for (Arm a : arms) { s.append(' ').append(a.id()).append(" acc @ early stop |"); rule.append("---:|"); }
        for (Arm a : arms) { s.append(' ').append(a.id()).append(" early-stop iter |"); rule.append("---:|"); }
        s.append(" wall s |\n");
        rule.append("---:|\n");
        s.append(rule);
        for (Row r : rows) {
            s.append(String.format(Locale.ROOT, "| %d | %.1f%% (%d) |", r.level(), r.percentRemaining(), Math.round(r.weightsRemaining())));
            for (Arm a : arms) s.append(' ').append(cell(r.accuracy().get(a), true)).append(" |");
            for (Arm a : arms) s.append(' ').append(cell(r.earlyStop().get(a), false)).append(" |");
            s.append(String.format(Locale.ROOT, " %.1f |%n", r.wallSeconds()));
        }
        return s.toString();
    }

    private static String cell(Stat st, boolean percent) {
        if (st == null) return "-";
        if (percent) {
            String m = String.format(Locale.ROOT, "%.2f%%", 100 * st.mean());
            return st.n() > 1 ? m + String.format(Locale.ROOT, " [%.2f, %.2f]", 100 * st.min(), 100 * st.max()) : m;
        }
        return String.format(Locale.ROOT, "%.0f", st.mean());
    }
}
