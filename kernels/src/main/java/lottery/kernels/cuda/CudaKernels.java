package lottery.kernels.cuda;

import java.util.List;
import java.util.Map;

/**
 * Typed launches of the project's CUDA kernels (kernels/src/main/cuda). Shapes are row-major and
 * follow {@link lottery.kernels.Gemm} and {@link lottery.kernels.Sparse}; every call is queued on
 * the buffers' context stream and returns at once (a download waits for it).
 * Shapes and buffer sizes are checked here, so a bad call is an exception and never a stray
 * device write.
 */
public final class CudaKernels {
    private CudaKernels() {}

    private static final Map<String, List<String>> ENTRIES = Map.of(
            "gemm", List.of("lottery_sgemm_nn", "lottery_sgemm_nt", "lottery_sgemm_tn", "lottery_sgemm_tt"),
            "gemm_small", List.of("lottery_sgemm_splitk_nn", "lottery_sgemm_splitk_nt", "lottery_sgemm_splitk_tn",
                    "lottery_sgemm_splitk_tt", "lottery_splitk_reduce"),
            "sparse", List.of("lottery_spmm", "lottery_spmm_t", "lottery_spmm_trans_acc", "lottery_spmm_trans_t_acc",
                    "lottery_sddmm", "lottery_sddmm_t", "lottery_csr_gather", "lottery_csr_scatter"),
            "elementwise", List.of("lottery_fill", "lottery_add", "lottery_mul", "lottery_axpy", "lottery_scale",
                    "lottery_relu", "lottery_relu_backward", "lottery_bias_add", "lottery_mask_apply",
                    "lottery_sum_rows", "lottery_sum_cols", "lottery_softmax_xent"),
            "optim", List.of("lottery_adam", "lottery_sgd_momentum"));

    /** The kernel entry points module {@code module} must export. */
    public static List<String> entries(String module) {
        List<String> e = ENTRIES.get(module);
        if (e == null) throw new IllegalArgumentException("unknown PTX module " + module);
        return e;
    }

    // ---- GEMM ---------------------------------------------------------------------------------

    /**
     * C[m,n] = alpha·op(A)·op(B ⊙ maskB) + beta·C, then C = 0 where maskC is 0.
     * A stored [m,k] or [k,m] (transA), B stored [k,n] or [n,k] (transB); offsets in elements.
     * maskB has B's stored shape, maskC is [m, n]; either may be null (dense). Large products run the
     * 128×128-tile kernel; small ones ({@link GemmPlan}) 32×32 tiles with k split across blocks.
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             DeviceBuffer a, long aOff, int lda, DeviceBuffer b, long bOff, int ldb, DeviceMask maskB,
                             float beta, DeviceBuffer c, long cOff, int ldc, DeviceMask maskC) {
        sgemm(GemmPlan.of(m, n, k), transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, maskB, beta, c, cOff, ldc, maskC);
    }

    /** The same with the kernel chosen by {@code plan} (the self-tests run both kernels on every shape). */
    static void sgemm(GemmPlan plan, boolean transA, boolean transB, int m, int n, int k, float alpha,
                      DeviceBuffer a, long aOff, int lda, DeviceBuffer b, long bOff, int ldb, DeviceMask maskB,
                      float beta, DeviceBuffer c, long cOff, int ldc, DeviceMask maskC) {
        if (m < 0 || n < 0 || k < 0) throw new IllegalArgumentException("sgemm: negative shape m=" + m + " n=" + n + " k=" + k);
        checkMatrix("A", a, aOff, transA ? k : m, transA ? m : k, lda);
        checkMatrix("B", b, bOff, transB ? n : k, transB ? k : n, ldb);
        checkMatrix("C", c, cOff, m, n, ldc);
        if (maskB != null) checkMask("maskB", maskB, transB ? n : k, transB ? k : n);
        if (maskC != null) checkMask("maskC", maskC, m, n);
        if (m == 0 || n == 0) return;
        CudaContext ctx = c.context();
        String ops = (transA ? "t" : "n") + (transB ? "t" : "n");
        if (plan.slices() == 0) {
            new Launch().i(m).i(n).i(k).f(alpha).p(a, aOff).i(lda).p(b, bOff).i(ldb).mask(maskB)
                    .f(beta).p(c, cOff).i(ldc).mask(maskC)
                    .run(ctx, "lottery_sgemm_" + ops, ceil(n, GemmPlan.TILE), ceil(m, GemmPlan.TILE), 256);
            return;
        }
        // small product: 32×32 tiles, k split into slices whose partial products a second kernel sums in slice order
        try (DeviceBuffer partial = ctx.allocateFloats((long) plan.slices() * m * n)) {
            new Launch().i(m).i(n).i(k).i(plan.chunk()).p(a, aOff).i(lda).p(b, bOff).i(ldb).mask(maskB).p(partial)
                    .run(ctx, "lottery_sgemm_splitk_" + ops, plan.tilesN(), plan.tilesM() * plan.slices(), 256);
            new Launch().i(m).i(n).i(plan.slices()).p(partial).f(alpha).f(beta).p(c, cOff).i(ldc).mask(maskC)
                    .run(ctx, "lottery_splitk_reduce", Launch.blocks((long) m * n));
        }
    }

