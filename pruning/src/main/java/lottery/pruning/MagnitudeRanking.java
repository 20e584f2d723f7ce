package lottery.pruning;

import lottery.kernels.BitMask;

import java.util.Arrays;

/**
 * Ranks surviving weights by magnitude with a total, deterministic order: by |w| ascending,
 * then by position ascending. Each survivor becomes one sortable long: the IEEE bits of |w|
 * (which order like the values for non-negative floats) in the high 32 bits, its position in
 * the low 32 bits. Pruned weights (mask bit 0) are never included.
 */
final class MagnitudeRanking {
    private MagnitudeRanking() {}

    /** Appends the keys of the survivors of {@code w} under {@code mask} to {@code keys} at {@code from}; positions are offset by {@code base}. Returns the new end. */
    static int appendKeys(float[] w, BitMask mask, long base, long[] keys, int from, String layer) {
        if (w.length != mask.size())
            throw new IllegalArgumentException("weights of '" + layer + "' have " + w.length + " values, mask has " + mask.size());
        int n = from;
        for (int index : mask.keptIndices()) {
            float a = Math.abs(w[index]);
            if (Float.isNaN(a)) throw new IllegalStateException("weight " + index + " of '" + layer + "' is NaN; training diverged, nothing to prune by");
            n++;
            keys[n - 1] = ((long) Float.floatToRawIntBits(a) << 32) | (base + index);
        }
        return n;
    }

    /** Position (low 32 bits) of a key. */
    static long position(long key) { return key & 0xffff_ffffL; }

    /** Sorts {@code keys[0, n)} and returns the positions of the {@code count} smallest. */
    static long[] smallest(long[] keys, int n, int count) {
        if (count > n) throw new IllegalArgumentException("cannot prune " + count + " of " + n + " surviving weights");
        Arrays.sort(keys, 0, n);
        long[] out = new long[count];
        for (int i = 0; i < count; i++) out[i] = position(keys[i]);
        return out;
    }

    /** The positions of the {@code count} smallest-magnitude survivors of one layer. */
    static long[] smallest(float[] w, BitMask mask, int count, String layer) {
        long[] keys = new long[Math.toIntExact(mask.count())];
        int n = appendKeys(w, mask, 0, keys, 0, layer);
        return smallest(keys, n, count);
    }

    /** A copy of {@code mask} with the flat positions {@code pruned} cleared. */
    static BitMask without(BitMask mask, long[] pruned, long base) {
        BitMask m = mask.copy();
        for (long p : pruned) {
            int index = Math.toIntExact(p - base);
            m.set(index / m.cols, index % m.cols, false);
        }
        return m;
    }
}
