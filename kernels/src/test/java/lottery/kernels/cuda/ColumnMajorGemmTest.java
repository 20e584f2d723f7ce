package lottery.kernels.cuda;

import lottery.kernels.ScalarGemm;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The row-major to column-major mapping of the cuBLAS call, checked on the CPU with a column-major scalar SGEMM. */
class ColumnMajorGemmTest {
    /** Column-major reference BLAS sgemm: C[m,n] = op(X)·op(Y), element (i, j) of a matrix at i + j·ld. */
    private static void sgemmColumnMajor(boolean tx, boolean ty, int m, int n, int k, float[] x, int ldx, float[] y, int ldy, float[] c, int ldc) {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    float xv = tx ? x[p + i * ldx] : x[i + p * ldx];
                    float yv = ty ? y[j + p * ldy] : y[p + j * ldy];
                    s += (double) xv * yv;
                }
                c[i + j * ldc] = (float) s;
            }
    }

    @Test void columnMajorCallComputesTheRowMajorProduct() {
        SplittableRandom rnd = new SplittableRandom(1);
        int[][] shapes = {{1, 1, 1}, {7, 33, 5}, {33, 7, 257}, {60, 30, 78}};
        for (int[] s : shapes)
            for (boolean ta : new boolean[] {false, true})
                for (boolean tb : new boolean[] {false, true}) {
                    int m = s[0], n = s[1], k = s[2], pad = 3;
                    int lda = (ta ? m : k) + pad, ldb = (tb ? k : n) + pad, ldc = n + pad;
                    float[] a = CudaSelfTest.random(rnd, (ta ? k : m) * lda), b = CudaSelfTest.random(rnd, (tb ? n : k) * ldb);
                    float[] expect = new float[m * ldc], got = new float[m * ldc];
                    ScalarGemm.sgemm(ta, tb, m, n, k, a, 0, lda, b, 0, ldb, 0f, expect, 0, ldc);
                    Cublas.ColumnMajorGemm g = Cublas.columnMajor(ta, tb, m, n, k, lda, ldb, ldc);
                    float[] first = g.firstIsB() ? b : a, second = g.firstIsB() ? a : b;
                    sgemmColumnMajor(g.transFirst(), g.transSecond(), g.m(), g.n(), g.k(), first, g.ldFirst(), second, g.ldSecond(), got, g.ldc());
                    assertArrayEquals(expect, got, 1e-4f, () -> "ta=" + ta + " tb=" + tb + " shape " + java.util.Arrays.toString(s));
                }
    }
}