    /** Dense C = op(A)·op(B) + beta·C on whole buffers with packed leading dimensions. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             DeviceBuffer a, DeviceBuffer b, float beta, DeviceBuffer c) {
        sgemm(transA, transB, m, n, k, 1f, a, 0, transA ? m : k, b, 0, transB ? k : n, null, beta, c, 0, n, null);
    }

    // ---- CSR sparse (W: [out, in]) -------------------------------------------------------------

    /** y[batch, out] = x[batch, in] · Wᵀ + beta·y. */
    public static void spmm(DeviceCsr w, DeviceBuffer x, int batch, float beta, DeviceBuffer y) {
        sparse("lottery_spmm", w, x, (long) batch * w.cols, batch, beta, y, (long) batch * w.rows);
    }

    /** yT[out, batch] = W · xT[in, batch] + beta·yT. */
    public static void spmmT(DeviceCsr w, DeviceBuffer xT, int batch, float beta, DeviceBuffer yT) {
        sparse("lottery_spmm_t", w, xT, (long) w.cols * batch, batch, beta, yT, (long) w.rows * batch);
    }

    /** dx[batch, in] = dy[batch, out] · W + beta·dx. */
    public static void spmmTrans(DeviceCsr w, DeviceBuffer dy, int batch, float beta, DeviceBuffer dx) {
        scatter("lottery_spmm_trans_acc", w, dy, (long) batch * w.rows, batch, beta, dx, (long) batch * w.cols);
    }

    /** dxT[in, batch] = Wᵀ · dyT[out, batch] + beta·dxT. */
    public static void spmmTransT(DeviceCsr w, DeviceBuffer dyT, int batch, float beta, DeviceBuffer dxT) {
        scatter("lottery_spmm_trans_t_acc", w, dyT, (long) w.rows * batch, batch, beta, dxT, (long) w.cols * batch);
    }

    /** dw[e] = Σ_b dy[b, row(e)]·x[b, col(e)]; dw has the pattern's nnz entries. */
    public static void sddmm(DeviceCsr pattern, DeviceBuffer dy, DeviceBuffer x, int batch, DeviceBuffer dw) {
        sddmm("lottery_sddmm", pattern, dy, x, batch, dw);
    }

    /** dw[e] = dyT[row(e), :]·xT[col(e), :], activations transposed [features, batch]. */
    public static void sddmmT(DeviceCsr pattern, DeviceBuffer dyT, DeviceBuffer xT, int batch, DeviceBuffer dw) {
        sddmm("lottery_sddmm_t", pattern, dyT, xT, batch, dw);
    }

