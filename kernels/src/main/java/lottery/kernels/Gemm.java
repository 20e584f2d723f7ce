package lottery.kernels;

import lottery.kernels.gemm.PackedGemm;

/**
 * Single-precision matrix products on row-major float arrays, the three layouts a layer needs:
 * <pre>
 *   forward          Y  = X · Wᵀ       sgemm(false, true,  batch, out, in,  X, W, Y)
 *   backward-data    dX = dY · W       sgemm(false, false, batch, in,  out, dY, W, dX)
 *   backward-weights dW = dYᵀ · X      sgemm(true,  false, out,   in,  batch, dY, X, dW)
 * </pre>
 * The work is done by {@link PackedGemm} (packed panels, a register-blocked Vector API micro-kernel,
 * {@link Threads#count()} threads); {@link ScalarGemm} is the oracle with the same signatures.
 * <p>Masked variants: {@link #sgemmMaskedB} applies a bit mask to B (in B's stored shape) while the
 * B panel is packed, so the micro-kernel is the dense one; {@link #sgemmMaskedC} computes only the
 * outputs the mask keeps (the masked weight gradient).
 */
public final class Gemm {
    private Gemm() {}

    /** C = op(A) · op(B) + beta·C. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        PackedGemm.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, null, beta, c, cOff, ldc, null);
    }

    /** C = op(A) · op(B ⊙ maskB) + beta·C; maskB has B's stored shape. */
    public static void sgemmMaskedB(boolean transA, boolean transB, int m, int n, int k,
                                    float[] a, int aOff, int lda, float[] b, int bOff, int ldb, BitMask maskB,
                                    float beta, float[] c, int cOff, int ldc) {
        PackedGemm.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, maskB, beta, c, cOff, ldc, null);
    }

    /** C = (op(A) · op(B)) ⊙ maskC + beta·C at kept positions; pruned outputs are set to 0. */
    public static void sgemmMaskedC(boolean transA, boolean transB, int m, int n, int k,
                                    float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                    float beta, float[] c, int cOff, int ldc, BitMask maskC) {
        PackedGemm.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, null, beta, c, cOff, ldc, maskC);
    }
}
