package lottery.cli;

import lottery.nn.io.AtomicFiles;
import lottery.pruning.Arm;
import lottery.pruning.ExperimentStore;
import lottery.pruning.FirstLayerConnections;
import lottery.pruning.ResultsTable;
import lottery.pruning.Stat;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Draws an experiment store as the paper does: test accuracy at early stop and early-stop
 * iteration against weights remaining (log scale, sparser to the right; mean over replicates
 * with min/max bars; one line per arm, the controls starting from the dense level 0), and the
 * first layer's surviving connections per input pixel; writes PNG + SVG and report.md, atomically.
 */
final class ReportPlots {
    /** Made on first use, so a runtime without java.desktop can still load this class and write the table. */
    private static final class Palette {
        static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)};

        static {
            System.setProperty("java.awt.headless", "true");   // plots are files; never open a window
        }
    }

    private ReportPlots() {}

    /** Writes every plot and report.md into the store directory; returns the table. */
    static ResultsTable write(ExperimentStore store) throws IOException {
        ResultsTable table = ResultsTable.of(store.results());
        if (table.rows().isEmpty()) throw new IllegalStateException(store.dir() + " has no finished level yet; nothing to report");
        Path dir = store.dir();
        if (!canDraw()) {   // a trimmed runtime (the GPU carry's) has no java.desktop: the table only
            AtomicFiles.writeString(dir.resolve("report.md"), "# " + dir.getFileName() + "\n\nIdentity: `" + store.identity() + "`\n\n"
                    + table.markdown() + "\nPlots not drawn: this Java runtime has no java.desktop module"
                    + " (`lottery report` on a full JDK draws them).\n");
            return table;
        }
        save(lineChart(table, "Test accuracy at early stop", "test accuracy (%)", true), dir.resolve("accuracy"));
        save(lineChart(table, "Early-stop iteration (minimum validation loss)", "iteration", false), dir.resolve("early_stop"));
        Optional<FirstLayerConnections> c = FirstLayerConnections.sparsest(store);
        String heat = "";
        if (c.isPresent() && isSquare(c.get().perInput().length)) {
            save(heatMap(c.get()), dir.resolve("first_layer"));
            heat = "\n![first layer](first_layer.png)\n\nSurviving connections of `" + c.get().layer() + "` per input pixel at level "
                    + c.get().level() + " (ticket, replicate 0; at most " + c.get().outputs() + ").\n";
        }
        String md = "# " + dir.getFileName() + "\n\nIdentity: `" + store.identity() + "`\n\n" + table.markdown()
                + "\nAccuracies are test accuracy at the early-stop iteration (minimum validation loss); "
                + "with several replicates: mean [min, max].\n\n![accuracy](accuracy.png)\n\n![early stop](early_stop.png)\n" + heat;
        AtomicFiles.writeString(dir.resolve("report.md"), md);
        return table;
    }

    /** Whether this Java runtime can draw charts: a jlinked runtime without java.desktop cannot. */
    static boolean canDraw() { return ModuleLayer.boot().findModule("java.desktop").isPresent(); }

    /** x = log10(100 / percent remaining): 0 at the dense net, growing as the net gets sparser. */
    private static double x(double percent) { return Math.log10(100.0 / percent); }

    /** {@code accuracy}: test accuracy at early stop, else the early-stop iteration. */
    private static XYChart lineChart(ResultsTable table, String title, String yTitle, boolean accuracy) {
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title)
                .xAxisTitle("weights remaining (%, log scale)").yAxisTitle(yTitle).build();
        chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> String.format(Locale.ROOT, "%.3g", 100 / Math.pow(10, v)));
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSW);
        ResultsTable.Row dense = table.rows().getFirst();
        for (Arm arm : table.arms()) {
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
            List<double[]> bars = new ArrayList<>();
            for (ResultsTable.Row r : table.rows()) {
                Stat s = (accuracy ? r.accuracy() : r.earlyStop()).get(arm);
                if (s == null && r == dense) s = (accuracy ? r.accuracy() : r.earlyStop()).get(Arm.TICKET);   // controls start at the dense net
                if (s == null) continue;
                double k = accuracy ? 100 : 1;
                xs.add(x(r.percentRemaining()));
                ys.add(k * s.mean());
                if (s.n() > 1) bars.add(new double[]{x(r.percentRemaining()), k * s.min(), k * s.max()});
            }
            if (xs.isEmpty()) continue;
            Color color = Palette.COLORS[arm.ordinal() % Palette.COLORS.length];
            XYSeries line = chart.addSeries(arm.id(), xs, ys);
            line.setLineColor(color);
            line.setMarkerColor(color);
            line.setMarker(SeriesMarkers.CIRCLE);
            for (int b = 0; b < bars.size(); b++) {
                double[] bar = bars.get(b);
                XYSeries s = chart.addSeries(arm.id() + " range " + b, new double[]{bar[0], bar[0]}, new double[]{bar[1], bar[2]});
                s.setLineColor(color);
                s.setMarker(SeriesMarkers.NONE);
                s.setShowInLegend(false);
            }
        }
        return chart;
    }

    private static boolean isSquare(int n) {
        int s = (int) Math.round(Math.sqrt(n));
        return s * s == n && n > 1;
    }

    private static HeatMapChart heatMap(FirstLayerConnections c) {
        int side = (int) Math.round(Math.sqrt(c.perInput().length));
        int[][] z = new int[side][side];   // z[x][y], y flipped so that row 0 of the image is on top
        for (int row = 0; row < side; row++)
            for (int col = 0; col < side; col++)
                z[col][side - 1 - row] = c.perInput()[row * side + col];
        HeatMapChart chart = new HeatMapChartBuilder().width(620).height(600)
                .title("Surviving " + c.layer() + " connections per input pixel (level " + c.level() + ")").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setShowValue(false);
        chart.getStyler().setRangeColors(new Color[]{Color.WHITE, new Color(0x9ecae1), new Color(0x08306b)});
        int[] columns = new int[side], rows = new int[side];
        for (int i = 0; i < side; i++) { columns[i] = i; rows[i] = side - 1 - i; }   // labels: image row 0 at the top
        chart.addSeries("connections", columns, rows, z);
        return chart;
    }

    static void save(Chart<?, ?> chart, Path base) throws IOException {
        AtomicFiles.write(base.resolveSibling(base.getFileName() + ".png"), out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        AtomicFiles.write(base.resolveSibling(base.getFileName() + ".svg"), out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
    }
}
