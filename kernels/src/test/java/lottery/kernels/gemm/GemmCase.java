package lottery.kernels.gemm;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import lottery.kernels.BitMask;
import lottery.kernels.ScalarGemm;

/**
 * One randomized product with padded storage (offsets, leading dimensions wider than the rows),
 * checked against {@link ScalarGemm}. Tolerance: the float rounding bound for a k-term sum,
 * (k + 4)·2⁻²⁴·(Σ|a||b| + |beta·c|), evaluated per element with the oracle on |A|, |B|.
 */
final class GemmCase {
    final boolean transA, transB;
    final int m, n, k, aOff, lda, bOff, ldb, cOff, ldc;
    final float beta;
    final float[] a, b, c0;
    BitMask maskB, maskC;

    GemmCase(long seed, boolean transA, boolean transB, int m, int n, int k, float beta) {
        SplittableRandom rnd = new SplittableRandom(seed);
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.beta = beta;
        int aRows = transA ? k : m, aCols = transA ? m : k, bRows = transB ? n : k, bCols = transB ? k : n;
        aOff = rnd.nextInt(5);
        lda = aCols + rnd.nextInt(4);
        bOff = rnd.nextInt(5);
        ldb = bCols + rnd.nextInt(4);
        cOff = rnd.nextInt(5);
        ldc = n + rnd.nextInt(4);
        a = random(rnd, aOff + aRows * lda + 3);
        b = random(rnd, bOff + bRows * ldb + 3);
        c0 = random(rnd, cOff + m * ldc + 3);
        if (beta == 0f) for (int i = 0; i < c0.length; i++) if (i % 7 == 0) c0[i] = Float.NaN; // beta 0 must not read C
    }

    GemmCase maskB(double density, long seed) {
        maskB = randomMask(transB ? n : k, transB ? k : n, density, seed);
        return this;
    }

    GemmCase maskC(double density, long seed) {
        maskC = randomMask(m, n, density, seed);
        return this;
    }

    static BitMask randomMask(int rows, int cols, double density, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        BitMask mask = new BitMask(rows, cols);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                if (density >= 1 || rnd.nextDouble() < density) mask.set(i, j, true);
        return mask;
    }

    /** Runs the product under test on a copy of C and compares every element, including the padding. */
    void check(MicroKernel kernel, int threads) {
        float[] c = c0.clone();
        PackedGemm.sgemm(kernel, threads, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, maskB, beta, c, cOff, ldc, maskC);
        float[] expected = c0.clone();
        ScalarGemm.sgemmMasked(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, maskB, beta, expected, cOff, ldc, maskC);
        float[] magnitude = new float[c0.length];
        ScalarGemm.sgemm(transA, transB, m, n, k, abs(a), aOff, lda, abs(b), bOff, ldb, 0f, magnitude, cOff, ldc);
        for (int idx = 0; idx < c.length; idx++) {
            int rel = idx - cOff, i = rel / ldc, j = rel % ldc;
            boolean inside = rel >= 0 && i < m && j < n;
            float want = expected[idx];
            if (inside && maskC != null && !maskC.get(i, j)) want = 0f;
            if (!inside) {
                if (Float.compare(c[idx], c0[idx]) != 0) fail(where(kernel, threads) + ": wrote outside C at index " + idx);
                continue;
            }
            double tol = (k + 4) * 0x1p-24 * (magnitude[idx] + (beta == 0f ? 0 : Math.abs(beta * c0[idx]))) + 1e-30;
            if (!(Math.abs(c[idx] - want) <= tol))
                fail(where(kernel, threads) + ": C[" + i + "," + j + "] = " + c[idx] + ", expected " + want + " (tol " + tol + ")");
        }
    }

    private String where(MicroKernel kernel, int threads) {
        return String.format("%s%s m=%d n=%d k=%d beta=%s lanes=%d threads=%d%s%s", transA ? "T" : "N", transB ? "T" : "N",
                m, n, k, beta, kernel.lanes(), threads, maskB == null ? "" : " maskB", maskC == null ? "" : " maskC");
    }

    private static float[] random(SplittableRandom rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (float) (rnd.nextDouble() * 2 - 1);
        return x;
    }

    private static float[] abs(float[] x) {
        float[] y = Arrays.copyOf(x, x.length);
        for (int i = 0; i < y.length; i++) y[i] = Math.abs(y[i]);
        return y;
    }
}
