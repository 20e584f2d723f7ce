package lottery.cli;

import lottery.bench.BenchJson;
import lottery.bench.BenchRecord;
import lottery.bench.Crossovers;
import lottery.bench.Ratios;
import lottery.bench.TrainStepRecord;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sweep's plots (PNG and SVG, written atomically): speedup vs density, GFLOP/s vs size, ms/step vs weights remaining. */
final class BenchPlots {
    private BenchPlots() {}

    /** Writes every plot under {@code dir}; returns the file names written. */
    static List<String> write(Path dir, List<BenchRecord> records, List<Crossovers.Row> crossovers, List<TrainStepRecord> train) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> written = new ArrayList<>();
        for (Map.Entry<String, XYChart> e : speedupCharts(records, crossovers).entrySet()) save(dir, e.getKey(), e.getValue(), written);
        XYChart size = gflopsVsSize(records);
        if (size != null) save(dir, "gflops-vs-size", size, written);
        XYChart ratio = openblasRatioVsSize(records);
        if (ratio != null) save(dir, "openblas-ratio-vs-size", ratio, written);
        if (train != null && !train.isEmpty()) save(dir, "train-step-vs-weights", trainChart(train), written);
        return written;
    }

    /** One chart per shape and batch (random pattern, 1 thread): speedup over dense of masked and sparse, per op. */
    static Map<String, XYChart> speedupCharts(List<BenchRecord> records, List<Crossovers.Row> crossovers) {
        Map<String, List<Ratios.Row>> byShape = new LinkedHashMap<>();
        int minThreads = records.stream().mapToInt(BenchRecord::threads).min().orElse(1);
        for (Ratios.Row r : Ratios.rows(records))
            if (r.pattern().equals("random") && r.threads() == minThreads)
                byShape.computeIfAbsent(r.shape() + "-b" + r.batch(), x -> new ArrayList<>()).add(r);
        Map<String, XYChart> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Ratios.Row>> e : byShape.entrySet()) {
            XYChart c = new XYChartBuilder().width(900).height(560).title("Speedup over dense: " + e.getKey() + ", " + minThreads + " thread(s)")
                    .xAxisTitle("density (weights kept)").yAxisTitle("dense time / time").build();
            c.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true).setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
            Map<String, List<Ratios.Row>> byOp = new LinkedHashMap<>();
            for (Ratios.Row r : e.getValue()) byOp.computeIfAbsent(r.op(), x -> new ArrayList<>()).add(r);
            double lo = 1, hi = 1;
            for (Map.Entry<String, List<Ratios.Row>> op : byOp.entrySet()) {
                List<Ratios.Row> rows = op.getValue();
                double[] d = rows.stream().mapToDouble(Ratios.Row::density).toArray();
                double[] sp = rows.stream().mapToDouble(Ratios.Row::sparseSpeedup).toArray();
                double[] ms = rows.stream().mapToDouble(r -> 1 / r.maskedOverDense()).toArray();
                if (finite(sp)) c.addSeries("sparse " + op.getKey(), d, sp);
                if (finite(ms)) c.addSeries("masked " + op.getKey(), d, ms);
                lo = Math.min(lo, d[d.length - 1]);
                hi = Math.max(hi, d[0]);
            }
            c.addSeries("break-even", new double[]{lo, hi}, new double[]{1, 1}).setMarker(SeriesMarkers.NONE);
            String first = e.getValue().get(0).shape();
            int batch = e.getValue().get(0).batch();
            List<double[]> marks = new ArrayList<>();
            for (Crossovers.Row x : crossovers)
                if (x.shape().equals(first) && x.batch() == batch && x.pattern().equals("random") && x.threads() == minThreads
                        && x.impl().equals("sparse") && !Double.isNaN(x.density())) marks.add(new double[]{x.density(), 1});
            if (!marks.isEmpty()) {
                XYSeries s = c.addSeries("sparse crossover", marks.stream().mapToDouble(m -> m[0]).toArray(), marks.stream().mapToDouble(m -> m[1]).toArray());
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarker(SeriesMarkers.DIAMOND);
                s.setMarkerColor(java.awt.Color.BLACK);
            }
            out.put("speedup-" + e.getKey().replaceAll("[^A-Za-z0-9.@x-]", "_"), c);
        }
        return out;
    }

    /** Dense-equivalent GFLOP/s against problem size (2mnk), ours dense vs OpenBLAS, per thread count. */
    static XYChart gflopsVsSize(List<BenchRecord> records) {
        Map<String, List<BenchRecord>> series = new LinkedHashMap<>();
        for (BenchRecord r : records)
            if ((r.impl().equals("dense") || r.impl().equals("openblas") || r.impl().equals("cublas") || r.impl().equals("cuda-dense"))
                    && r.pattern().equals("random"))
                series.computeIfAbsent(r.impl() + " " + r.threads() + "t", x -> new ArrayList<>()).add(r);
        if (series.isEmpty()) return null;
        XYChart c = new XYChartBuilder().width(900).height(560).title("GEMM GFLOP/s vs size (density 1)")
                .xAxisTitle("FLOPs per call (2mnk)").yAxisTitle("GFLOP/s").build();
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setXAxisLogarithmic(true);
        for (Map.Entry<String, List<BenchRecord>> e : series.entrySet()) {
            List<BenchRecord> rs = new ArrayList<>(e.getValue());
            rs.sort((a, b) -> Double.compare(flops(a), flops(b)));
            c.addSeries(e.getKey(), rs.stream().mapToDouble(BenchPlots::flops).toArray(), rs.stream().mapToDouble(BenchRecord::gflops).toArray());
        }
        return c;
    }

    /** Our dense GFLOP/s over OpenBLAS's for the same product in the same run, against size, per thread count (random pattern rows). */
    static XYChart openblasRatioVsSize(List<BenchRecord> records) {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (Ratios.Row r : Ratios.rows(records))
            if (r.pattern().equals("random") && Double.isFinite(r.denseOverOpenblas()) && r.denseOverOpenblas() > 0)
                series.computeIfAbsent(r.threads() + " thread(s)", x -> new ArrayList<>()).add(new double[]{2.0 * r.m() * r.n() * r.k(), r.denseOverOpenblas()});
        if (series.isEmpty()) return null;
        XYChart c = new XYChartBuilder().width(900).height(560).title("Dense GEMM: OpenBLAS time / our time, same run (above 1: ours faster)")
                .xAxisTitle("FLOPs per call (2mnk)").yAxisTitle("OpenBLAS time / our time").build();
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        double lo = Double.MAX_VALUE, hi = 0;
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            List<double[]> pts = e.getValue();
            pts.sort((a, b) -> Double.compare(a[0], b[0]));
            c.addSeries(e.getKey(), pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1]).toArray());
            lo = Math.min(lo, pts.get(0)[0]);
            hi = Math.max(hi, pts.get(pts.size() - 1)[0]);
        }
        XYSeries even = c.addSeries("parity", new double[]{lo, hi}, new double[]{1, 1});
        even.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        even.setMarker(SeriesMarkers.NONE);
        return c;
    }

    static XYChart trainChart(List<TrainStepRecord> all) {
        List<TrainStepRecord> train = all.stream().filter(r -> !r.mode().equals("eval")).toList();
        XYChart c = new XYChartBuilder().width(900).height(560).title(String.join(", ", train.stream().map(TrainStepRecord::model).distinct().toList())
                        + " training step (batch 60) vs weights remaining")
                .xAxisTitle("weights remaining (%)").yAxisTitle("ms per iteration").build();
        c.getStyler().setXAxisLogarithmic(true);
        Map<String, List<TrainStepRecord>> series = new LinkedHashMap<>();
        for (TrainStepRecord r : train) series.computeIfAbsent(r.model() + " " + r.mode() + " " + r.threads() + "t", x -> new ArrayList<>()).add(r);
        for (Map.Entry<String, List<TrainStepRecord>> e : series.entrySet())
            c.addSeries(e.getKey(), e.getValue().stream().mapToDouble(r -> 100 * r.density()).toArray(),
                    e.getValue().stream().mapToDouble(TrainStepRecord::ms).toArray());
        Map<String, Double> floor = new LinkedHashMap<>();
        for (TrainStepRecord r : train) floor.putIfAbsent(r.model() + " " + r.threads(), r.floorMs());
        for (Map.Entry<String, Double> f : floor.entrySet())
            c.addSeries("OpenBLAS GEMM floor " + f.getKey() + "t", new double[]{100 * train.stream().mapToDouble(TrainStepRecord::density).min().orElse(0.01), 100},
                    new double[]{f.getValue(), f.getValue()}).setMarker(SeriesMarkers.NONE);
        return c;
    }

    private static double flops(BenchRecord r) { return 2.0 * r.m() * r.n() * r.k(); }

    private static boolean finite(double[] v) {
        for (double x : v) if (!Double.isFinite(x) || x <= 0) return false;
        return v.length > 0;
    }

    private static void save(Path dir, String name, XYChart chart, List<String> written) throws IOException {
        BenchJson.writeAtomic(dir.resolve(name + ".png"), BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        BenchJson.writeAtomic(dir.resolve(name + ".svg"), svg.toByteArray());
        written.add(name + ".png");
        written.add(name + ".svg");
    }
}
