package lottery.engine;

import lottery.kernels.Strided;

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

    /** dst (+)= src elementwise for two 2-D tensors of equal shape in any layouts (beta 0 overwrites, 1 accumulates). */
    public static void copy2d(Tensor src, Tensor dst, float beta) {
        Strided.copy2d(src.size(0), src.size(1), src.data(), src.offset(), src.stride(0), src.stride(1),
                beta, dst.data(), dst.offset(), dst.stride(0), dst.stride(1));
    }
}
