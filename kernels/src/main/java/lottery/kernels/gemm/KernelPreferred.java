package lottery.kernels.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import lottery.kernels.VectorWidth;

/**
 * The 6×2-vector outer-product micro-kernel on the kernels' species ({@link lottery.kernels.VectorWidth}: 512-bit on AVX-512, 256-bit on AVX2): a [6, 2·L] tile of C
 * (L = lanes) lives in registers while the k loop streams one packed A column (broadcast) and one
 * B row (vector loads) per step; the k loop is unrolled 4× by hand because C2 schedules it badly otherwise.
 * <pre>
 *   a: packed A micro-panel, a[ai + p·6 + r] = op(A)[r, p]
 *   b: B rows, b[bi + p·bStride + j] = op(B)[p, j]   (bStride = NR when packed, ldb when read in place)
 *   c: C[r, j] at c[ci + r·ldc + j] = A·B + beta·C   (beta 0: C is not read)
 * </pre>
 * {@link lottery.kernels.ScalarGemm} is the oracle for the whole product.
 */
final class KernelPreferred implements MicroKernel {
    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    private static final int L = S.length();
    static final int MR = 6;
    static final int NR = 2 * L;
    static final KernelPreferred INSTANCE = new KernelPreferred();

    private KernelPreferred() {}

    @Override public int mr() { return MR; }
    @Override public int nr() { return NR; }
    @Override public int lanes() { return L; }

