package lottery.kernels.gemm;

import lottery.kernels.Lanes;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import lottery.kernels.VectorWidth;

/**
 * Dot-product kernel for C = A·Bᵀ with both A [m, k] and B [n, k] contiguous in k (the forward
 * product Y = X·Wᵀ), used when m is small: packing Bᵀ would be a transpose of all of W that the
 * few rows of A cannot amortise. A [4, 3] block of C is held as 12 vector accumulators running
 * along k (7 loads per 12 FMAs), reduced across lanes at the end; the last k % L terms run in scalar code
 * (a masked tail load made C2 compile the whole tile slowly). On the species of {@link lottery.kernels.VectorWidth}.
 * <pre>
 *   C[i, j] = Σ_p A[i, p]·B[j, p] + beta·C[i, j]     a[ai + i·lda + p], b[bi + j·ldb + p], c[ci + i·ldc + j]
 * </pre>
 */
final class DotKernel {
    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    private static final int L = S.length();
    static final int TM = 4, TN = 3;

    private DotKernel() {}

    /** C[0:m, 0:n] for any m, n: 4×3 tiles, then 4×1 tiles for the last columns, then single dot products for the last rows. */
    static void run(int m, int n, int k, float[] a, int ai, int lda, float[] b, int bi, int ldb, float beta, float[] c, int ci, int ldc) {
        int mFull = m - m % TM, nFull = n - n % TN;
        for (int j = 0; j < nFull; j += TN)
            for (int i = 0; i < mFull; i += TM)
                tile(k, a, ai + i * lda, lda, b, bi + j * ldb, ldb, beta, c, ci + i * ldc + j, ldc);
        for (int j = nFull; j < n; j++)
            for (int i = 0; i < mFull; i += TM)
                column(k, a, ai + i * lda, lda, b, bi + j * ldb, beta, c, ci + i * ldc + j, ldc);
        for (int i = mFull; i < m; i++)
            for (int j = 0; j < n; j++) {
                put1(c, ci + i * ldc + j, beta, dot(k, a, ai + i * lda, b, bi + j * ldb));
            }
    }

    private static void tile(int k, float[] a, int a0, int lda, float[] b, int b0, int ldb, float beta, float[] c, int c0, int ldc) {
        FloatVector z = FloatVector.zero(S);
        FloatVector s00 = z, s01 = z, s02 = z, s10 = z, s11 = z, s12 = z, s20 = z, s21 = z, s22 = z, s30 = z, s31 = z, s32 = z;
        int a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, b1 = b0 + ldb, b2 = b1 + ldb;
        int p = 0;
        for (; p + L <= k; p += L) {
            FloatVector y0 = FloatVector.fromArray(S, b, b0 + p);
            FloatVector y1 = FloatVector.fromArray(S, b, b1 + p);
            FloatVector y2 = FloatVector.fromArray(S, b, b2 + p);
            FloatVector x = FloatVector.fromArray(S, a, a0 + p);
            s00 = x.fma(y0, s00); s01 = x.fma(y1, s01); s02 = x.fma(y2, s02);
            x = FloatVector.fromArray(S, a, a1 + p);
            s10 = x.fma(y0, s10); s11 = x.fma(y1, s11); s12 = x.fma(y2, s12);
            x = FloatVector.fromArray(S, a, a2 + p);
            s20 = x.fma(y0, s20); s21 = x.fma(y1, s21); s22 = x.fma(y2, s22);
            x = FloatVector.fromArray(S, a, a3 + p);
            s30 = x.fma(y0, s30); s31 = x.fma(y1, s31); s32 = x.fma(y2, s32);
        }
        // the last k % L terms in scalar code: a masked tail load makes C2 compile the whole tile slowly
        float t00 = 0f, t01 = 0f, t02 = 0f, t10 = 0f, t11 = 0f, t12 = 0f, t20 = 0f, t21 = 0f, t22 = 0f, t30 = 0f, t31 = 0f, t32 = 0f;
        for (; p < k; p++) {
            float y0 = b[b0 + p], y1 = b[b1 + p], y2 = b[b2 + p];
            float x = a[a0 + p];
            t00 = Math.fma(x, y0, t00); t01 = Math.fma(x, y1, t01); t02 = Math.fma(x, y2, t02);
            x = a[a1 + p];
            t10 = Math.fma(x, y0, t10); t11 = Math.fma(x, y1, t11); t12 = Math.fma(x, y2, t12);
            x = a[a2 + p];
            t20 = Math.fma(x, y0, t20); t21 = Math.fma(x, y1, t21); t22 = Math.fma(x, y2, t22);
            x = a[a3 + p];
            t30 = Math.fma(x, y0, t30); t31 = Math.fma(x, y1, t31); t32 = Math.fma(x, y2, t32);
        }
        put(c, c0, beta, Lanes.sum(s00) + t00, Lanes.sum(s01) + t01, Lanes.sum(s02) + t02);
        put(c, c0 + ldc, beta, Lanes.sum(s10) + t10, Lanes.sum(s11) + t11, Lanes.sum(s12) + t12);
        put(c, c0 + 2 * ldc, beta, Lanes.sum(s20) + t20, Lanes.sum(s21) + t21, Lanes.sum(s22) + t22);
        put(c, c0 + 3 * ldc, beta, Lanes.sum(s30) + t30, Lanes.sum(s31) + t31, Lanes.sum(s32) + t32);
    }

