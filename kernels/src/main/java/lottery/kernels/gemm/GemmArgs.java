package lottery.kernels.gemm;

import lottery.kernels.BitMask;

/** Argument checks for {@link PackedGemm}: shapes, leading dimensions, array extents, mask shapes. */
final class GemmArgs {
    private GemmArgs() {}

    static void check(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb, BitMask maskB,
                      float[] c, int cOff, int ldc, BitMask maskC) {
        if (m < 0 || n < 0 || k < 0)
            throw new IllegalArgumentException("sgemm: negative shape m=" + m + " n=" + n + " k=" + k);
        if (m == 0 || n == 0) return;
        matrix("C", c, cOff, ldc, m, n);
        if (k == 0) {
            if (maskC != null) mask("maskC", maskC, m, n);
            return;
        }
        matrix("A", a, aOff, lda, transA ? k : m, transA ? m : k);
        matrix("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
        if (maskB != null) mask("maskB", maskB, transB ? n : k, transB ? k : n);
        if (maskC != null) mask("maskC", maskC, m, n);
    }

    private static void matrix(String name, float[] x, int off, int ld, int rows, int cols) {
        if (x == null) throw new IllegalArgumentException("sgemm: " + name + " is null");
        if (ld < cols)
            throw new IllegalArgumentException("sgemm: leading dimension of " + name + " is " + ld + ", less than its " + cols + " columns");
        long last = (long) off + (long) (rows - 1) * ld + cols;
        if (off < 0 || last > x.length)
            throw new IllegalArgumentException("sgemm: " + name + " [" + rows + ", " + cols + "] at offset " + off
                    + " with leading dimension " + ld + " needs " + last + " floats, array has " + x.length);
    }

    private static void mask(String name, BitMask mask, int rows, int cols) {
        if (mask.rows != rows || mask.cols != cols)
            throw new IllegalArgumentException("sgemm: " + name + " is [" + mask.rows + ", " + mask.cols
                    + "], expected [" + rows + ", " + cols + "]");
    }
}
