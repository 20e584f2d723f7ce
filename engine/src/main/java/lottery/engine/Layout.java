package lottery.engine;

/** Loops over 2-D tensors in either layout (row-major or transposed). */
public final class Layout {
    private Layout() {}

    /** y[b, o] += bias[o] for a dense 2-D y (row-major or transposed layout). */
    public static void addBias(Tensor y, float[] bias, int biasOff) {
        float[] d = y.data();
        int rows = y.size(0), cols = y.size(1), base = y.offset();
        if (y.isTransposedLayout()) {
            for (int o = 0; o < cols; o++) {
                float bo = bias[biasOff + o];
                int p = base + o * rows;
                for (int b = 0; b < rows; b++) d[p + b] += bo;
            }
        } else {
            int ld = y.stride(0);
            for (int b = 0; b < rows; b++) {
                int p = base + b * ld;
                for (int o = 0; o < cols; o++) d[p + o] += bias[biasOff + o];
            }
        }
    }

    /** db[o] (+)= Σ_b dy[b, o]; beta 0 overwrites, 1 accumulates. */
    public static void sumRows(Tensor dy, float[] db, int dbOff, float beta) {
        float[] d = dy.data();
        int rows = dy.size(0), cols = dy.size(1), base = dy.offset();
        if (beta == 0f) java.util.Arrays.fill(db, dbOff, dbOff + cols, 0f);
        if (dy.isTransposedLayout()) {
            for (int o = 0; o < cols; o++) {
                float s = 0f;
                int p = base + o * rows;
                for (int b = 0; b < rows; b++) s += d[p + b];
                db[dbOff + o] += s;
            }
        } else {
            int ld = dy.stride(0);
            for (int b = 0; b < rows; b++) {
                int p = base + b * ld;
                for (int o = 0; o < cols; o++) db[dbOff + o] += d[p + o];
            }
        }
    }

    private static final int TILE = 32;

    /** dst (+)= src elementwise for two 2-D tensors of equal shape in any layouts (tiled, so a transpose stays in cache). */
    public static void copy2d(Tensor src, Tensor dst, float beta) {
        int rows = src.size(0), cols = src.size(1);
        float[] s = src.data(), d = dst.data();
        int ss0 = src.stride(0), ss1 = src.stride(1), ds0 = dst.stride(0), ds1 = dst.stride(1);
        int so = src.offset(), dof = dst.offset();
        for (int i0 = 0; i0 < rows; i0 += TILE)
            for (int j0 = 0; j0 < cols; j0 += TILE) {
                int i1 = Math.min(rows, i0 + TILE), j1 = Math.min(cols, j0 + TILE);
                for (int i = i0; i < i1; i++)
                    for (int j = j0; j < j1; j++) {
                        int di = dof + i * ds0 + j * ds1;
                        float v = s[so + i * ss0 + j * ss1];
                        d[di] = beta == 0f ? v : d[di] + v;
                    }
            }
    }
}
