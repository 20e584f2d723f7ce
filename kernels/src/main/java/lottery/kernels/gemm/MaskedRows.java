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
            for (int p = 0; p < len; p += L) {
                VectorMask<Float> keep = VectorMask.fromLong(S, bitsAt(words, rowBase, wpr, p0 + p));
                if (len - p >= L) ZERO.blend(FloatVector.fromArray(S, b, s + p), keep).intoArray(dst, o + p);
                else FloatVector.fromArray(S, b, s + p, keep.and(S.indexInRange(p, len))).intoArray(dst, o + p);
            }
        }
    }

    /** The 64 mask bits of one row starting at bit q (bits past the row's words read as 0). */
    static long bitsAt(long[] words, int rowBase, int wpr, int q) {
        int w = q >>> 6, shift = q & 63;
        long low = words[rowBase + w] >>> shift;
        if (shift == 0 || w + 1 >= wpr) return low;
        return low | (words[rowBase + w + 1] << (64 - shift));
    }
}
