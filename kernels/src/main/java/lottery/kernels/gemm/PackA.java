package lottery.kernels.gemm;

/**
 * Packs a block op(A)[i0 : i0+mc, p0 : p0+kc] into MR-row micro-panels, each [kc, MR] (MR floats
 * per k step, the order the micro-kernel broadcasts them). Rows past mc are zero, so the
 * micro-kernel never needs a masked tail.
 * <pre>
 *   dst[(ip / MR)·kc·MR + p·MR + r] = op(A)[i0 + ip + r, p0 + p]
 *   transA = false: A stored [m, k], op(A)[i, p] = a[aOff + i·lda + p]
 *   transA = true:  A stored [k, m], op(A)[i, p] = a[aOff + p·lda + i]
 * </pre>
 */
final class PackA {
    private PackA() {}

    static void pack(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc, int mr, float[] dst) {
        for (int ip = 0; ip < mc; ip += mr) {
            int rows = Math.min(mr, mc - ip);
            int d = ip * kc; // (ip / mr) · kc · mr
            if (transA) packColumns(a, aOff + p0 * lda + i0 + ip, lda, rows, kc, mr, dst, d);
            else packRows(a, aOff + (i0 + ip) * lda + p0, lda, rows, kc, mr, dst, d);
        }
    }

    // A row-major [m, k]: each of the panel's rows is contiguous in p.
    private static void packRows(float[] a, int src, int lda, int rows, int kc, int mr, float[] dst, int d) {
        for (int r = 0; r < rows; r++) {
            int s = src + r * lda;
            for (int p = 0; p < kc; p++) dst[d + p * mr + r] = a[s + p];
        }
        for (int r = rows; r < mr; r++)
            for (int p = 0; p < kc; p++) dst[d + p * mr + r] = 0f;
    }

    // A stored [k, m]: for each p the panel's rows are contiguous.
    private static void packColumns(float[] a, int src, int lda, int rows, int kc, int mr, float[] dst, int d) {
        for (int p = 0; p < kc; p++) {
            int s = src + p * lda, o = d + p * mr;
            for (int r = 0; r < rows; r++) dst[o + r] = a[s + r];
            for (int r = rows; r < mr; r++) dst[o + r] = 0f;
        }
    }
}
