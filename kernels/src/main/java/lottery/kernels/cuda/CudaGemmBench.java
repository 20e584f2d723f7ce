package lottery.kernels.cuda;

import lottery.kernels.BitMask;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Times the project's GEMM kernels against cuBLAS SGEMM on one square size, with CUDA events on
 * the context stream (warm-up launches first, then the mean of several). All figures come from
 * one process and one device, so their ratios are comparable.
 */
public final class CudaGemmBench {
    private CudaGemmBench() {}

    /** One timed configuration; ratio = cuBLAS time / this time (1.0 = cuBLAS speed). */
    public record Row(String name, double millis, double tflops, double ratioToCublas) {
        @Override public String toString() {
            return String.format("%-34s %9.3f ms %8.2f TFLOP/s %s", name, millis, tflops,
                    Double.isNaN(ratioToCublas) ? "" : String.format("%5.1f%% of cuBLAS", 100 * ratioToCublas));
        }
    }

    /** Y = X·(W⊙M)ᵀ with X: [n, n], W: [n, n]: dense, masked at densities 1 and 0.1, and cuBLAS when loaded. */
    public static List<Row> run(CudaContext ctx, int n, int iterations, long seed) {
        if (n < 1 || iterations < 1) throw new IllegalArgumentException("bench needs n >= 1 and iterations >= 1, got " + n + ", " + iterations);
        SplittableRandom rnd = new SplittableRandom(seed);
        long elems = (long) n * n;
        float[] host = CudaSelfTest.random(rnd, Math.toIntExact(elems));
        double flop = 2.0 * n * n * (double) n;
        List<Row> rows = new ArrayList<>();
        try (DeviceBuffer x = ctx.upload(host); DeviceBuffer w = ctx.upload(host); DeviceBuffer y = ctx.allocateFloats(elems);
             DeviceMask full = DeviceMask.upload(ctx, BitMask.ones(n, n));
             DeviceMask tenth = DeviceMask.upload(ctx, CudaSelfTest.randomMask(rnd, n, n, 0.1))) {
            double cublas = Double.NaN;
            if (Cublas.status().available())
                cublas = time(ctx, iterations, () -> Cublas.sgemm(false, true, n, n, n, 1f, x, 0, n, w, 0, n, 0f, y, 0, n));
            double dense = time(ctx, iterations, () -> CudaKernels.sgemm(false, true, n, n, n, 1f, x, 0, n, w, 0, n, null, 0f, y, 0, n, null));
            double masked1 = time(ctx, iterations, () -> CudaKernels.sgemm(false, true, n, n, n, 1f, x, 0, n, w, 0, n, full, 0f, y, 0, n, null));
            double masked01 = time(ctx, iterations, () -> CudaKernels.sgemm(false, true, n, n, n, 1f, x, 0, n, w, 0, n, tenth, 0f, y, 0, n, null));
            if (!Double.isNaN(cublas)) rows.add(new Row("cublasSgemm NT", cublas, flop / cublas / 1e9, 1.0));
            rows.add(new Row("lottery_sgemm_nt dense", dense, flop / dense / 1e9, cublas / dense));
            rows.add(new Row("lottery_sgemm_nt mask density 1.0", masked1, flop / masked1 / 1e9, cublas / masked1));
            rows.add(new Row("lottery_sgemm_nt mask density 0.1", masked01, flop / masked01 / 1e9, cublas / masked01));
        }
        return rows;
    }

    /** Mean milliseconds per call over {@code iterations}, after 3 warm-up calls (CUDA events on the stream). */
    static double time(CudaContext ctx, int iterations, Runnable call) {
        for (int i = 0; i < 3; i++) call.run();
        return ctx.nativeDriver().time(iterations, call);
    }
}
