package lottery.kernels.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import lottery.kernels.BitMask;
import lottery.kernels.VectorWidth;

/**
 * Copies rows of B ⊙ mask (B and mask [rows, cols], a row's mask bits contiguous) into a scratch
 * block, a blend with zero per vector: one mask word feeds several vectors, pruned elements read as 0.
 * (A blend of a full load is much cheaper than a masked load here.)
 * <pre>
 *   dst[r·ld + p] = B[row0 + r, p0 + p] · mask(row0 + r, p0 + p)     r in [0, rows), p in [0, len)
 * </pre>
 * Lanes past len in the last vector are written as 0 (ld is a multiple of the vector length).
 */
final class MaskedRows {
    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    static final int L = S.length();
    private static final FloatVector ZERO = FloatVector.zero(S);

    private MaskedRows() {}

    static void copy(float[] b, int src, int ldb, BitMask mask, int row0, int p0, int rows, int len, float[] dst, int ld) {
        long[] words = mask.words;
        int wpr = mask.wordsPerRow;
        for (int r = 0; r < rows; r++) {
            int s = src + r * ldb, o = r * ld, rowBase = (row0 + r) * wpr;
            int p = 0;
            for (; p + L <= len; p += L) {
                VectorMask<Float> keep = VectorMask.fromLong(S, bitsAt(words, rowBase, wpr, p0 + p));
                ZERO.blend(FloatVector.fromArray(S, b, s + p), keep).intoArray(dst, o + p);
            }
            if (p < len) tail(b, s + p, bitsAt(words, rowBase, wpr, p0 + p), len - p, dst, o + p);
        }
    }

    // the last len < L elements in scalar code, the rest of the vector zero (a masked vector load here
    // combines masks through virtual calls that C2 does not inline, so the mask would be boxed)
    private static void tail(float[] b, int s, long bits, int len, float[] dst, int o) {
        for (int i = 0; i < len; i++, bits >>>= 1) dst[o + i] = (bits & 1L) != 0 ? b[s + i] : 0f;
        java.util.Arrays.fill(dst, o + len, o + L, 0f);
    }

    /** The 64 mask bits of one row starting at bit q (bits past the row's words read as 0). */
    static long bitsAt(long[] words, int rowBase, int wpr, int q) {
        int w = q >>> 6, shift = q & 63;
        long low = words[rowBase + w] >>> shift;
        if (shift == 0 || w + 1 >= wpr) return low;
        return low | (words[rowBase + w + 1] << (64 - shift));
    }
}
