package lottery.bench.jmh;

import lottery.bench.BenchConfig;
import lottery.bench.BenchRecord;
import lottery.bench.GemmShape;
import lottery.bench.Impl;
import lottery.bench.KernelBench;
import lottery.bench.KernelSweep;
import lottery.bench.Layer;
import lottery.bench.MaskPattern;
import lottery.bench.Progress;
import lottery.bench.ShapeSpec;
import lottery.kernels.BitMask;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Runs a {@link BenchConfig}'s grid through JMH: every (product, pattern, threads, implementation, density) point is
 * one {@link GemmJmh} benchmark with its own forks, warm-up and measurement iterations ({@link JmhPlan}), and becomes a
 * record with JMH's mean and 99.9% error. Slower than {@link KernelBench} (a JVM per fork per point, no interleaving),
 * but every point gets a fresh JIT profile.
 */
public final class JmhKernelBench implements KernelSweep {
    private static final String BENCHMARK = "^" + Pattern.quote(GemmJmh.class.getName() + ".gemm") + "$";

    private final BenchConfig cfg;
    private final JmhPlan plan;

    public JmhKernelBench(BenchConfig cfg, JmhPlan plan) {
        for (Impl i : cfg.impls())
            if (i.gpu) throw new IllegalArgumentException("the JMH engine times CPU implementations only; " + i.label + " needs --engine harness");
        for (Layer l : cfg.layers()) ShapeSpec.spec(l);
        this.cfg = cfg;
        this.plan = plan;
    }

    @Override public long estimate() {
        return (long) cfg.products().size() * cfg.patterns().size() * cfg.threads().length * cfg.tasksPerGroup() * plan.msPerPoint();
    }

    @Override public List<BenchRecord> run(Progress progress, Consumer<List<BenchRecord>> measured) {
        Map<String, Layer> byName = new LinkedHashMap<>();
        for (Layer l : cfg.layers()) byName.put(l.name(), l);
        List<BenchRecord> records = new ArrayList<>();
        for (GemmShape s : cfg.products())
            for (MaskPattern pattern : cfg.patterns())
                for (int t : cfg.threads())
                    for (Impl impl : cfg.impls())
                        for (double d : impl.usesDensity() ? cfg.densities() : new double[]{1.0}) {
                            BenchRecord r = measure(byName.get(s.name()), s, pattern, t, impl, d);
                            records.add(r);
                            measured.accept(List.of(r));
                            progress.advance(plan.msPerPoint(), s + " t" + t + " " + variant(impl, d));
                        }
        return records;
    }

    /** GemmJmh's {@code variant} parameter: "dense", "openblas", or "masked@D" / "sparse@D". */
    static String variant(Impl impl, double density) {
        return impl.usesDensity() ? impl.label + "@" + density : impl.label;
    }

    private BenchRecord measure(Layer layer, GemmShape s, MaskPattern pattern, int threads, Impl impl, double density) {
        String variant = variant(impl, density);
        Options options = new OptionsBuilder()
                .include(BENCHMARK)
                .param("shape", ShapeSpec.spec(layer))
                .param("op", s.op().label)
                .param("batch", Integer.toString(s.batch()))
                .param("threads", Integer.toString(threads))
                .param("pattern", pattern.label())
                .param("seed", Long.toString(cfg.seed()))
                .param("variant", variant)
                .mode(Mode.AverageTime).timeUnit(TimeUnit.MICROSECONDS)
                .forks(plan.forks())
                .warmupIterations(plan.warmupIterations()).warmupTime(TimeValue.milliseconds(plan.iterationMs()))
                .measurementIterations(plan.iterations()).measurementTime(TimeValue.milliseconds(plan.iterationMs()))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results;
        // the forks' own output (JVM warnings, JMH banners) would break the progress bar: keep it for the error message
        ByteArrayOutputStream forkOutput = new ByteArrayOutputStream();
        PrintStream savedOut = System.out, savedErr = System.err, capture = new PrintStream(forkOutput, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            results = new Runner(options).run();
        } catch (RunnerException | RuntimeException e) {
            throw new IllegalStateException("JMH failed on " + s + " " + variant + ": "
                    + String.valueOf(e.getMessage()).strip().replaceAll("\\s*\\R\\s*", " | ") + lastLines(forkOutput), e);
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
        if (results.size() != 1) throw new IllegalStateException("JMH gave " + results.size() + " results for " + s + " " + variant + ", expected 1");
        RunResult run = results.iterator().next();
        check(run.getParams(), variant);
        Result<?> r = run.getPrimaryResult();
        double toMs = 1e-3; // µs/op -> ms per call
        BitMask mask = impl.usesDensity() ? GemmJmh.mask(layer, pattern, density, cfg.seed()) : BitMask.ones(s.out(), s.in());
        long[] bytes = KernelBench.weightBytes(impl, mask);
        return BenchRecord.of(impl, impl.usesDensity() ? mask.density() : 1.0, s, pattern.label(), threads,
                r.getScore() * toMs, r.getStatistics().getMin() * toMs, r.getScoreError() * toMs, bytes[0], bytes[1]);
    }

    /** The end of what the forks printed, as a suffix for an error message. */
    private static String lastLines(ByteArrayOutputStream output) {
        List<String> lines = output.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank() && !l.startsWith("WARNING")).toList();
        if (lines.isEmpty()) return "";
        return "; fork output: " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    private static void check(BenchmarkParams p, String variant) {
        if (!variant.equals(p.getParam("variant")) || p.getTimeUnit() != TimeUnit.MICROSECONDS)
            throw new IllegalStateException("JMH ran " + p.getParam("variant") + " in " + p.getTimeUnit() + ", expected " + variant + " in microseconds");
    }
}