    /** values = w[denseIndex]: refresh the CSR values from the dense weights [rows, cols]. */
    public static void csrGather(DeviceCsr csr, DeviceBuffer w) {
        need("w", w, (long) csr.rows * csr.cols);
        if (csr.nnz == 0) return;
        new Launch().i(csr.nnz).p(csr.denseIndex).p(w).p(csr.values)
                .run(w.context(), "lottery_csr_gather", Launch.blocks(csr.nnz));
    }

    /** dense[denseIndex[e]] = src[e]; other entries untouched. */
    public static void csrScatter(DeviceCsr csr, DeviceBuffer src, DeviceBuffer dense) {
        need("src", src, csr.nnz);
        need("dense", dense, (long) csr.rows * csr.cols);
        if (csr.nnz == 0) return;
        new Launch().i(csr.nnz).p(csr.denseIndex).p(src).p(dense)
                .run(dense.context(), "lottery_csr_scatter", Launch.blocks(csr.nnz));
    }

    private static void sparse(String kernel, DeviceCsr w, DeviceBuffer in, long inSize, int batch, float beta, DeviceBuffer out,
            long outSize) {
        checkBatch(batch);
        need("input", in, inSize);
        need("output", out, outSize);
        if (outSize == 0) return;
        new Launch().i(w.rows).i(w.cols).i(batch).p(w.rowPtr).p(w.colIdx).p(w.values)
                .p(in).f(beta).p(out)
                .run(out.context(), kernel, Launch.blocks(outSize));
    }

    private static void scatter(String kernel, DeviceCsr w, DeviceBuffer in, long inSize, int batch, float beta, DeviceBuffer out,
            long outSize) {
        checkBatch(batch);
        need("input", in, inSize);
        need("output", out, outSize);
        if (beta == 0f) out.zero(outSize);
        else if (beta != 1f) CudaElementwise.scale(outSize, beta, out);
        if (inSize == 0) return;
        new Launch().i(w.rows).i(w.cols).i(batch).p(w.rowPtr).p(w.colIdx).p(w.values)
                .p(in).p(out)
                .run(out.context(), kernel, Launch.blocks(inSize));
    }

    private static void sddmm(String kernel, DeviceCsr p, DeviceBuffer dy, DeviceBuffer x, int batch, DeviceBuffer dw) {
        checkBatch(batch);
        need("dy", dy, (long) batch * p.rows);
        need("x", x, (long) batch * p.cols);
        need("dw", dw, p.nnz);
        if (p.rows == 0) return;
        new Launch().i(p.rows).i(p.cols).i(batch).p(p.rowPtr).p(p.colIdx)
                .p(dy).p(x).p(dw)
                .run(dw.context(), kernel, Launch.blocks(32L * p.rows));
    }

    private static int ceil(int a, int b) { return (a + b - 1) / b; }

    // ---- checks --------------------------------------------------------------------------------

    static void need(String what, DeviceBuffer b, long elements) {
        if (b.floats() < elements)
            throw new IllegalArgumentException(what + ": device buffer holds " + b.floats() + " elements, the shape needs " + elements);
    }

    private static void checkBatch(int batch) {
        if (batch < 0) throw new IllegalArgumentException("negative batch " + batch);
    }

    private static void checkMatrix(String what, DeviceBuffer b, long off, int rows, int cols, int ld) {
        if (ld < Math.max(1, cols)) throw new IllegalArgumentException("sgemm: leading dimension of " + what + " is " + ld
                + ", below its " + cols + " columns");
        if (off < 0) throw new IllegalArgumentException("sgemm: negative offset of " + what);
        if (rows == 0 || cols == 0) return;
        need("sgemm " + what, b, off + (long) (rows - 1) * ld + cols);
    }

    private static void checkMask(String what, DeviceMask mask, int rows, int cols) {
        if (mask.rows != rows || mask.cols != cols)
            throw new IllegalArgumentException("sgemm: " + what + " is [" + mask.rows + ", " + mask.cols + "], expected [" + rows + ", "
                    + cols + "]");
    }

}
