package lottery.cli;

import lottery.bench.BenchConfig;
import lottery.bench.BenchJson;
import lottery.bench.BenchRecord;
import lottery.bench.CpuTasks;
import lottery.bench.GpuTasks;
import lottery.bench.Impl;
import lottery.bench.KernelBench;
import lottery.bench.KernelSweep;
import lottery.bench.Layer;
import lottery.bench.MachineFacts;
import lottery.bench.MaskPattern;
import lottery.bench.OpenBlas;
import lottery.bench.StoreMasks;
import lottery.bench.SweepCheckpoint;
import lottery.bench.SweepReport;
import lottery.bench.TimingPlan;
import lottery.bench.TrainStepBench;
import lottery.bench.TrainStepRecord;
import lottery.bench.jmh.JmhKernelBench;
import lottery.bench.jmh.JmhPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lottery bench sweep}: the dense-vs-masked-vs-sparse study, written as JSON, Markdown and plots. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Dense vs masked vs sparse vs OpenBLAS over forward / backward-data / backward-weights, layer shapes",
                "(LeNet-300-100, Conv-2/4/6, VGG- and ResNet-like convs lowered by im2col, squares 256/512/1024), batches,",
                "densities 1.0 .. 0.01, thread counts and mask patterns (random, block4x4, block1x8; magnitude masks of",
                "trained LeNet weights with --store). Conv layers run at --conv-batches (1, 60 images) with --conv-patterns",
                "(random), since their lowered GEMMs have batch x positions rows. Writes sweep.json, sweep.md and plots",
                "(PNG + SVG) under --out. While it runs, the records measured so far are kept in sweep.partial.json",
                "(rewritten every 30 s, removed at the end), so a killed sweep keeps them.",
                "--quick (about 2 minutes): lenet300 + squares 256, 512 at batch 60; densities 1, 0.2, 0.05, 0.02, 0.01;",
                "patterns random and block4x4; 5 short rounds; training step at 3 densities.",
                "--engine jmh times every kernel point with JMH instead (forks, warm-up, 99.9%% error bars; CPU only, slower:",
                "about (0.3 s + iterations x iteration time) per fork per point); the training-step part keeps the in-process harness."})
final class BenchSweepCommand implements Callable<Integer> {
    /** IMP rounds whose weights remaining are 100%, 51.3%, 21.1%, 7.0%, 3.6%, 1.9% (20% per hidden layer, 10% output per round). */
    static final int[] IMP_ROUNDS = {0, 3, 7, 12, 15, 18};
    /** How often the records measured so far go to sweep.partial.json, so a killed sweep loses at most this much. */
    static final long CHECKPOINT_MS = 30_000;

    @Mixin BenchOptions common;

    @Option(names = "--quick", description = "About 2 minutes: fewer shapes, densities, patterns and rounds.")
    boolean quick;

