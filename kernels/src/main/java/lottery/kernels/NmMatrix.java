package lottery.kernels;

/**
 * A weight matrix W ⊙ M [rows, cols] whose mask is N:M along the columns: every group of {@code m}
 * consecutive columns of a row keeps at most {@code n} weights (a last group shorter than m when m
 * does not divide cols). Stored compressed: per row, {@code groups * n} entries, group after group,
 * each a value and its column within the group (one byte); a group with fewer than n survivors is
 * padded with entries of value 0 at column 0 of the group, whose {@link #denseIndex} is -1 (the
 * backward-weights product computes them and nothing reads them back). Against CSR it needs no row
 * pointers, a quarter of the index bytes, and its backward-data product splits by groups of columns
 * with no transpose.
 */
public final class NmMatrix {
    public final int rows, cols, n, m, groups;
    /** Entries per row: {@code groups * n}. */
    public final int k;
    /** [rows * k]: the kept values (0 in padding entries). */
    public final float[] values;
    /** [rows * k]: column of each entry within its group, in [0, m). */
    public final byte[] idx;
    /** [rows * k]: flat index {@code row * cols + col} of each entry in W, -1 for padding. */
    public final int[] denseIndex;

    private NmMatrix(int rows, int cols, int n, int m) {
        if (m < 1 || m > 128 || n < 1 || n > m) throw new IllegalArgumentException("N:M needs 1 <= N <= M <= 128, got " + n + ":" + m);
        this.rows = rows;
        this.cols = cols;
        this.n = n;
        this.m = m;
        this.groups = (cols + m - 1) / m;
        this.k = Math.multiplyExact(groups, n);
        this.values = new float[Math.multiplyExact(rows, k)];
        this.idx = new byte[values.length];
        this.denseIndex = new int[values.length];
    }

    /** The most weights any group of {@code m} columns of {@code mask} keeps: the least N the mask is N:M for. */
    public static int maxPerGroup(BitMask mask, int m) {
        int most = 0;
        for (int i = 0; i < mask.rows; i++)
            for (int g0 = 0; g0 < mask.cols; g0 += m) {
                int c = 0;
                for (int j = g0; j < Math.min(mask.cols, g0 + m); j++) if (mask.get(i, j)) c++;
                most = Math.max(most, c);
            }
        return most;
    }

    /** Compresses {@code w} [rows, cols] under {@code mask}; an IllegalArgumentException when a group keeps more than n. */
    public static NmMatrix of(float[] w, BitMask mask, int n, int m) {
        if (w.length != mask.size()) throw new IllegalArgumentException("weights have " + w.length + " values, the mask " + mask.size());
        NmMatrix a = new NmMatrix(mask.rows, mask.cols, n, m);
        for (int i = 0; i < a.rows; i++)
            for (int g = 0; g < a.groups; g++) {
                int e = i * a.k + g * n, end = e + n;
                for (int j = g * m; j < Math.min(a.cols, (g + 1) * m); j++) {
                    if (!mask.get(i, j)) continue;
                    if (e == end)
                        throw new IllegalArgumentException("row " + i + " keeps more than " + n + " of the " + m
                                + " columns from " + g * m);
                    a.idx[e] = (byte) (j - g * m);
                    a.denseIndex[e++] = i * a.cols + j;
                }
                for (; e < end; e++) a.denseIndex[e] = -1;
            }
        a.gatherValues(w);
        return a;
    }

    /** Refreshes {@link #values} from dense weights {@code w} [rows, cols] (after an optimizer step). */
    public void gatherValues(float[] w) {
        for (int e = 0; e < values.length; e++) values[e] = denseIndex[e] < 0 ? 0f : w[denseIndex[e]];
    }

    /** Writes the entries of {@code src} [rows * k] into their places in {@code dense} [rows, cols]; others are untouched. */
    public void scatter(float[] src, float[] dense) {
        for (int e = 0; e < src.length; e++) if (denseIndex[e] >= 0) dense[denseIndex[e]] = src[e];
    }

    /** Column of entry {@code e}. */
    public int col(int e) { return ((e % k) / n) * m + idx[e]; }

    public long bytes() { return 4L * values.length + idx.length + 4L * denseIndex.length; }
}
