package lottery.engine.ops;

import java.util.Arrays;

/**
 * Unfolds one image x: [C, H, W] into columns col: [C·KH·KW, OH·OW] (zero padding), and folds back
 * (col2im adds overlapping contributions), so a convolution becomes one GEMM per image. For every
 * kernel offset the output columns whose input lies inside the image form one contiguous range, so a
 * row of col is zeros, a copy (stride 1: {@link System#arraycopy}) and zeros, with no test per element.
 * {@link #im2colScalar} and {@link #col2imScalar} are the plain twins the fast versions are tested against.
 */
public final class Im2col {
    private Im2col() {}

    public static int outSize(int size, int k, int stride, int pad) { return (size + 2 * pad - k) / stride + 1; }

    /** First output index o with o·stride - pad + k ≥ 0. */
    private static int lo(int k, int stride, int pad, int out) {
        return Math.min(out, Math.max(0, Math.floorDiv(pad - k + stride - 1, stride)));
    }

    /** One past the last output index o with o·stride - pad + k < size. */
    private static int hi(int size, int k, int stride, int pad, int out, int lo) {
        return Math.max(lo, Math.min(out, Math.floorDiv(size - 1 + pad - k, stride) + 1));
    }

    // x: [C, H, W] at xOff -> col: [C·KH·KW, OH·OW]
    public static void im2col(float[] x, int xOff, int c, int h, int w, int kh, int kw, int stride, int pad, float[] col) {
        int oh = outSize(h, kh, stride, pad), ow = outSize(w, kw, stride, pad);
        int row = 0;
        for (int ch = 0; ch < c; ch++)
            for (int ki = 0; ki < kh; ki++) {
                int iLo = lo(ki, stride, pad, oh), iHi = hi(h, ki, stride, pad, oh, iLo);
                for (int kj = 0; kj < kw; kj++, row++) {
                    int base = row * oh * ow;
                    int jLo = lo(kj, stride, pad, ow), jHi = hi(w, kj, stride, pad, ow, jLo);
                    Arrays.fill(col, base, base + iLo * ow, 0f);
                    for (int oi = iLo; oi < iHi; oi++) {
                        int p = base + oi * ow, src = xOff + (ch * h + oi * stride - pad + ki) * w - pad + kj;
                        if (jLo > 0) Arrays.fill(col, p, p + jLo, 0f);
                        if (stride == 1) System.arraycopy(x, src + jLo, col, p + jLo, jHi - jLo);
                        else for (int oj = jLo; oj < jHi; oj++) col[p + oj] = x[src + oj * stride];
                        if (jHi < ow) Arrays.fill(col, p + jHi, p + ow, 0f);
                    }
                    Arrays.fill(col, base + iHi * ow, base + oh * ow, 0f);
                }
            }
    }

    /** dx[C, H, W] += fold(col); dx must be initialised by the caller. */
    public static void col2im(float[] col, int c, int h, int w, int kh, int kw, int stride, int pad, float[] dx, int dxOff) {
        int oh = outSize(h, kh, stride, pad), ow = outSize(w, kw, stride, pad);
        int row = 0;
        for (int ch = 0; ch < c; ch++)
            for (int ki = 0; ki < kh; ki++) {
                int iLo = lo(ki, stride, pad, oh), iHi = hi(h, ki, stride, pad, oh, iLo);
                for (int kj = 0; kj < kw; kj++, row++) {
                    int base = row * oh * ow;
                    int jLo = lo(kj, stride, pad, ow), jHi = hi(w, kj, stride, pad, ow, jLo), len = jHi - jLo;
                    for (int oi = iLo; oi < iHi; oi++) {
                        int p = base + oi * ow + jLo, dst = dxOff + (ch * h + oi * stride - pad + ki) * w - pad + kj + jLo * stride;
                        if (stride == 1) for (int q = 0; q < len; q++) dx[dst + q] += col[p + q];
                        else for (int q = 0; q < len; q++) dx[dst + q * stride] += col[p + q];
                    }
                }
            }
    }

    /** The plain twin of {@link #im2col}: one bounds test per element. */
    public static void im2colScalar(float[] x, int xOff, int c, int h, int w, int kh, int kw, int stride, int pad, float[] col) {
        int oh = outSize(h, kh, stride, pad), ow = outSize(w, kw, stride, pad);
        int row = 0;
        for (int ch = 0; ch < c; ch++)
            for (int ki = 0; ki < kh; ki++)
                for (int kj = 0; kj < kw; kj++, row++)
                    for (int oi = 0; oi < oh; oi++)
                        for (int oj = 0; oj < ow; oj++) {
                            int ii = oi * stride - pad + ki, jj = oj * stride - pad + kj;
                            boolean inside = ii >= 0 && ii < h && jj >= 0 && jj < w;
                            col[(row * oh + oi) * ow + oj] = inside ? x[xOff + (ch * h + ii) * w + jj] : 0f;
                        }
    }

    /** The plain twin of {@link #col2im}. */
    public static void col2imScalar(float[] col, int c, int h, int w, int kh, int kw, int stride, int pad, float[] dx, int dxOff) {
        int oh = outSize(h, kh, stride, pad), ow = outSize(w, kw, stride, pad);
        int row = 0;
        for (int ch = 0; ch < c; ch++)
            for (int ki = 0; ki < kh; ki++)
                for (int kj = 0; kj < kw; kj++, row++)
                    for (int oi = 0; oi < oh; oi++)
                        for (int oj = 0; oj < ow; oj++) {
                            int ii = oi * stride - pad + ki, jj = oj * stride - pad + kj;
                            if (ii >= 0 && ii < h && jj >= 0 && jj < w) dx[dxOff + (ch * h + ii) * w + jj] += col[(row * oh + oi) * ow + oj];
                        }
    }
}