    @Option(names = "--out", defaultValue = "runs/bench/sweep", paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--store", paramLabel = "DIR", description = "Experiment store: adds magnitude masks from its mask.safetensors files.")
    Path store;

    @Option(names = "--shapes", description = "Shape specs (default: lenet300,conv6,vgg,resnet,squares).")
    String shapes;

    @Option(names = "--batches", description = "Batches for layer shapes (default: 1,60,256; quick: 60).")
    String batches;

    @Option(names = "--conv-batches", description = "Batches (images) for conv layers lowered by im2col, rows = batch x positions (default: 1,60).")
    String convBatches;

    @Option(names = "--conv-patterns", description = "Mask patterns for conv layers (default: random).")
    String convPatterns;

    @Option(names = "--densities", description = "Densities (default: " + BenchOptions.ALL_DENSITIES + ").")
    String densities;

    @Option(names = "--impls", description = "Implementations (default: dense,masked,sparse,openblas; with --device cuda also the GPU ones).")
    String impls;

    @Option(names = "--patterns", description = "Mask patterns (default: random,block4x4,block1x8).")
    String patterns;

    @Option(names = "--no-train", description = "Skip the training-step part.")
    boolean noTrain;

    @Option(names = "--engine", defaultValue = "harness", paramLabel = "harness|jmh",
            description = "harness: interleaved in-process timing, median and 95%% CI; jmh: JMH per point, mean and 99.9%% CI (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--forks", paramLabel = "N", description = "JMH forks per point (default: 2; quick: 1).")
    Integer forks;

    @Option(names = "--warmup-iterations", paramLabel = "N", description = "JMH warm-up iterations per fork (default: 4; quick: 3).")
    Integer warmupIterations;

    @Option(names = "--iterations", paramLabel = "N", description = "JMH measured iterations per fork (default: 5; quick: 3).")
    Integer iterations;

    @Option(names = "--iteration-ms", paramLabel = "MS", description = "JMH iteration time in ms (default: 300; quick: 150).")
    Integer iterationMs;

    @Override public Integer call() throws IOException {
        boolean cuda = common.cuda();
        int[] threads = common.threads(allThreads());
        List<Layer> layers = BenchOptions.shapes(shapes != null ? shapes : quick ? "lenet300,square:256,square:512" : "lenet300,conv6,vgg,resnet,squares");
        int[] batchList = BenchOptions.batches(batches != null ? batches : quick ? "60" : "1,60,256");
        double[] dens = BenchOptions.densities(densities != null ? densities : quick ? "1.0,0.2,0.05,0.02,0.01" : BenchOptions.ALL_DENSITIES);
        List<MaskPattern> patternList = BenchOptions.patterns(patterns != null ? patterns : quick ? "random,block4x4" : "random,block4x4,block1x8");
        List<Impl> implList = BenchOptions.impls(impls != null ? impls : cuda
                ? "dense,masked,sparse,openblas,cuda-dense,cuda-masked,cuda-sparse,cublas,cusparse" : "dense,masked,sparse,openblas");
        KernelBench.TaskFactory gpu = null;
        if (implList.stream().anyMatch(i -> i.gpu)) {
            if (!cuda) throw new UsageException("--impls: GPU implementations need --device cuda");
            gpu = GpuTasks.factory();
        }
        if (implList.contains(Impl.OPENBLAS)) OpenBlas.require();
        KernelBench.TaskFactory gpuFactory = gpu;
        KernelBench.TaskFactory factory = (impl, ops, mask) -> impl.gpu ? gpuFactory.create(impl, ops, mask) : CpuTasks.create(impl, ops, mask);
        TimingPlan plan = quick ? TimingPlan.QUICK : TimingPlan.SWEEP;
        int[] convBatchList = BenchOptions.batches(convBatches != null ? convBatches : "1,60");
        List<MaskPattern> convPatternList = BenchOptions.patterns(convPatterns != null ? convPatterns : "random");

        JmhPlan jmh = jmhPlan();
        if (jmh != null && cuda) throw new UsageException("--engine jmh times CPU kernels only; use --engine harness with --device cuda");
        if (jmh != null && store != null) throw new UsageException("--store: a store's magnitude masks are timed by --engine harness only");

        // linear layers and squares over every batch and pattern; conv layers (lowered, many rows) over fewer
        List<BenchConfig> configs = new ArrayList<>();
        List<Layer> dense = layers.stream().filter(l -> l.positions() == 1).toList();
        List<Layer> conv = layers.stream().filter(l -> l.positions() > 1).toList();
        if (!dense.isEmpty()) configs.add(new BenchConfig(dense, batchList, true, implList, dens, threads, patternList, plan, common.seed));
        if (!conv.isEmpty()) configs.add(new BenchConfig(conv, convBatchList, true, implList, dens, threads, convPatternList, plan, common.seed));
        List<KernelSweep> parts = new ArrayList<>();
        for (BenchConfig c : configs) parts.add(jmh != null ? new JmhKernelBench(c, jmh) : new KernelBench(c, factory));
        if (store != null) parts.addAll(StoreMasks.benches(store, batchList, implList, threads, plan, common.seed, factory));
        boolean train = !noTrain && TrainStepBench.available();
        List<TrainStepBench.Plan> trainPlans = java.util.Arrays.stream(quick ? new int[]{0, 7, 15} : IMP_ROUNDS).mapToObj(TrainStepBench.Plan::imp).toList();

        MachineFacts facts = MachineFacts.current();
        System.out.println("machine: " + facts.oneLine());
        String timing = jmh == null ? SweepReport.TIMING
                : jmh.describe() + "; gflops dense-equivalent 2mnk/time; training steps: in-process harness (median, 95% CI)";
        SweepCheckpoint checkpoint = new SweepCheckpoint(out.resolve("sweep.partial.json"), facts, timing, CHECKPOINT_MS);
        List<BenchRecord> records = new ArrayList<>();
        List<TrainStepRecord> trainRecords = new ArrayList<>();
        boolean measured = false;
        try (BenchProgress progress = new BenchProgress("bench sweep")) {
            long total = parts.stream().mapToLong(KernelSweep::estimate).sum();
            if (train) total += TrainStepBench.estimate(trainPlans, threads, plan);
            progress.start(total);
            for (KernelSweep part : parts) records.addAll(part.run(progress, checkpoint));
            if (train) trainRecords.addAll(TrainStepBench.run(trainPlans, threads, plan, common.seed, progress));
            measured = true;
        } finally {
            if (!measured) keepPartial(checkpoint);
        }
        if (!train) System.out.println("training-step part skipped: " + (noTrain ? "--no-train" : TrainStepBench.unavailableReason()));
        SweepReport report = SweepReport.of(facts, timing, records, trainRecords);
        BenchJson.writeAtomic(out.resolve("sweep.json"), BenchJson.toJson(report));
        BenchJson.writeAtomic(out.resolve("sweep.md"), report.markdown());
        List<String> plots = BenchPlots.write(out.resolve("plots"), records, report.crossovers(), trainRecords);
        System.out.print(lottery.bench.TextTable.render(lottery.bench.Ratios.rows(records.stream().filter(r -> r.threads() == threads[0]
                && r.pattern().equals("random")).toList()), false));
        System.out.println("wrote " + out.resolve("sweep.json") + " (" + records.size() + " records), " + out.resolve("sweep.md")
                + " and " + plots.size() + " plot files under " + out.resolve("plots"));
        checkpoint.delete();
        return 0;
    }

    /** After a failure: writes what was measured, without letting a second error hide the first. */
    private static void keepPartial(SweepCheckpoint checkpoint) {
        try {
            checkpoint.write();
            if (Files.exists(checkpoint.file())) System.err.println("lottery: the records measured so far are in " + checkpoint.file());
        } catch (RuntimeException e) {
            System.err.println("lottery: could not keep the records measured so far: " + e.getMessage());
        }
    }

    /** The JMH plan for --engine jmh (null for the harness); JMH options without it are an error, not ignored. */
    private JmhPlan jmhPlan() {
        boolean jmhOptions = forks != null || warmupIterations != null || iterations != null || iterationMs != null;
        switch (engine) {
            case "harness" -> {
                if (jmhOptions) throw new UsageException("--forks, --warmup-iterations, --iterations and --iteration-ms need --engine jmh");
                return null;
            }
            case "jmh" -> {
                JmhPlan d = quick ? JmhPlan.QUICK : JmhPlan.DEFAULT;
                try {
                    return new JmhPlan(forks != null ? forks : d.forks(), warmupIterations != null ? warmupIterations : d.warmupIterations(),
                            iterations != null ? iterations : d.iterations(), iterationMs != null ? iterationMs : d.iterationMs());
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
            }
            default -> throw new UsageException("--engine must be harness or jmh, got '" + engine + "'");
        }
    }

    static String allThreads() {
        int all = Runtime.getRuntime().availableProcessors();
        return all == 1 ? "1" : "1," + all;
    }
}
