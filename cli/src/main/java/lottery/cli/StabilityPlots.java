package lottery.cli;

import lottery.pruning.StabilityReport;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The instability analysis drawn as in Frankle et al. (2020): the error barrier (percentage points
 * of test error, mean over replicates with ±1 standard deviation bars) against the rewind step k,
 * one line for the dense network and one per ticket level; and, per level, the mean test error
 * along the linear path between the two trained copies, one line per k. PNG and SVG, atomically.
 */
final class StabilityPlots {
    private static final Color[] COLORS = {new Color(0x7f7f7f), new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b)};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private StabilityPlots() {}

    /** Writes instability.{png,svg} and interpolation-level&lt;NN&gt;.{png,svg} into {@code dir}. */
    static void write(StabilityReport report, Path dir) throws IOException {
        ReportPlots.save(barrierChart(report), dir.resolve("instability"));
        for (int level : report.levels())
            ReportPlots.save(pathChart(report, level), dir.resolve(String.format(Locale.ROOT, "interpolation-level%02d", level)));
    }

    static String label(StabilityReport report, int level) {
        StabilityReport.Row any = report.rows().stream().filter(r -> r.level() == level).findFirst().orElseThrow();
        return level == 0 ? "dense" : String.format(Locale.ROOT, "ticket, level %d (%.1f%% weights)", level, any.percentRemaining());
    }

    private static CategoryChart barrierChart(StabilityReport report) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(560)
                .title("Instability: error barrier between two copies trained from θk")
                .xAxisTitle("rewind step k").yAxisTitle("error barrier (percentage points)").build();
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        chart.getStyler().setOverlapped(true);              // one x position per k, shared by the lines
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("0.00");
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        List<String> ks = new ArrayList<>();
        for (int k : report.ks()) ks.add(Integer.toString(k));
        int c = 0;
        for (int level : report.levels()) {
            List<Double> mean = new ArrayList<>(), std = new ArrayList<>();
            for (int k : report.ks()) {
                StabilityReport.Row r = report.row(level, k);
                mean.add(r == null ? Double.NaN : r.meanBarrier());
                std.add(r == null ? 0 : r.stdBarrier());
            }
            CategorySeries s = chart.addSeries(label(report, level), ks, mean, std);
            Color color = COLORS[c++ % COLORS.length];
            s.setLineColor(color);
            s.setMarkerColor(color);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    private static XYChart pathChart(StabilityReport report, int level) {
        XYChart chart = new XYChartBuilder().width(900).height(560).title("Test error along the linear path, " + label(report, level))
                .xAxisTitle("interpolation α (copy A at 0, copy B at 1)").yAxisTitle("test error (%)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisDecimalPattern("0.00");
        chart.getStyler().setYAxisDecimalPattern("0.00");
        int c = 1;
        for (int k : report.ks()) {
            StabilityReport.Row r = report.row(level, k);
            if (r == null) continue;
            XYSeries s = chart.addSeries("k = " + k, r.alphas(), r.meanPathError());
            Color color = COLORS[c++ % COLORS.length];
            s.setLineColor(color);
            s.setMarkerColor(color);
            s.setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }
}
