package lottery.kernels.gemm;

import lottery.kernels.BitMask;
import lottery.kernels.Parallel;
import lottery.kernels.Threads;

/**
 * Entry point of the packed SIMD GEMM: C = op(A)·op(B ⊙ maskB) (⊙ maskC) + beta·C, row-major,
 * op(A) [m, k], op(B) [k, n], C [m, n]. Checks the arguments, then splits C among
 * {@link Threads#count()} threads (small products run on the calling thread) and runs
 * {@link GemmLoops} on each share. With maskC, pruned outputs are set to 0.
 */
public final class PackedGemm {
    /** Products below this many flops run on the calling thread: the hand-off would cost more than it saves. */
    static final long PARALLEL_MIN_FLOPS = 1L << 20;

    private PackedGemm() {}

    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb, BitMask maskB,
                             float beta, float[] c, int cOff, int ldc, BitMask maskC) {
        sgemm(MicroKernel.preferred(), Threads.count(), transA, transB, m, n, k,
                a, aOff, lda, b, bOff, ldb, maskB, beta, c, cOff, ldc, maskC);
    }

    static void sgemm(MicroKernel kernel, int threads, boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb, BitMask maskB,
                      float beta, float[] c, int cOff, int ldc, BitMask maskC) {
        GemmArgs.check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, maskB, c, cOff, ldc, maskC);
        if (m == 0 || n == 0) return;
        if (k == 0) {
            scaleOnly(m, n, beta, c, cOff, ldc, maskC);
            return;
        }
        Workspace ws = Workspace.current();
        GemmCall g = ws.call.set(kernel, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, maskB, beta, c, cOff, ldc, maskC);
        try {
            long flops = 2L * m * n * k;
            int parts = threads <= 1 || flops < PARALLEL_MIN_FLOPS ? 1 : threads;
            if (parts > 1 && ws.job.plan(g, parts) && Parallel.tryRun(ws.job.parts, ws.job)) return;
            GemmLoops.run(g, 0, m, 0, n, ws);
        } finally {
            g.clear();
            ws.job.clear();
        }
    }

    // k = 0: C = beta·C (0 when beta is 0), pruned outputs 0.
    private static void scaleOnly(int m, int n, float beta, float[] c, int cOff, int ldc, BitMask maskC) {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) {
                int o = cOff + i * ldc + j;
                boolean kept = maskC == null || maskC.get(i, j);
                c[o] = !kept || beta == 0f ? 0f : beta * c[o];
            }
    }
}