    // C[0:4, j] for one B row: 4 accumulators.
    private static void column(int k, float[] a, int a0, int lda, float[] b, int b0, float beta, float[] c, int c0, int ldc) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
        int p = 0;
        for (; p + L <= k; p += L) {
            FloatVector y = FloatVector.fromArray(S, b, b0 + p);
            s0 = FloatVector.fromArray(S, a, a0 + p).fma(y, s0);
            s1 = FloatVector.fromArray(S, a, a1 + p).fma(y, s1);
            s2 = FloatVector.fromArray(S, a, a2 + p).fma(y, s2);
            s3 = FloatVector.fromArray(S, a, a3 + p).fma(y, s3);
        }
        float t0 = 0f, t1 = 0f, t2 = 0f, t3 = 0f;
        for (; p < k; p++) {
            float y = b[b0 + p];
            t0 = Math.fma(a[a0 + p], y, t0); t1 = Math.fma(a[a1 + p], y, t1);
            t2 = Math.fma(a[a2 + p], y, t2); t3 = Math.fma(a[a3 + p], y, t3);
        }
        put1(c, c0, beta, Lanes.sum(s0) + t0);
        put1(c, c0 + ldc, beta, Lanes.sum(s1) + t1);
        put1(c, c0 + 2 * ldc, beta, Lanes.sum(s2) + t2);
        put1(c, c0 + 3 * ldc, beta, Lanes.sum(s3) + t3);
    }

    private static void put1(float[] c, int o, float beta, float v) {
        c[o] = beta == 0f ? v : v + beta * c[o];
    }

    private static void put(float[] c, int o, float beta, float v0, float v1, float v2) {
        if (beta == 0f) {
            c[o] = v0; c[o + 1] = v1; c[o + 2] = v2;
        } else {
            c[o] = v0 + beta * c[o]; c[o + 1] = v1 + beta * c[o + 1]; c[o + 2] = v2 + beta * c[o + 2];
        }
    }

    private static float dot(int k, float[] a, int a0, float[] b, int b0) {
        FloatVector s = FloatVector.zero(S);
        int p = 0;
        for (; p + L <= k; p += L) s = FloatVector.fromArray(S, a, a0 + p).fma(FloatVector.fromArray(S, b, b0 + p), s);
        float t = 0f;
        for (; p < k; p++) t = Math.fma(a[a0 + p], b[b0 + p], t);
        return Lanes.sum(s) + t;
    }
}