    @Override
    public void run(int kc, float[] a, int ai, float[] b, int bi, int bStride, float beta, float[] c, int ci, int ldc) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z, c40 = z, c41 = z, c50 = z, c51 = z;
        int p = 0;
        for (; p + 4 <= kc; p += 4) {
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + 1 * L);
                FloatVector a0 = FloatVector.broadcast(S, a[ai]);
                c00 = a0.fma(b0, c00);
                c01 = a0.fma(b1, c01);
                FloatVector a1 = FloatVector.broadcast(S, a[ai + 1]);
                c10 = a1.fma(b0, c10);
                c11 = a1.fma(b1, c11);
                FloatVector a2 = FloatVector.broadcast(S, a[ai + 2]);
                c20 = a2.fma(b0, c20);
                c21 = a2.fma(b1, c21);
                FloatVector a3 = FloatVector.broadcast(S, a[ai + 3]);
                c30 = a3.fma(b0, c30);
                c31 = a3.fma(b1, c31);
                FloatVector a4 = FloatVector.broadcast(S, a[ai + 4]);
                c40 = a4.fma(b0, c40);
                c41 = a4.fma(b1, c41);
                FloatVector a5 = FloatVector.broadcast(S, a[ai + 5]);
                c50 = a5.fma(b0, c50);
                c51 = a5.fma(b1, c51);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + bStride);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + bStride + 1 * L);
                FloatVector a0 = FloatVector.broadcast(S, a[ai + 6]);
                c00 = a0.fma(b0, c00);
                c01 = a0.fma(b1, c01);
                FloatVector a1 = FloatVector.broadcast(S, a[ai + 7]);
                c10 = a1.fma(b0, c10);
                c11 = a1.fma(b1, c11);
                FloatVector a2 = FloatVector.broadcast(S, a[ai + 8]);
                c20 = a2.fma(b0, c20);
                c21 = a2.fma(b1, c21);
                FloatVector a3 = FloatVector.broadcast(S, a[ai + 9]);
                c30 = a3.fma(b0, c30);
                c31 = a3.fma(b1, c31);
                FloatVector a4 = FloatVector.broadcast(S, a[ai + 10]);
                c40 = a4.fma(b0, c40);
                c41 = a4.fma(b1, c41);
                FloatVector a5 = FloatVector.broadcast(S, a[ai + 11]);
                c50 = a5.fma(b0, c50);
                c51 = a5.fma(b1, c51);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + 2 * bStride);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + 2 * bStride + 1 * L);
                FloatVector a0 = FloatVector.broadcast(S, a[ai + 12]);
                c00 = a0.fma(b0, c00);
                c01 = a0.fma(b1, c01);
                FloatVector a1 = FloatVector.broadcast(S, a[ai + 13]);
                c10 = a1.fma(b0, c10);
                c11 = a1.fma(b1, c11);
                FloatVector a2 = FloatVector.broadcast(S, a[ai + 14]);
                c20 = a2.fma(b0, c20);
                c21 = a2.fma(b1, c21);
                FloatVector a3 = FloatVector.broadcast(S, a[ai + 15]);
                c30 = a3.fma(b0, c30);
                c31 = a3.fma(b1, c31);
                FloatVector a4 = FloatVector.broadcast(S, a[ai + 16]);
                c40 = a4.fma(b0, c40);
                c41 = a4.fma(b1, c41);
                FloatVector a5 = FloatVector.broadcast(S, a[ai + 17]);
                c50 = a5.fma(b0, c50);
                c51 = a5.fma(b1, c51);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + 3 * bStride);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + 3 * bStride + 1 * L);
                FloatVector a0 = FloatVector.broadcast(S, a[ai + 18]);
                c00 = a0.fma(b0, c00);
                c01 = a0.fma(b1, c01);
                FloatVector a1 = FloatVector.broadcast(S, a[ai + 19]);
                c10 = a1.fma(b0, c10);
                c11 = a1.fma(b1, c11);
                FloatVector a2 = FloatVector.broadcast(S, a[ai + 20]);
                c20 = a2.fma(b0, c20);
                c21 = a2.fma(b1, c21);
                FloatVector a3 = FloatVector.broadcast(S, a[ai + 21]);
                c30 = a3.fma(b0, c30);
                c31 = a3.fma(b1, c31);
                FloatVector a4 = FloatVector.broadcast(S, a[ai + 22]);
                c40 = a4.fma(b0, c40);
                c41 = a4.fma(b1, c41);
                FloatVector a5 = FloatVector.broadcast(S, a[ai + 23]);
                c50 = a5.fma(b0, c50);
                c51 = a5.fma(b1, c51);
            }
            ai += 24;
            bi += 4 * bStride;
        }
        for (; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + 1 * L);
            FloatVector a0 = FloatVector.broadcast(S, a[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ai + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ai + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ai + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ai + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[ai + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            ai += 6;
            bi += bStride;
        }
        if (beta == 0f) {
            c00.intoArray(c, ci + 0 * ldc);
            c01.intoArray(c, ci + 0 * ldc + 1 * L);
            c10.intoArray(c, ci + 1 * ldc);
            c11.intoArray(c, ci + 1 * ldc + 1 * L);
            c20.intoArray(c, ci + 2 * ldc);
            c21.intoArray(c, ci + 2 * ldc + 1 * L);
            c30.intoArray(c, ci + 3 * ldc);
            c31.intoArray(c, ci + 3 * ldc + 1 * L);
            c40.intoArray(c, ci + 4 * ldc);
            c41.intoArray(c, ci + 4 * ldc + 1 * L);
            c50.intoArray(c, ci + 5 * ldc);
            c51.intoArray(c, ci + 5 * ldc + 1 * L);
        } else if (beta == 1f) {
            c00.add(FloatVector.fromArray(S, c, ci + 0 * ldc)).intoArray(c, ci + 0 * ldc);
            c01.add(FloatVector.fromArray(S, c, ci + 0 * ldc + 1 * L)).intoArray(c, ci + 0 * ldc + 1 * L);
            c10.add(FloatVector.fromArray(S, c, ci + 1 * ldc)).intoArray(c, ci + 1 * ldc);
            c11.add(FloatVector.fromArray(S, c, ci + 1 * ldc + 1 * L)).intoArray(c, ci + 1 * ldc + 1 * L);
            c20.add(FloatVector.fromArray(S, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
            c21.add(FloatVector.fromArray(S, c, ci + 2 * ldc + 1 * L)).intoArray(c, ci + 2 * ldc + 1 * L);
            c30.add(FloatVector.fromArray(S, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
            c31.add(FloatVector.fromArray(S, c, ci + 3 * ldc + 1 * L)).intoArray(c, ci + 3 * ldc + 1 * L);
            c40.add(FloatVector.fromArray(S, c, ci + 4 * ldc)).intoArray(c, ci + 4 * ldc);
            c41.add(FloatVector.fromArray(S, c, ci + 4 * ldc + 1 * L)).intoArray(c, ci + 4 * ldc + 1 * L);
            c50.add(FloatVector.fromArray(S, c, ci + 5 * ldc)).intoArray(c, ci + 5 * ldc);
            c51.add(FloatVector.fromArray(S, c, ci + 5 * ldc + 1 * L)).intoArray(c, ci + 5 * ldc + 1 * L);
        } else {
            FloatVector bv = FloatVector.broadcast(S, beta);
            FloatVector.fromArray(S, c, ci + 0 * ldc).fma(bv, c00).intoArray(c, ci + 0 * ldc);
            FloatVector.fromArray(S, c, ci + 0 * ldc + 1 * L).fma(bv, c01).intoArray(c, ci + 0 * ldc + 1 * L);
            FloatVector.fromArray(S, c, ci + 1 * ldc).fma(bv, c10).intoArray(c, ci + 1 * ldc);
            FloatVector.fromArray(S, c, ci + 1 * ldc + 1 * L).fma(bv, c11).intoArray(c, ci + 1 * ldc + 1 * L);
            FloatVector.fromArray(S, c, ci + 2 * ldc).fma(bv, c20).intoArray(c, ci + 2 * ldc);
            FloatVector.fromArray(S, c, ci + 2 * ldc + 1 * L).fma(bv, c21).intoArray(c, ci + 2 * ldc + 1 * L);
            FloatVector.fromArray(S, c, ci + 3 * ldc).fma(bv, c30).intoArray(c, ci + 3 * ldc);
            FloatVector.fromArray(S, c, ci + 3 * ldc + 1 * L).fma(bv, c31).intoArray(c, ci + 3 * ldc + 1 * L);
            FloatVector.fromArray(S, c, ci + 4 * ldc).fma(bv, c40).intoArray(c, ci + 4 * ldc);
            FloatVector.fromArray(S, c, ci + 4 * ldc + 1 * L).fma(bv, c41).intoArray(c, ci + 4 * ldc + 1 * L);
            FloatVector.fromArray(S, c, ci + 5 * ldc).fma(bv, c50).intoArray(c, ci + 5 * ldc);
            FloatVector.fromArray(S, c, ci + 5 * ldc + 1 * L).fma(bv, c51).intoArray(c, ci + 5 * ldc + 1 * L);
        }
    }
}
