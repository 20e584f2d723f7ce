package lottery.cli;

import lottery.bench.BenchConfig;
import lottery.bench.BenchJson;
import lottery.bench.BenchRecord;
import lottery.bench.CpuTasks;
import lottery.bench.GpuTasks;
import lottery.bench.Impl;
import lottery.bench.KernelBench;
import lottery.bench.MachineFacts;
import lottery.bench.MaskPattern;
import lottery.bench.OpenBlas;
import lottery.bench.Ratios;
import lottery.bench.TextTable;
import lottery.bench.TimingPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lottery bench gemm}: dense, masked, sparse and OpenBLAS GEMM side by side in one process. */
@Command(name = "gemm", mixinStandardHelpOptions = true,
        description = {"Times our dense, masked and sparse GEMM against OpenBLAS on the LeNet-300-100 layer shapes",
                "(batch 60, forward / backward-data / backward-weights) and 1024^3, 2048^3 squares, at densities",
                "1.0 .. 0.01 with 1 and 2 threads. Dense and OpenBLAS run at density 1 (their work does not depend on it).",
                "--quick: 5 short rounds, squares only 1024^3 at densities 1.0, 0.1, 0.01 (2048^3 dropped).",
                "--impls nm,bsr with --patterns nm:4 (2:4 at density 0.5) or block:4x4 time the structured kernels."})
final class BenchGemmCommand implements Callable<Integer> {
    @Mixin BenchOptions common;

    @Option(names = "--quick", description = "Under a minute: fewer, shorter rounds; 2048^3 dropped, 1024^3 at 3 densities.")
    boolean quick;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the records as a JSON array to FILE.")
    Path json;

    @Option(names = "--shapes", description = "Shape specs (default: lenet300,square:1024,square:2048; quick: lenet300,square:1024).")
    String shapes;

    @Option(names = "--densities", description = "Densities for masked and sparse (default: " + BenchOptions.ALL_DENSITIES + ").")
    String densities;

    @Option(names = "--impls", description = "Implementations (default cpu: dense,masked,sparse,openblas; cuda: cuda-dense,cuda-masked,cuda-sparse,cublas,cusparse).")
    String impls;

    @Option(names = "--patterns", defaultValue = "random",
            description = "Mask patterns: random, block:RxC, nm:M (N = density·M) or nm:N:M; nm and bsr run only on masks with "
                    + "their structure (default: ${DEFAULT-VALUE}).")
    String patterns;

    @Option(names = "--batch", defaultValue = "60", description = "Batch for layer shapes (default: ${DEFAULT-VALUE}).")
    int batch;

    @Override public Integer call() throws IOException {
        boolean cuda = common.cuda();
        int[] threads = common.threads(BenchOptions.defaultThreads());
        List<Impl> implList = BenchOptions.impls(impls != null ? impls
                : cuda ? "cuda-dense,cuda-masked,cuda-sparse,cublas,cusparse" : "dense,masked,sparse,openblas");
        double[] dens = BenchOptions.densities(densities != null ? densities : BenchOptions.ALL_DENSITIES);
        if (batch < 1) throw new UsageException("--batch must be >= 1, got " + batch);
        String spec = shapes != null ? shapes : quick ? "lenet300,square:1024" : "lenet300,square:1024,square:2048";
        BenchOptions.shapes(spec);
        for (Impl i : implList) if (i.gpu != cuda)
            throw new UsageException("--impls: '" + i + "' runs on " + (i.gpu ? "--device cuda" : "--device cpu"));
        KernelBench.TaskFactory factory = cuda ? GpuTasks.factory() : CpuTasks::create;
        if (implList.contains(Impl.OPENBLAS)) OpenBlas.require();
        TimingPlan plan = quick ? TimingPlan.QUICK : TimingPlan.FULL;

        // quick: squares at three densities only, as a second part of the same run
        List<KernelBench> parts = new ArrayList<>();
        List<lottery.bench.Layer> layers = BenchOptions.shapes(spec);
        List<lottery.bench.Layer> squares = layers.stream().filter(lottery.bench.Layer::isSquare).toList();
        List<lottery.bench.Layer> rest = layers.stream().filter(l -> !l.isSquare()).toList();
        double[] squareDens = quick && densities == null ? new double[]{1.0, 0.1, 0.01} : dens;
        if (!rest.isEmpty()) parts.add(new KernelBench(config(rest, implList, dens, threads, plan), factory));
        if (!squares.isEmpty()) parts.add(new KernelBench(config(squares, implList, squareDens, threads, plan), factory));

        MachineFacts facts = MachineFacts.current();
        System.out.println("machine: " + facts.oneLine());
        List<BenchRecord> records = new ArrayList<>();
        try (BenchProgress progress = new BenchProgress("bench gemm")) {
            progress.start(parts.stream().mapToLong(KernelBench::estimate).sum());
            for (KernelBench part : parts) records.addAll(part.run(progress));
        }
        System.out.print(cuda ? lottery.bench.GpuTable.render(records) : TextTable.render(Ratios.rows(records), false));
        if (json != null) {
            BenchJson.writeAtomic(json, BenchJson.toJson(records));
            System.out.println("wrote " + records.size() + " records to " + json);
        }
        return 0;
    }

    private BenchConfig config(List<lottery.bench.Layer> layers, List<Impl> implList, double[] dens, int[] threads, TimingPlan plan) {
        return new BenchConfig(layers, new int[]{batch}, false, implList, dens, threads, BenchOptions.patterns(patterns), plan,
                common.seed);
    }
}
