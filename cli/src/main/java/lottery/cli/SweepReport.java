package lottery.cli;

import lottery.nn.io.AtomicFiles;
import lottery.pruning.Arm;
import lottery.pruning.ExperimentStore;
import lottery.pruning.ResultsTable;
import lottery.pruning.Stat;
import lottery.pruning.sweep.Sweep;
import lottery.pruning.sweep.SweepSpec;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One comparison across a sweep's cells: test accuracy at early stop and early-stop iteration
 * against weights remaining, one line per cell and arm (the ticket solid, controls dashed; mean
 * over replicates), and a Markdown table with one row per level and two columns per cell. Each
 * cell with results also gets its own report ({@code lottery report}).
 */
final class SweepReport {
    record Result(String markdown, Path file) {}

    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
            new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private SweepReport() {}

    static Result write(Sweep sweep) throws IOException {
        Map<SweepSpec.Cell, ResultsTable> tables = new LinkedHashMap<>();
        for (SweepSpec.Cell c : sweep.cells()) {
            if (!Files.isDirectory(sweep.storeDir(c))) continue;
            ExperimentStore store = ExperimentStore.existing(sweep.storeDir(c));
            ResultsTable t = ResultsTable.of(store.results());
            if (t.rows().isEmpty()) continue;
            ReportPlots.write(store);
            tables.put(c, t);
        }
        if (tables.isEmpty()) throw new IllegalStateException(sweep.root() + " has no finished level yet; nothing to report");
        save(chart(tables, true), sweep.root().resolve("accuracy"));
        save(chart(tables, false), sweep.root().resolve("early_stop"));
        String md = markdown(sweep, tables);
        Path file = sweep.root().resolve("report.md");
        AtomicFiles.writeString(file, md);
        return new Result(md, file);
    }

    private static String markdown(Sweep sweep, Map<SweepSpec.Cell, ResultsTable> tables) {
        StringBuilder s = new StringBuilder("# Sweep " + sweep.root().getFileName() + "\n\n");
        s.append("| cell | store | trainings |\n|---|---|---:|\n");
        tables.forEach((c, t) -> s.append("| ").append(c.label()).append(" | [").append(c.name()).append("](").append(c.name())
                .append("/report.md) | ").append(trainings(t)).append(" |\n"));
        TreeMap<Integer, String> remaining = new TreeMap<>();
        tables.values().forEach(t -> t.rows().forEach(r -> remaining.putIfAbsent(r.level(), String.format(Locale.ROOT, "%.1f%%",
                r.percentRemaining()))));
        List<Arm> arms = tables.values().stream().flatMap(t -> t.arms().stream()).distinct().sorted().toList();
        s.append("\nTest accuracy at early stop (minimum validation loss), mean over replicates; "
                + "weights remaining as in the first cell:\n\n");
        s.append("| level | weights remaining |");
        StringBuilder rule = new StringBuilder("|---:|---:|");
        for (SweepSpec.Cell c : tables.keySet())
            for (Arm a : arms) { s.append(' ').append(c.label()).append(", ").append(a.id()).append(" |"); rule.append("---:|"); }
        s.append('\n').append(rule).append('\n');
        remaining.forEach((level, pct) -> {
            s.append("| ").append(level).append(" | ").append(pct).append(" |");
            for (ResultsTable t : tables.values()) for (Arm a : arms) s.append(' ').append(value(t, level, a, true)).append(" |");
            s.append('\n');
        });
        s.append("\nEarly-stop iteration of the ticket, mean over replicates:\n\n| level | weights remaining |");
        StringBuilder rule2 = new StringBuilder("|---:|---:|");
        for (SweepSpec.Cell c : tables.keySet()) { s.append(' ').append(c.label()).append(" |"); rule2.append("---:|"); }
        s.append('\n').append(rule2).append('\n');
        remaining.forEach((level, pct) -> {
            s.append("| ").append(level).append(" | ").append(pct).append(" |");
            for (ResultsTable t : tables.values()) s.append(' ').append(value(t, level, Arm.TICKET, false)).append(" |");
            s.append('\n');
        });
        s.append("\n![accuracy](accuracy.png)\n\n![early stop](early_stop.png)\n");
        return s.toString();
    }

    private static int trainings(ResultsTable t) {
        return t.rows().stream().mapToInt(r -> r.accuracy().values().stream().mapToInt(Stat::n).sum()).sum();
    }

    private static String value(ResultsTable t, int level, Arm arm, boolean accuracy) {
        for (ResultsTable.Row r : t.rows()) {
            if (r.level() != level) continue;
            Stat st = (accuracy ? r.accuracy() : r.earlyStop()).get(arm);
            if (st == null) return "-";
            return accuracy ? String.format(Locale.ROOT, "%.2f%%", 100 * st.mean()) : String.format(Locale.ROOT, "%.0f", st.mean());
        }
        return "-";
    }

    private static XYChart chart(Map<SweepSpec.Cell, ResultsTable> tables, boolean accuracy) {
        XYChart chart = new XYChartBuilder().width(1000).height(600)
                .title(accuracy ? "Test accuracy at early stop, per cell" : "Early-stop iteration, per cell")
                .xAxisTitle("weights remaining (%, log scale)").yAxisTitle(accuracy ? "test accuracy (%)" : "iteration").build();
        chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> String.format(Locale.ROOT, "%.3g", 100 / Math.pow(10, v)));
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        int ci = 0;
        for (Map.Entry<SweepSpec.Cell, ResultsTable> e : tables.entrySet()) {
            Color color = COLORS[ci++ % COLORS.length];
            ResultsTable t = e.getValue();
            for (Arm arm : t.arms()) {
                List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
                for (ResultsTable.Row r : t.rows()) {
                    Stat st = (accuracy ? r.accuracy() : r.earlyStop()).get(arm);
                    if (st == null && r.level() == 0) st = (accuracy ? r.accuracy() : r.earlyStop()).get(Arm.TICKET);
                    if (st == null) continue;
                    xs.add(Math.log10(100.0 / r.percentRemaining()));
                    ys.add((accuracy ? 100 : 1) * st.mean());
                }
                if (xs.isEmpty()) continue;
                XYSeries line = chart.addSeries(e.getKey().label() + " / " + arm.id(), xs, ys);
                line.setLineColor(color);
                line.setMarkerColor(color);
                line.setMarker(arm == Arm.TICKET ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
                if (arm != Arm.TICKET) line.setLineStyle(SeriesLines.DASH_DASH);
            }
        }
        return chart;
    }

    private static void save(XYChart chart, Path base) throws IOException {
        AtomicFiles.write(base.resolveSibling(base.getFileName() + ".png"), out -> BitmapEncoder.saveBitmap(chart, out,
                BitmapEncoder.BitmapFormat.PNG));
        AtomicFiles.write(base.resolveSibling(base.getFileName() + ".svg"), out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out,
                VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
    }
}
