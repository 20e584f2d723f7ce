package lottery.kernels.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import lottery.kernels.VectorWidth;

/**
 * The 6×2-vector micro-kernel of {@link KernelPreferred} with A read in place: six rows of A, each
 * contiguous in k (a weight matrix W [n, k] as it is stored), are broadcast one element per k step,
 * so W needs no packing. B is a packed panel [kc, NR]. Used by {@link TransposedGemm}.
 * <pre>
 *   a: A[r, p] = a[ai + r·lda + p]          r in [0, 6)
 *   b: B[p, j] = b[bi + p·NR + j]           j in [0, NR)
 *   c: C[r, j] at c[ci + r·ldc + j] = A·B (+ C when accumulate)
 * </pre>
 * Every vector stays inside this one method: no vector is passed to or returned from a call, so
 * nothing can be boxed when C2 declines to inline.
 */
final class KernelRowsA {
    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    private static final int L = S.length();
    static final int MR = 6;
    static final int NR = 2 * L;

    private KernelRowsA() {}

    static void run(int kc, float[] a, int ai, int lda, float[] b, int bi, boolean accumulate, float[] c, int ci, int ldc) {
        FloatVector z = FloatVector.zero(S), x;
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z, c40 = z, c41 = z, c50 = z, c51 = z;
        int r0 = ai, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda, r4 = r3 + lda, r5 = r4 + lda;
        int p = 0;
        for (; p + 4 <= kc; p += 4, bi += 4 * NR) {
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + 0 * NR), b1 = FloatVector.fromArray(S, b, bi + 0 * NR + L);
                x = FloatVector.broadcast(S, a[r0 + p + 0]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
                x = FloatVector.broadcast(S, a[r1 + p + 0]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
                x = FloatVector.broadcast(S, a[r2 + p + 0]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
                x = FloatVector.broadcast(S, a[r3 + p + 0]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
                x = FloatVector.broadcast(S, a[r4 + p + 0]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
                x = FloatVector.broadcast(S, a[r5 + p + 0]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + 1 * NR), b1 = FloatVector.fromArray(S, b, bi + 1 * NR + L);
                x = FloatVector.broadcast(S, a[r0 + p + 1]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
                x = FloatVector.broadcast(S, a[r1 + p + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
                x = FloatVector.broadcast(S, a[r2 + p + 1]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
                x = FloatVector.broadcast(S, a[r3 + p + 1]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
                x = FloatVector.broadcast(S, a[r4 + p + 1]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
                x = FloatVector.broadcast(S, a[r5 + p + 1]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + 2 * NR), b1 = FloatVector.fromArray(S, b, bi + 2 * NR + L);
                x = FloatVector.broadcast(S, a[r0 + p + 2]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
                x = FloatVector.broadcast(S, a[r1 + p + 2]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
                x = FloatVector.broadcast(S, a[r2 + p + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
                x = FloatVector.broadcast(S, a[r3 + p + 2]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
                x = FloatVector.broadcast(S, a[r4 + p + 2]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
                x = FloatVector.broadcast(S, a[r5 + p + 2]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + 3 * NR), b1 = FloatVector.fromArray(S, b, bi + 3 * NR + L);
                x = FloatVector.broadcast(S, a[r0 + p + 3]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
                x = FloatVector.broadcast(S, a[r1 + p + 3]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
                x = FloatVector.broadcast(S, a[r2 + p + 3]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
                x = FloatVector.broadcast(S, a[r3 + p + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
                x = FloatVector.broadcast(S, a[r4 + p + 3]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
                x = FloatVector.broadcast(S, a[r5 + p + 3]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            }
        }
        for (; p < kc; p++, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi + 0 * NR), b1 = FloatVector.fromArray(S, b, bi + 0 * NR + L);
            x = FloatVector.broadcast(S, a[r0 + p + 0]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[r1 + p + 0]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[r2 + p + 0]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[r3 + p + 0]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[r4 + p + 0]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[r5 + p + 0]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
        }
        if (!accumulate) {
            c00.intoArray(c, ci + 0 * ldc); c01.intoArray(c, ci + 0 * ldc + L);
            c10.intoArray(c, ci + 1 * ldc); c11.intoArray(c, ci + 1 * ldc + L);
            c20.intoArray(c, ci + 2 * ldc); c21.intoArray(c, ci + 2 * ldc + L);
            c30.intoArray(c, ci + 3 * ldc); c31.intoArray(c, ci + 3 * ldc + L);
            c40.intoArray(c, ci + 4 * ldc); c41.intoArray(c, ci + 4 * ldc + L);
            c50.intoArray(c, ci + 5 * ldc); c51.intoArray(c, ci + 5 * ldc + L);
        } else {
            c00.add(FloatVector.fromArray(S, c, ci + 0 * ldc)).intoArray(c, ci + 0 * ldc);
            c01.add(FloatVector.fromArray(S, c, ci + 0 * ldc + L)).intoArray(c, ci + 0 * ldc + L);
            c10.add(FloatVector.fromArray(S, c, ci + 1 * ldc)).intoArray(c, ci + 1 * ldc);
            c11.add(FloatVector.fromArray(S, c, ci + 1 * ldc + L)).intoArray(c, ci + 1 * ldc + L);
            c20.add(FloatVector.fromArray(S, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
            c21.add(FloatVector.fromArray(S, c, ci + 2 * ldc + L)).intoArray(c, ci + 2 * ldc + L);
            c30.add(FloatVector.fromArray(S, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
            c31.add(FloatVector.fromArray(S, c, ci + 3 * ldc + L)).intoArray(c, ci + 3 * ldc + L);
            c40.add(FloatVector.fromArray(S, c, ci + 4 * ldc)).intoArray(c, ci + 4 * ldc);
            c41.add(FloatVector.fromArray(S, c, ci + 4 * ldc + L)).intoArray(c, ci + 4 * ldc + L);
            c50.add(FloatVector.fromArray(S, c, ci + 5 * ldc)).intoArray(c, ci + 5 * ldc);
            c51.add(FloatVector.fromArray(S, c, ci + 5 * ldc + L)).intoArray(c, ci + 5 * ldc + L);
        }
    }
}
