package lottery.cli;

import lottery.kernels.cuda.Cublas;
import lottery.kernels.cuda.Cuda;
import lottery.kernels.cuda.CudaContext;
import lottery.kernels.cuda.CudaGemmBench;
import lottery.kernels.cuda.CudaSelfTest;
import lottery.kernels.cuda.Cusparse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code lottery gpu-check}: the CUDA device, driver and loaded libraries, then every GPU kernel
 * against its CPU oracle, one line per comparison. Exit 0 when all pass; 1 when one fails or CUDA
 * is unavailable (then the only output is "CUDA backend unavailable: &lt;reason&gt;").
 * {@code --bench N} also times the GEMM kernels against cuBLAS at N³.
 */
@Command(name = "gpu-check", mixinStandardHelpOptions = true, description = "Report the CUDA device and run the kernel self-tests.")
final class GpuCheckCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Option(names = "--bench", paramLabel = "N", description = "Also time the GEMM kernels against cuBLAS SGEMM on [N, N] matrices (e.g. 4096).")
    Integer benchSize;

    @Option(names = "--iterations", defaultValue = "20", description = "Timed launches per benchmark row (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Override public Integer call() {
        common.apply();
        if (benchSize != null && (benchSize < 1 || benchSize > 16384)) throw new UsageException("--bench must be between 1 and 16384, got " + benchSize);
        if (iterations < 1) throw new UsageException("--iterations must be >= 1, got " + iterations);
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        if (!Cuda.available()) {
            err.println(Cuda.unavailableMessage());
            err.flush();
            return Errors.FAILURE;
        }
        CudaContext ctx = CudaContext.shared();
        CudaContext.DeviceInfo d = ctx.info();
        out.printf("device     %d: %s, compute capability %d.%d, %d SMs, %.1f GiB%n", d.ordinal(), d.name(), d.ccMajor(), d.ccMinor(),
                d.multiprocessors(), d.totalMemoryBytes() / (double) (1L << 30));
        out.printf("driver     CUDA %s (%d)%n", d.driverString(), d.driverVersion());
        out.printf("libraries  JCuda driver API %s: loaded, project PTX modules %s: loaded%n", GpuLibraries.jcudaVersion(), CudaContext.MODULES);
        out.printf("           cuBLAS: %s%n", GpuLibraries.describe(Cublas.status()));
        out.printf("           cuSPARSE: %s%n", GpuLibraries.describe(Cusparse.status()));
        out.println("self-tests (GPU vs CPU oracle):");
        out.flush();
        List<CudaSelfTest.Result> results = CudaSelfTest.quick(ctx);
        long failed = 0;
        for (CudaSelfTest.Result r : results) {
            out.println("  " + r);
            if (!r.passed()) failed++;
        }
        out.printf("%d of %d self-tests passed%n", results.size() - failed, results.size());
        out.flush();
        if (failed > 0) throw new IllegalStateException(failed + " GPU kernel self-test(s) failed; see the FAIL lines above");
        if (benchSize != null) {
            out.printf("GEMM Y = X·(W⊙M)ᵀ, n = %d, mean of %d launches (CUDA events):%n", benchSize, iterations);
            for (CudaGemmBench.Row r : CudaGemmBench.run(ctx, benchSize, iterations, common.seed)) out.println("  " + r);
            out.flush();
        }
        return 0;
    }
}
