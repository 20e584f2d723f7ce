package lottery.kernels.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import lottery.kernels.BitMask;
import lottery.kernels.VectorWidth;

/**
 * Packs a block op(B ⊙ mask)[p0 : p0+kc, j0 : j0+nc] into NR-column micro-panels, each [kc, NR]
 * (one row of NR floats per k step). Columns past nc are zero. The optional mask has B's stored
 * shape and is applied here, one AND per packed element, so the micro-kernel stays the dense one.
 * <pre>
 *   dst[(jp / NR)·kc·NR + p·NR + j] = op(B)[p0 + p, j0 + jp + j] · mask
 *   transB = false: B stored [k, n], op(B)[p, j] = b[bOff + p·ldb + j], mask bit (p, j)
 *   transB = true:  B stored [n, k], op(B)[p, j] = b[bOff + j·ldb + p], mask bit (j, p)
 * </pre>
 * j0 is a multiple of NR and NR divides 64, so a panel row's mask bits sit in one word.
 */
final class PackB {
    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    private static final int L = S.length();
    private static final FloatVector ZERO = FloatVector.zero(S);

    private PackB() {}

    static void pack(boolean transB, float[] b, int bOff, int ldb, BitMask mask,
                     int p0, int kc, int j0, int nc, int nr, float[] dst, int dOff, Workspace ws) {
        for (int jp = 0; jp < nc; jp += nr) {
            int cols = Math.min(nr, nc - jp);
            int d = dOff + jp * kc; // (jp / nr) · kc · nr
            int j = j0 + jp;
            if (transB && cols == nr && PackBTransposed.fits(nr)) {
                if (mask == null) PackBTransposed.pack(b, bOff + j * ldb + p0, ldb, kc, nr, dst, d, ws);
                else PackBTransposed.packMasked(b, bOff + j * ldb + p0, ldb, mask, j, p0, kc, nr, dst, d, ws);
            } else if (transB) {
                if (mask == null) packTransposed(b, bOff + j * ldb + p0, ldb, cols, kc, nr, dst, d);
                else packTransposedMasked(b, bOff + j * ldb + p0, ldb, mask, j, p0, cols, kc, nr, dst, d);
            } else if (cols == nr && nr % L == 0) {
                if (mask == null) copyRows(b, bOff + p0 * ldb + j, ldb, kc, nr, dst, d);
                else copyRowsMasked(b, bOff + p0 * ldb + j, ldb, mask, p0, j, kc, nr, dst, d);
            } else {
                copyRowsScalar(b, bOff + p0 * ldb + j, ldb, mask, p0, j, cols, kc, nr, dst, d);
            }
        }
    }

    // B [k, n]: each k step is NR contiguous floats.
    private static void copyRows(float[] b, int src, int ldb, int kc, int nr, float[] dst, int d) {
        for (int p = 0; p < kc; p++) {
            int s = src + p * ldb, o = d + p * nr;
            for (int v = 0; v < nr; v += L) FloatVector.fromArray(S, b, s + v).intoArray(dst, o + v);
        }
    }

    private static void copyRowsMasked(float[] b, int src, int ldb, BitMask mask, int p0, int j, int kc, int nr, float[] dst, int d) {
        long[] words = mask.words;
        int w = p0 * mask.wordsPerRow + (j >>> 6), shift = j & 63;
        for (int p = 0; p < kc; p++, w += mask.wordsPerRow) {
            long bits = words[w] >>> shift;
            int s = src + p * ldb, o = d + p * nr;
            for (int v = 0; v < nr; v += L, bits >>>= L)
                ZERO.blend(FloatVector.fromArray(S, b, s + v), VectorMask.fromLong(S, bits)).intoArray(dst, o + v);
        }
    }

    // Edge panel (cols < NR) of B [k, n], or a width the vector copy does not fit.
    private static void copyRowsScalar(float[] b, int src, int ldb, BitMask mask, int p0, int j, int cols, int kc, int nr, float[] dst, int d) {
        for (int p = 0; p < kc; p++) {
            int s = src + p * ldb, o = d + p * nr;
            if (mask == null) {
                for (int c = 0; c < cols; c++) dst[o + c] = b[s + c];
            } else {
                long bits = mask.words[(p0 + p) * mask.wordsPerRow + (j >>> 6)] >>> (j & 63);
                for (int c = 0; c < cols; c++) dst[o + c] = keep(b[s + c], bits >>> c);
            }
            for (int c = cols; c < nr; c++) dst[o + c] = 0f;
        }
    }

    // B stored [n, k]: each panel column is a contiguous row of B.
    private static void packTransposed(float[] b, int src, int ldb, int cols, int kc, int nr, float[] dst, int d) {
        for (int c = 0; c < cols; c++) {
            int s = src + c * ldb;
            for (int p = 0; p < kc; p++) dst[d + p * nr + c] = b[s + p];
        }
        zeroColumns(cols, kc, nr, dst, d);
    }

    private static void packTransposedMasked(float[] b, int src, int ldb, BitMask mask, int j, int p0, int cols, int kc, int nr, float[] dst, int d) {
        long[] words = mask.words;
        for (int c = 0; c < cols; c++) {
            int s = src + c * ldb, row = (j + c) * mask.wordsPerRow;
            for (int p = 0; p < kc; p++) {
                int q = p0 + p;
                dst[d + p * nr + c] = keep(b[s + p], words[row + (q >>> 6)] >>> (q & 63));
            }
        }
        zeroColumns(cols, kc, nr, dst, d);
    }

    private static void zeroColumns(int cols, int kc, int nr, float[] dst, int d) {
        if (cols == nr) return;
        for (int p = 0; p < kc; p++)
            for (int c = cols; c < nr; c++) dst[d + p * nr + c] = 0f;
    }

    /** x where bit 0 of {@code bit} is set, else +0: one AND. */
    private static float keep(float x, long bit) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(x) & -(int) (bit & 1L));
    }
}
