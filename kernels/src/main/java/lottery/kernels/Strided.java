package lottery.kernels;

/**
 * Copies between 2-D matrices stored with any strides: the plain copy, the transpose between
 * [batch, features] and [features, batch], and the accumulating forms of both. Works in
 * cache-sized tiles, so a transpose reads and writes whole cache lines.
 */
public final class Strided {
    private static final int TILE = 32;

    private Strided() {}

    /**
     * dst[i, j] = src[i, j] + beta·dst[i, j] (beta 0 overwrites and never reads dst) for i < rows,
     * j < cols; element (i, j) of src sits at {@code so + i·ss0 + j·ss1}, of dst at {@code dOff + i·ds0 + j·ds1}.
     */
    public static void copy2d(int rows, int cols, float[] src, int so, int ss0, int ss1,
                              float beta, float[] dst, int dOff, int ds0, int ds1) {
        for (int i0 = 0; i0 < rows; i0 += TILE)
            for (int j0 = 0; j0 < cols; j0 += TILE) {
                int i1 = Math.min(rows, i0 + TILE), j1 = Math.min(cols, j0 + TILE);
                for (int i = i0; i < i1; i++)
                    for (int j = j0; j < j1; j++) {
                        int di = dOff + i * ds0 + j * ds1;
                        float v = src[so + i * ss0 + j * ss1];
                        dst[di] = beta == 0f ? v : v + beta * dst[di];
                    }
            }
    }

    /** dst[c, r] = src[r, c] + beta·dst[c, r]; src: [rows, cols], dst: [cols, rows], both contiguous. */
    public static void transpose(float[] src, int rows, int cols, float beta, float[] dst) {
        copy2d(rows, cols, src, 0, cols, 1, beta, dst, 0, 1, rows);
    }
}
