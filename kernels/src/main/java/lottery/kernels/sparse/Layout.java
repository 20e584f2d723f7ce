package lottery.kernels.sparse;

/** Transposes between [batch, features] and [features, batch], in cache-sized tiles. */
final class Layout {
    private static final int TILE = 32;

    private Layout() {}

    /** dst[c, r] = src[r, c]; src: [rows, cols], dst: [cols, rows]. */
    static void transpose(float[] src, int rows, int cols, float[] dst) {
        for (int r0 = 0; r0 < rows; r0 += TILE)
            for (int c0 = 0; c0 < cols; c0 += TILE) {
                int r1 = Math.min(rows, r0 + TILE), c1 = Math.min(cols, c0 + TILE);
                for (int r = r0; r < r1; r++)
                    for (int c = c0; c < c1; c++) dst[c * rows + r] = src[r * cols + c];
            }
    }

    /** dst[c, r] = src[r, c] + beta·dst[c, r] (beta = 0 overwrites); src: [rows, cols], dst: [cols, rows]. */
    static void transposeInto(float[] src, int rows, int cols, float beta, float[] dst) {
        if (beta == 0f) {
            transpose(src, rows, cols, dst);
            return;
        }
        for (int r0 = 0; r0 < rows; r0 += TILE)
            for (int c0 = 0; c0 < cols; c0 += TILE) {
                int r1 = Math.min(rows, r0 + TILE), c1 = Math.min(cols, c0 + TILE);
                for (int r = r0; r < r1; r++)
                    for (int c = c0; c < c1; c++) dst[c * rows + r] = src[r * cols + c] + beta * dst[c * rows + r];
            }
    }
}
