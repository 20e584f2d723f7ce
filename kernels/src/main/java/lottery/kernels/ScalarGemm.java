package lottery.kernels;

/**
 * The plain triple-loop oracle for {@link Gemm}: same signatures, no SIMD, no threads, no packing.
 * Row-major storage; op(A) is A or Aᵀ, op(B) is B or Bᵀ.
 * <pre>
 *   C[m,n] = op(A)[m,k] · op(B)[k,n] + beta · C
 *   A stored [m,k] (transA=false) or [k,m] (transA=true), leading dimension lda
 *   B stored [k,n] (transB=false) or [n,k] (transB=true), leading dimension ldb
 * </pre>
 * Accumulates in double so it is a trustworthy reference.
 */
public final class ScalarGemm {
    private ScalarGemm() {}

    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        sgemmMasked(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, null, beta, c, cOff, ldc, null);
    }

    /**
     * Reference for both masked products: {@code maskB} (shape of B as stored) zeroes elements of B
     * before the product; {@code maskC} ([m, n]) restricts which outputs are written (others untouched).
     * Either may be null.
     */
    public static void sgemmMasked(boolean transA, boolean transB, int m, int n, int k,
                                   float[] a, int aOff, int lda, float[] b, int bOff, int ldb, BitMask maskB,
                                   float beta, float[] c, int cOff, int ldc, BitMask maskC) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                if (maskC != null && !maskC.get(i, j)) continue;
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    int br = transB ? j : p, bc = transB ? p : j;
                    float bv = b[bOff + br * ldb + bc];
                    if (maskB != null && !maskB.get(br, bc)) bv = 0f;
                    sum += (double) av * bv;
                }
                int ci = cOff + i * ldc + j;
                c[ci] = (float) (beta == 0f ? sum : sum + (double) beta * c[ci]);
            }
        }
    }
}
