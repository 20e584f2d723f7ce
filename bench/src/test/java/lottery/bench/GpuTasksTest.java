package lottery.bench;

import lottery.kernels.BitMask;
import lottery.kernels.ScalarGemm;
import lottery.kernels.cuda.Cublas;
import lottery.kernels.cuda.Cuda;
import lottery.kernels.cuda.Cusparse;
import lottery.kernels.cuda.HostDriver;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The GPU implementations compute the oracle's product: the project's kernels on host memory (always) and on
 * the GPU, cuBLAS and cuSPARSE on the GPU, each skipped with its library's reason where it cannot load (and
 * failed instead under lottery.requireGpu). Without a GPU the entry point fails with one line.
 */
class GpuTasksTest {
    @Test void withoutAGpuTheFactoryFailsWithOneLine() {
        assumeTrue(!Cuda.available(), "a GPU is present: the failure path does not apply");
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, GpuTasks::factory);
        assertTrue(e.getMessage().startsWith("CUDA backend unavailable: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test void theProjectKernelsMatchTheOracleOnHostMemory() {
        check(GpuTasks.factory(HostDriver.context(64L << 20)), List.of(Impl.CUDA_DENSE, Impl.CUDA_MASKED, Impl.CUDA_SPARSE));
    }

    @Test void theProjectKernelsMatchTheOracleOnTheGpu() {
        assumeTrue(Cuda.usableInTests(), Cuda::unavailableMessage);
        check(GpuTasks.factory(), List.of(Impl.CUDA_DENSE, Impl.CUDA_MASKED, Impl.CUDA_SPARSE));
    }

    @Test void cublasMatchesTheOracle() {
        assumeTrue(Cuda.usableInTests() && Cuda.usableInTests("cuBLAS", Cublas.status()), () -> "cuBLAS unavailable: "
                + Cublas.status().reason());
        check(GpuTasks.factory(), List.of(Impl.CUBLAS));
    }

    @Test void cusparseMatchesTheOracle() {
        assumeTrue(Cuda.usableInTests() && Cuda.usableInTests("cuSPARSE", Cusparse.status()), () -> "cuSPARSE unavailable: "
                + Cusparse.status().reason());
        check(GpuTasks.factory(), List.of(Impl.CUSPARSE));
    }

    private static void check(KernelBench.TaskFactory factory, List<Impl> impls) {
        for (Op op : Op.values())
            for (int[] l : new int[][]{{7, 33, 5}, {10, 100, 60}, {257, 129, 33}})
                for (double density : new double[]{1.0, 0.3})
                    for (Impl impl : impls) {
                        int out = l[0], in = op == Op.SQUARE ? l[0] : l[1], rows = op == Op.SQUARE ? l[0] : l[2];
                        GemmShape s = GemmShape.of("t", op, out, in, rows, rows);
                        BitMask mask = MaskPattern.RANDOM.make(out, in, density, 5);
                        Operands raw = new Operands(s, null, 3);
                        float[] wMasked = raw.w.clone();
                        mask.applyTo(wMasked);
                        try (Operands ops = impl.usesDensity() ? raw : new Operands(s, wMasked, 3)) {
                            Task t = factory.create(impl, ops, mask);
                            if (impl == Impl.CUSPARSE && op == Op.BACKWARD_DATA) {
                                assertNull(t, "cuSPARSE has no transposed SpMM here: backward-data is left out");
                                continue;
                            }
                            assertNotNull(t, impl + " " + op);
                            t.run();
                            float[] got = t.result();
                            float[] want = new float[s.m() * s.n()];
                            ScalarGemm.sgemm(ops.transA(), ops.transB(), s.m(), s.n(), s.k(), ops.a(), 0, ops.lda(),
                                    op == Op.BACKWARD_WEIGHTS ? ops.x : wMasked, 0, ops.ldb(), 0f, want, 0, s.n());
                            if (op == Op.BACKWARD_WEIGHTS && impl.usesDensity()) mask.applyTo(want);
                            for (int i = 0; i < want.length; i++)
                                assertEquals(want[i], got[i], 1e-3f * (1 + Math.abs(want[i])) * Math.max(1, s.k() / 16f), impl + " "
                                        + op + " " + s + " at " + i);
                        }
                    }
    }
}
