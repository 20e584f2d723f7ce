package lottery.engine.ops;

/**
 * Unfolds one image x: [C, H, W] into columns col: [C·KH·KW, OH·OW] (zero padding), and folds back
 * (col2im adds overlapping contributions), so a convolution becomes one GEMM per image.
 */
public final class Im2col {
    private Im2col() {}

    public static int outSize(int size, int k, int stride, int pad) { return (size + 2 * pad - k) / stride + 1; }

    public static void im2col(float[] x, int xOff, int c, int h, int w, int kh, int kw, int stride, int pad, float[] col) {
        int oh = outSize(h, kh, stride, pad), ow = outSize(w, kw, stride, pad);
        int row = 0;
        for (int ch = 0; ch < c; ch++)
            for (int ki = 0; ki < kh; ki++)
                for (int kj = 0; kj < kw; kj++, row++) {
                    int base = row * oh * ow;
                    for (int oi = 0; oi < oh; oi++) {
                        int ii = oi * stride - pad + ki;
                        int p = base + oi * ow;
                        if (ii < 0 || ii >= h) { java.util.Arrays.fill(col, p, p + ow, 0f); continue; }
                        int src = xOff + (ch * h + ii) * w;
                        for (int oj = 0; oj < ow; oj++) {
                            int jj = oj * stride - pad + kj;
                            col[p + oj] = jj >= 0 && jj < w ? x[src + jj] : 0f;
                        }
                    }
                }
    }

    /** dx[C, H, W] += fold(col); dx must be initialised by the caller. */
    public static void col2im(float[] col, int c, int h, int w, int kh, int kw, int stride, int pad, float[] dx, int dxOff) {
        int oh = outSize(h, kh, stride, pad), ow = outSize(w, kw, stride, pad);
        int row = 0;
        for (int ch = 0; ch < c; ch++)
            for (int ki = 0; ki < kh; ki++)
                for (int kj = 0; kj < kw; kj++, row++) {
                    int base = row * oh * ow;
                    for (int oi = 0; oi < oh; oi++) {
                        int ii = oi * stride - pad + ki;
                        if (ii < 0 || ii >= h) continue;
                        int dst = dxOff + (ch * h + ii) * w, p = base + oi * ow;
                        for (int oj = 0; oj < ow; oj++) {
                            int jj = oj * stride - pad + kj;
                            if (jj >= 0 && jj < w) dx[dst + jj] += col[p + oj];
                        }
                    }
                }
    }
}
