package lottery.kernels.cuda;

import lottery.kernels.BitMask;
import lottery.kernels.Csr;
import lottery.kernels.ScalarGemm;
import lottery.kernels.ScalarSparse;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs the GPU kernels on seeded random inputs and compares them with the CPU scalar oracles
 * ({@link ScalarGemm}, {@link ScalarSparse}, and the plain loops in {@link CudaOpsSelfTest}).
 * Used by the test suite (many shapes) and by {@code lottery gpu-check} ({@link #quick}).
 * Error = max |gpu − cpu| / max(1, max |cpu|).
 */
public final class CudaSelfTest {
    private CudaSelfTest() {}

    /** One comparison; {@code detail} says where it failed. */
    public record Result(String kernel, String shape, double error, double tolerance, String detail) {
        public boolean passed() { return detail.isEmpty() && error <= tolerance; }

        @Override public String toString() {
            return String.format("%-5s %-28s %-40s error %.2e (tolerance %.0e)%s",
                    passed() ? "PASS" : "FAIL", kernel, shape, error, tolerance, detail.isEmpty() ? "" : " " + detail);
        }
    }

    static final double TOL = 2e-4;

    /** A few shapes per kernel, odd sizes and the mask densities 0, 0.1 and 1; vendor baselines when loaded. */
    public static List<Result> quick(CudaContext ctx) {
        List<Result> r = new ArrayList<>();
        for (boolean ta : new boolean[] {false, true})
            for (boolean tb : new boolean[] {false, true}) r.add(gemm(ctx, ta, tb, 33, 257, 65, -1, -1, 0f, 0, 1));
        r.add(gemm(ctx, false, true, 60, 300, 784, 0.1, -1, 0f, 0, 2));
        r.add(gemm(ctx, GemmPlan.LARGE, false, true, 60, 300, 784, 0.1, -1, 0f, 0, 2));     // the large tiles on a small product
        r.add(gemm(ctx, GemmPlan.LARGE, true, false, 300, 784, 60, -1, 0.1, 0.5f, 1, 14));
        r.add(gemm(ctx, false, false, 60, 784, 300, 0.0, -1, 0.5f, 3, 3));
        r.add(gemm(ctx, true, false, 300, 784, 60, -1, 0.1, 0f, 0, 4));
        r.add(gemm(ctx, true, false, 7, 1, 1000, -1, 1.0, 1f, 2, 5));
        for (int v = 0; v < 4; v++) r.add(spmm(ctx, v, 300, 784, 60, 0.1, v == 1 ? 0.5f : 0f, 6));
        r.add(sddmm(ctx, false, 100, 300, 60, 0.2, 7));
        r.add(sddmm(ctx, true, 100, 300, 60, 0.2, 8));
        r.addAll(CudaOpsSelfTest.all(ctx, 1001, 33, 9));
        if (Cublas.status().available()) r.add(cublasSgemm(ctx, false, true, 60, 300, 784, 10));
        if (Cusparse.status().available()) {
            r.add(cusparseSpmm(ctx, false, 300, 784, 60, 0.1, 11));
            r.add(cusparseSpmm(ctx, true, 300, 784, 60, 0.1, 12));
            r.add(cusparseSddmmT(ctx, 100, 300, 60, 0.2, 13));
        }
        return r;
    }

    /**
     * Masked GEMM vs {@link ScalarGemm#sgemmMasked}: maskB density (negative: no mask), maskC
     * density (negative: none), beta, and {@code pad} extra elements of offset and leading dimension.
     */
    public static Result gemm(CudaContext ctx, boolean ta, boolean tb, int m, int n, int k,
                              double maskBDensity, double maskCDensity, float beta, int pad, long seed) {
        return gemm(ctx, GemmPlan.of(m, n, k), ta, tb, m, n, k, maskBDensity, maskCDensity, beta, pad, seed);
    }

    /** The same on the kernel {@code plan} picks ({@link GemmPlan#LARGE} or {@link GemmPlan#small}). */
    public static Result gemm(CudaContext ctx, GemmPlan plan, boolean ta, boolean tb, int m, int n, int k,
                              double maskBDensity, double maskCDensity, float beta, int pad, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int aRows = ta ? k : m, aCols = ta ? m : k, bRows = tb ? n : k, bCols = tb ? k : n;
        int lda = aCols + pad, ldb = bCols + pad, ldc = n + pad;
        float[] a = random(rnd, pad + aRows * lda), b = random(rnd, pad + bRows * ldb), c = random(rnd, pad + m * ldc);
        BitMask maskB = maskBDensity < 0 ? null : randomMask(rnd, bRows, bCols, maskBDensity);
        BitMask maskC = maskCDensity < 0 ? null : randomMask(rnd, m, n, maskCDensity);
        float[] expect = c.clone();
        if (maskC != null)
            for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) if (!maskC.get(i, j)) expect[pad + i * ldc + j] = 0f;
        ScalarGemm.sgemmMasked(ta, tb, m, n, k, a, pad, lda, b, pad, ldb, maskB, beta, expect, pad, ldc, maskC);
        float[] got = new float[c.length];
        try (DeviceBuffer da = ctx.upload(a); DeviceBuffer db = ctx.upload(b); DeviceBuffer dc = ctx.upload(c);
             DeviceMask dmB = maskB == null ? null : DeviceMask.upload(ctx, maskB);
             DeviceMask dmC = maskC == null ? null : DeviceMask.upload(ctx, maskC)) {
            CudaKernels.sgemm(plan, ta, tb, m, n, k, 1f, da, pad, lda, db, pad, ldb, dmB, beta, dc, pad, ldc, dmC);
            dc.download(got);
        }
        String shape = String.format("%s%s m=%d n=%d k=%d%s%s%s", ta ? "T" : "N", tb ? "T" : "N", m, n, k,
                maskB == null ? "" : " maskB=" + maskBDensity, maskC == null ? "" : " maskC=" + maskCDensity, pad == 0 ? "" : " pad=" + pad);
        String kernel = plan.slices() == 0 ? "sgemm 128-tile" : "sgemm split-k/" + plan.slices();
        return compare(kernel + (maskB != null ? " masked-B" : maskC != null ? " masked-C" : ""), shape, expect, got, TOL);
    }

    /** Variant 0 spmm, 1 spmmT, 2 spmmTrans, 3 spmmTransT vs {@link ScalarSparse}; W: [out, in] at the given density. */
    public static Result spmm(CudaContext ctx, int variant, int out, int in, int batch, double density, float beta, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Csr w = randomCsr(rnd, out, in, density);
        boolean forward = variant < 2;
        int inSize = batch * (forward ? in : out), outSize = batch * (forward ? out : in);
        float[] x = random(rnd, inSize), y = random(rnd, outSize), expect = y.clone(), got = new float[outSize];
        String[] names = {"spmm", "spmmT", "spmmTrans", "spmmTransT"};
        switch (variant) {
            case 0 -> ScalarSparse.spmm(w, x, batch, beta, expect);
            case 1 -> ScalarSparse.spmmT(w, x, batch, beta, expect);
            case 2 -> ScalarSparse.spmmTrans(w, x, batch, beta, expect);
            default -> ScalarSparse.spmmTransT(w, x, batch, beta, expect);
        }
        try (DeviceCsr dw = DeviceCsr.upload(ctx, w); DeviceBuffer dx = ctx.upload(x); DeviceBuffer dy = ctx.upload(y)) {
            switch (variant) {
                case 0 -> CudaKernels.spmm(dw, dx, batch, beta, dy);
                case 1 -> CudaKernels.spmmT(dw, dx, batch, beta, dy);
                case 2 -> CudaKernels.spmmTrans(dw, dx, batch, beta, dy);
                default -> CudaKernels.spmmTransT(dw, dx, batch, beta, dy);
            }
            dy.download(got);
        }
        return compare(names[variant], sparseShape(out, in, batch, density) + (beta == 0f ? "" : " beta=" + beta), expect, got, TOL);
    }

    /** SDDMM (row-major or transposed activations) vs {@link ScalarSparse}. */
    public static Result sddmm(CudaContext ctx, boolean transposed, int out, int in, int batch, double density, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Csr p = randomCsr(rnd, out, in, density);
        float[] dy = random(rnd, batch * out), x = random(rnd, batch * in), expect = new float[p.nnz()], got = new float[p.nnz()];
        if (transposed) ScalarSparse.sddmmT(p, dy, x, batch, expect);
        else ScalarSparse.sddmm(p, dy, x, batch, expect);
        try (DeviceCsr dp = DeviceCsr.upload(ctx, p); DeviceBuffer ddy = ctx.upload(dy); DeviceBuffer dx = ctx.upload(x);
             DeviceBuffer dw = ctx.allocateFloats(p.nnz())) {
            if (transposed) CudaKernels.sddmmT(dp, ddy, dx, batch, dw);
            else CudaKernels.sddmm(dp, ddy, dx, batch, dw);
            dw.download(0, got, 0, got.length);
        }
        return compare(transposed ? "sddmmT" : "sddmm", sparseShape(out, in, batch, density), expect, got, TOL);
    }

    /** cuBLAS SGEMM (row-major mapping) vs {@link ScalarGemm}. */
    public static Result cublasSgemm(CudaContext ctx, boolean ta, boolean tb, int m, int n, int k, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int lda = ta ? m : k, ldb = tb ? k : n;
        float[] a = random(rnd, m * k), b = random(rnd, k * n), expect = new float[m * n], got = new float[m * n];
        ScalarGemm.sgemm(ta, tb, m, n, k, a, 0, lda, b, 0, ldb, 0f, expect, 0, n);
        try (DeviceBuffer da = ctx.upload(a); DeviceBuffer db = ctx.upload(b); DeviceBuffer dc = ctx.allocateFloats(m * n)) {
            Cublas.sgemm(ta, tb, m, n, k, 1f, da, 0, lda, db, 0, ldb, 0f, dc, 0, n);
            dc.download(got);
        }
        return compare("cublasSgemm", String.format("%s%s m=%d n=%d k=%d", ta ? "T" : "N", tb ? "T" : "N", m, n, k), expect, got, TOL);
    }

    /** cuSPARSE SpMM, row-major (spmm) or transposed (spmmT) activations, vs {@link ScalarSparse}. */
    public static Result cusparseSpmm(CudaContext ctx, boolean transposed, int out, int in, int batch, double density, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Csr w = randomCsr(rnd, out, in, density);
        float[] x = random(rnd, batch * in), expect = new float[batch * out], got = new float[batch * out];
        if (transposed) ScalarSparse.spmmT(w, x, batch, 0f, expect);
        else ScalarSparse.spmm(w, x, batch, 0f, expect);
        try (DeviceCsr dw = DeviceCsr.upload(ctx, w); DeviceBuffer dx = ctx.upload(x); DeviceBuffer dy = ctx.allocateFloats(got.length)) {
            if (transposed) Cusparse.spmmT(dw, dx, batch, 0f, dy);
            else Cusparse.spmm(dw, dx, batch, 0f, dy);
            dy.download(got);
        }
        return compare(transposed ? "cusparse spmmT" : "cusparse spmm", sparseShape(out, in, batch, density), expect, got, TOL);
    }

    /** cuSPARSE SDDMM (transposed activations) vs {@link ScalarSparse#sddmmT}. */
    public static Result cusparseSddmmT(CudaContext ctx, int out, int in, int batch, double density, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Csr p = randomCsr(rnd, out, in, density);
        float[] dyT = random(rnd, out * batch), xT = random(rnd, in * batch), expect = new float[p.nnz()], got = new float[p.nnz()];
        ScalarSparse.sddmmT(p, dyT, xT, batch, expect);
        try (DeviceCsr dp = DeviceCsr.upload(ctx, p); DeviceBuffer a = ctx.upload(dyT); DeviceBuffer b = ctx.upload(xT);
             DeviceBuffer dw = ctx.allocateFloats(p.nnz())) {
            Cusparse.sddmmT(dp, a, b, batch, dw);
            dw.download(0, got, 0, got.length);
        }
        return compare("cusparse sddmmT", sparseShape(out, in, batch, density), expect, got, TOL);
    }

    // ---- helpers shared with CudaOpsSelfTest ----------------------------------------------------

    static String sparseShape(int out, int in, int batch, double density) {
        return String.format("W=[%d, %d] batch=%d density=%s", out, in, batch, density);
    }

    static float[] random(SplittableRandom rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (rnd.nextDouble() * 2 - 1);
        return x;
    }

    static BitMask randomMask(SplittableRandom rnd, int rows, int cols, double density) {
        BitMask m = new BitMask(rows, cols);
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) m.set(i, j, rnd.nextDouble() < density);
        return m;
    }

    static Csr randomCsr(SplittableRandom rnd, int rows, int cols, double density) {
        return Csr.of(random(rnd, rows * cols), randomMask(rnd, rows, cols, density));
    }

    static Result compare(String kernel, String shape, float[] expect, float[] got, double tol) {
        double scale = 1, worst = 0;
        int at = -1;
        for (float e : expect) if (Float.isFinite(e)) scale = Math.max(scale, Math.abs(e));
        for (int i = 0; i < expect.length; i++) {
            double d = Math.abs((double) got[i] - expect[i]);
            if (Float.isNaN(expect[i]) != Float.isNaN(got[i])) d = Double.POSITIVE_INFINITY;
            else if (Float.isNaN(expect[i])) d = 0;
            if (d > worst || (Double.isNaN(d) && at < 0)) { worst = d; at = i; }
        }
        double error = worst / scale;
        String detail = error > tol && at >= 0 ? "(index " + at + ": expected " + expect[at] + ", got " + got[at] + ")" : "";
        return new Result(kernel, shape, error, tol, detail);
    }
}
