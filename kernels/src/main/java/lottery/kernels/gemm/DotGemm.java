package lottery.kernels.gemm;

/**
 * C[i0:i1, j0:j1] = A·(B ⊙ maskB)ᵀ + beta·C for A [m, k] and B [n, k] both contiguous in k, through
 * {@link DotKernel} (no transpose of B). Unmasked B is read in place; with a mask, blocks of B rows
 * are first copied through {@link MaskedRows} (once per block, reused by every row of A).
 */
final class DotGemm {
    /** Largest share height for which the dot-product path beats packing Bᵀ. */
    static final int MAX_ROWS = 96;
    /** B rows per masked block (a multiple of the kernel's 3). */
    private static final int MASKED_BLOCK = 24;

    private DotGemm() {}

    static boolean applies(GemmCall g, int rows) {
        return g.transB && !g.transA && g.maskC == null && rows <= MAX_ROWS;
    }

    static void run(GemmCall g, int i0, int i1, int j0, int j1, Workspace ws) {
        int m = i1 - i0, k = g.k;
        int ai = g.aOff + i0 * g.lda;
        if (g.maskB == null) {
            dot(g, m, j1 - j0, ai, g.b, g.bOff + j0 * g.ldb, g.ldb, g.cOff + i0 * g.ldc + j0);
            return;
        }
        int ld = Blocking.roundUp(k, MaskedRows.L);
        float[] rows = ws.scratch(MASKED_BLOCK * ld);
        for (int j = j0; j < j1; j += MASKED_BLOCK) {
            int nb = Math.min(MASKED_BLOCK, j1 - j);
            MaskedRows.copy(g.b, g.bOff + j * g.ldb, g.ldb, g.maskB, j, 0, nb, k, rows, ld);
            dot(g, m, nb, ai, rows, 0, ld, g.cOff + i0 * g.ldc + j);
        }
    }

    private static void dot(GemmCall g, int m, int n, int ai, float[] b, int bi, int ldb, int ci) {
        DotKernel.run(m, n, g.k, g.a, ai, g.lda, b, bi, ldb, g.beta, g.c, ci, g.ldc);
    }
}
