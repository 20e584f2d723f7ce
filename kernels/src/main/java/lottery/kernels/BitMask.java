package lottery.kernels;

import java.util.Arrays;

/**
 * A bit-packed 0/1 matrix of shape [rows, cols], one bit per element, row-major.
 * Each row starts on a 64-bit word boundary ({@link #wordsPerRow} words per row), so a
 * kernel that packs a row panel reads whole words and never straddles rows.
 * Bit {@code j} of row {@code i} is bit {@code j & 63} of word {@code i * wordsPerRow + (j >>> 6)};
 * padding bits past {@code cols} are always 0.
 */
public final class BitMask {
    public final int rows;
    public final int cols;
    public final int wordsPerRow;
    public final long[] words;

    public BitMask(int rows, int cols) {
        if (rows < 0 || cols < 0) throw new IllegalArgumentException("BitMask: negative shape [" + rows + ", " + cols + "]");
        this.rows = rows;
        this.cols = cols;
        this.wordsPerRow = (cols + 63) >>> 6;
        this.words = new long[Math.multiplyExact(rows, wordsPerRow)];
    }

    /** All ones: every weight kept. */
    public static BitMask ones(int rows, int cols) {
        BitMask m = new BitMask(rows, cols);
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) m.set(i, j, true);
        return m;
    }

    /** Keeps element (i, j) where {@code values[i * cols + j] != 0}. */
    public static BitMask fromNonZero(float[] values, int rows, int cols) {
        BitMask m = new BitMask(rows, cols);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                if (values[i * cols + j] != 0f) m.set(i, j, true);
        return m;
    }

    public boolean get(int i, int j) {
        return ((words[i * wordsPerRow + (j >>> 6)] >>> (j & 63)) & 1L) != 0;
    }

    public void set(int i, int j, boolean keep) {
        int w = i * wordsPerRow + (j >>> 6);
        long bit = 1L << (j & 63);
        words[w] = keep ? (words[w] | bit) : (words[w] & ~bit);
    }

    /** Flat index form: element {@code index = i * cols + j}. */
    public boolean get(int index) { return get(index / cols, index % cols); }

    /** Number of kept elements. */
    public long count() {
        long n = 0;
        for (long w : words) n += Long.bitCount(w);
        return n;
    }

    public long size() { return (long) rows * cols; }

    public double density() { return size() == 0 ? 0.0 : (double) count() / size(); }

    /** Flat indices {@code i * cols + j} of kept elements, ascending. */
    public int[] keptIndices() {
        int[] out = new int[Math.toIntExact(count())];
        int n = 0;
        for (int i = 0; i < rows; i++) {
            for (int w = 0; w < wordsPerRow; w++) {
                long bits = words[i * wordsPerRow + w];
                while (bits != 0) {
                    int j = (w << 6) + Long.numberOfTrailingZeros(bits);
                    out[n++] = i * cols + j;
                    bits &= bits - 1;
                }
            }
        }
        return out;
    }

    /** Sets {@code values[k] = 0} wherever the mask is 0. */
    public void applyTo(float[] values) {
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                if (!get(i, j)) values[i * cols + j] = 0f;
    }

    /** Bytes used by the bits (the float mask PyTorch keeps uses 4 bytes per element). */
    public long bytes() { return 8L * words.length; }

    public BitMask copy() {
        BitMask m = new BitMask(rows, cols);
        System.arraycopy(words, 0, m.words, 0, words.length);
        return m;
    }

    @Override public boolean equals(Object o) {
        return o instanceof BitMask m && m.rows == rows && m.cols == cols && Arrays.equals(m.words, words);
    }

    @Override public int hashCode() { return 31 * (31 * rows + cols) + Arrays.hashCode(words); }

    @Override public String toString() {
        return "BitMask[" + rows + "x" + cols + ", kept " + count() + "]";
    }
}
