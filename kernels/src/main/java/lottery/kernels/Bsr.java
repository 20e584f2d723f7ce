package lottery.kernels;

/**
 * Block sparse rows: a weight matrix W ⊙ M [rows, cols] tiled by R×C blocks (R divides rows and C
 * divides cols), of which only the blocks with a kept weight are stored, block row after block row:
 * {@link #blockPtr} [rows / R + 1] into {@link #blockCol} (each block's column of blocks) and
 * {@link #values} [blocks * R * C] (each block row-major). A kept block of a mask that is not
 * block-structured stores its pruned weights as 0 ({@link #denseIndex} -1 there), so the products
 * stay exact and the backward-weights product's values there are never read back.
 */
public final class Bsr {
    public final int rows, cols, r, c;
    public final int[] blockPtr, blockCol;
    public final float[] values;
    /** [blocks * R * C]: flat index {@code row * cols + col} of each stored value in W, -1 where the mask prunes it. */
    public final int[] denseIndex;

    private Bsr(int rows, int cols, int r, int c, int blocks) {
        this.rows = rows;
        this.cols = cols;
        this.r = r;
        this.c = c;
        this.blockPtr = new int[rows / r + 1];
        this.blockCol = new int[blocks];
        this.values = new float[Math.multiplyExact(blocks, r * c)];
        this.denseIndex = new int[values.length];
    }

    /** True when R×C blocks tile [rows, cols] exactly. */
    public static boolean tiles(int rows, int cols, int r, int c) { return r >= 1 && c >= 1 && rows % r == 0 && cols % c == 0; }

    /** True when every R×C block of {@code mask} is wholly kept or wholly pruned (and the blocks tile it). */
    public static boolean blockStructured(BitMask mask, int r, int c) {
        if (!tiles(mask.rows, mask.cols, r, c)) return false;
        for (int i0 = 0; i0 < mask.rows; i0 += r)
            for (int j0 = 0; j0 < mask.cols; j0 += c) {
                boolean first = mask.get(i0, j0);
                for (int i = i0; i < i0 + r; i++)
                    for (int j = j0; j < j0 + c; j++) if (mask.get(i, j) != first) return false;
            }
        return true;
    }

    /** Compresses {@code w} [rows, cols] under {@code mask}; an IllegalArgumentException when R×C blocks do not tile it. */
    public static Bsr of(float[] w, BitMask mask, int r, int c) {
        if (!tiles(mask.rows, mask.cols, r, c))
            throw new IllegalArgumentException(r + "x" + c + " blocks do not tile a [" + mask.rows + ", " + mask.cols + "] matrix");
        if (w.length != mask.size()) throw new IllegalArgumentException("weights have " + w.length + " values, the mask " + mask.size());
        int blocks = 0;
        for (int i0 = 0; i0 < mask.rows; i0 += r) for (int j0 = 0; j0 < mask.cols; j0 += c) if (any(mask, i0, j0, r, c)) blocks++;
        Bsr a = new Bsr(mask.rows, mask.cols, r, c, blocks);
        int b = 0;
        for (int i0 = 0; i0 < mask.rows; i0 += r) {
            for (int j0 = 0; j0 < mask.cols; j0 += c) {
                if (!any(mask, i0, j0, r, c)) continue;
                a.blockCol[b] = j0 / c;
                for (int i = 0; i < r; i++)
                    for (int j = 0; j < c; j++)
                        a.denseIndex[b * r * c + i * c + j] = mask.get(i0 + i, j0 + j) ? (i0 + i) * mask.cols + j0 + j : -1;
                b++;
            }
            a.blockPtr[i0 / r + 1] = b;
        }
        a.gatherValues(w);
        return a;
    }

    private static boolean any(BitMask mask, int i0, int j0, int r, int c) {
        for (int i = i0; i < i0 + r; i++) for (int j = j0; j < j0 + c; j++) if (mask.get(i, j)) return true;
        return false;
    }

    public int blocks() { return blockCol.length; }

    /** Refreshes {@link #values} from dense weights {@code w} [rows, cols]. */
    public void gatherValues(float[] w) {
        for (int e = 0; e < values.length; e++) values[e] = denseIndex[e] < 0 ? 0f : w[denseIndex[e]];
    }

    /** Writes the kept entries of {@code src} [blocks * R * C] into their places in {@code dense} [rows, cols]. */
    public void scatter(float[] src, float[] dense) {
        for (int e = 0; e < src.length; e++) if (denseIndex[e] >= 0) dense[denseIndex[e]] = src[e];
    }

    public long bytes() { return 4L * (blockPtr.length + blockCol.length + values.length + denseIndex.length); }
}
