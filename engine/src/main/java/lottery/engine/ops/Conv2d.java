package lottery.engine.ops;

import lottery.engine.Backend;
import lottery.engine.LinearPath;
import lottery.engine.LinearPolicy;
import lottery.engine.Node;
import lottery.engine.Tensor;
import lottery.engine.WeightMask;
import lottery.engine.Workspace;
import lottery.kernels.Csr;

import java.util.Arrays;

/**
 * 2-D convolution by im2col + GEMM, per image: y_n[OC, OH·OW] = W[OC, C·KH·KW] · col_n + b.
 * x: [N, C, H, W], W: [OC, C, KH, KW], b: [OC] or null. With a mask ([OC, C·KH·KW]) the
 * {@link LinearPolicy} picks the path for the lowered layer (OH·OW columns per image):
 * <ul>
 * <li>DENSE or MASKED: the pruned weights are zero by the parameter's invariant, so forward and
 *     backward-data use the dense product and dW is the masked-output GEMM.</li>
 * <li>SPARSE: the lowered products run on the CSR kernels (col is already the transposed layout they
 *     read): y_n = W·col_n by SpMM, dcol_n = Wᵀ·dy_n by SpMM, dW by SDDMM at kept positions only.</li>
 * </ul>
 * Pruned entries of dW are exactly 0 on every path.
 */
public final class Conv2d extends Node {
    private static final int Y = 0, COL = 1, DCOL = 2, DX = 3, YT = 4, DYI = 5;
    private final Tensor x, w, b;
    private final WeightMask mask;
    private final int stride, pad;
    private final Workspace ws;
    private final Csr csr;          // the sparse path's weights, else null

    private Conv2d(Tensor x, Tensor w, Tensor b, WeightMask mask, int stride, int pad, Workspace ws, Csr csr) {
        super(x, w, b);
        this.x = x; this.w = w; this.b = b; this.mask = mask; this.stride = stride; this.pad = pad; this.ws = ws; this.csr = csr;
    }

    public static Tensor apply(Tensor x, Tensor w, Tensor b, WeightMask mask, int stride, int pad, Workspace ws) {
        LinearPath path = LinearPath.DENSE;
        if (mask != null && x.dim() == 4 && w.dim() == 4) {
            int hw = Im2col.outSize(x.size(2), w.size(2), stride, pad) * Im2col.outSize(x.size(3), w.size(3), stride, pad);
            path = LinearPolicy.current().choose(mask.density(), Math.max(1, hw), w.size(0), w.size(1) * w.size(2) * w.size(3));
        }
        return apply(x, w, b, mask, path, stride, pad, ws);
    }

    /** As {@link #apply(Tensor, Tensor, Tensor, WeightMask, int, int, Workspace)} with the path given (SPARSE needs a mask). */
    public static Tensor apply(Tensor x, Tensor w, Tensor b, WeightMask mask, LinearPath path, int stride, int pad, Workspace ws) {
        if (x.dim() != 4 || w.dim() != 4 || x.size(1) != w.size(1) || !x.isContiguous() || !w.isContiguous())
            throw new IllegalArgumentException("conv2d: x " + Arrays.toString(x.shape()) + " and W " + Arrays.toString(w.shape())
                    + " do not match (want contiguous x [N, C, H, W], W [OC, C, KH, KW])");
        if (b != null && (b.dim() != 1 || b.size(0) != w.size(0)))
            throw new IllegalArgumentException("conv2d: bias " + Arrays.toString(b.shape()) + " does not match W " + Arrays.toString(w.shape()));
        if (stride < 1 || pad < 0) throw new IllegalArgumentException("conv2d: stride " + stride + " / padding " + pad + " invalid");
        int n = x.size(0), c = x.size(1), h = x.size(2), wd = x.size(3), oc = w.size(0), kh = w.size(2), kw = w.size(3);
        int oh = Im2col.outSize(h, kh, stride, pad), ow = Im2col.outSize(wd, kw, stride, pad);
        if (oh < 1 || ow < 1) throw new IllegalArgumentException("conv2d: kernel " + kh + "x" + kw + " larger than padded input " + Arrays.toString(x.shape()));
        int ckk = c * kh * kw, hw = oh * ow;
        if (mask != null && (mask.bits().rows != oc || mask.bits().cols != ckk))
            throw new IllegalArgumentException("conv2d: mask " + mask.bits() + " does not match W [" + oc + ", " + ckk + "]");
        if (path == LinearPath.SPARSE && mask == null) throw new IllegalArgumentException("conv2d: the sparse path needs a mask");
        ws = Workspace.orNew(ws);
        Backend be = Backend.of("conv2d", x, w, b);
        Tensor y = ws.tensor(Y, n, oc, oh, ow);
        float[] col = ws.buffer(COL, ckk * hw);
        Tensor colT = Tensor.of(col, ckk, hw), w2 = w.view(oc, ckk);
        Csr csr = path == LinearPath.SPARSE ? mask.csr(w.data()) : null;
        float[] yt = csr != null ? ws.buffer(YT, oc * hw) : null;
        for (int i = 0; i < n; i++) {
            Im2col.im2col(x.data(), x.offset() + i * c * h * wd, c, h, wd, kh, kw, stride, pad, col);
            if (csr != null) {                                   // yT[OC, OH·OW] = W · col, then into image i of y
                be.spmmT(csr, Tensor.transposedLayout(col, hw, ckk), 0f, Tensor.transposedLayout(yt, hw, oc));
                System.arraycopy(yt, 0, y.data(), i * oc * hw, oc * hw);
            } else {
                Tensor yi = new Tensor(y.data(), i * oc * hw, new int[]{oc, hw}, new int[]{hw, 1}, y.device());
                be.matmul(w2, colT, 0f, yi);
            }
            if (b != null)
                for (int o = 0; o < oc; o++) {
                    float bo = b.data()[b.offset() + o];
                    int p = i * oc * hw + o * hw;
                    for (int q = 0; q < hw; q++) y.data()[p + q] += bo;
                }
        }
        return recording(x, w, b) ? record(y, new Conv2d(x, w, b, mask, stride, pad, ws, csr)) : y;
    }

    @Override protected void backward(Tensor dy) {
        Backend be = Backend.of(dy.device());
        int n = x.size(0), c = x.size(1), h = x.size(2), wd = x.size(3), oc = w.size(0), kh = w.size(2), kw = w.size(3);
        int oh = dy.size(2), ow = dy.size(3), ckk = c * kh * kw, hw = oh * ow;
        float[] col = ws.buffer(COL, ckk * hw), dcol = ws.buffer(DCOL, ckk * hw);
        Tensor colT = Tensor.of(col, ckk, hw), dcolT = Tensor.of(dcol, ckk, hw), w2 = w.view(oc, ckk);
        float betaW = w.requiresGrad ? gradBeta(w, null, 0) : 0f;
        Tensor dw2 = w.requiresGrad ? w.grad.view(oc, ckk) : null;
        float betaX = x.requiresGrad ? gradBeta(x, ws, DX) : 1f;
        if (csr != null) {
            backwardSparse(be, dy, betaW, betaX);
            backwardBias(dy);
            return;
        }
        for (int i = 0; i < n; i++) {
            Tensor dyi = new Tensor(dy.data(), dy.offset() + i * oc * hw, new int[]{oc, hw}, new int[]{hw, 1}, dy.device());
            if (w.requiresGrad) {
                Im2col.im2col(x.data(), x.offset() + i * c * h * wd, c, h, wd, kh, kw, stride, pad, col);
                float beta = i == 0 ? betaW : 1f;
                if (mask != null) be.matmulMaskedC(dyi, colT.t(), beta, dw2, mask.bits());
                else be.matmul(dyi, colT.t(), beta, dw2);
            }
            if (x.requiresGrad) {
                be.matmul(w2.t(), dyi, 0f, dcolT);
                int at = x.grad.offset() + i * c * h * wd;
                if (betaX == 0f) Arrays.fill(x.grad.data(), at, at + c * h * wd, 0f);   // this image's dx, while it is in cache
                Im2col.col2im(dcol, c, h, wd, kh, kw, stride, pad, x.grad.data(), at);
            }
        }
        backwardBias(dy);
    }

    /** Per image: dW at kept positions by SDDMM (summed over images in order), dcol = Wᵀ · dy_i by SpMM, then col2im. */
    private void backwardSparse(Backend be, Tensor dy, float betaW, float betaX) {
        int n = x.size(0), c = x.size(1), h = x.size(2), wd = x.size(3), oc = w.size(0), kh = w.size(2), kw = w.size(3);
        int hw = dy.size(2) * dy.size(3), ckk = c * kh * kw;
        float[] col = ws.buffer(COL, ckk * hw), dcol = ws.buffer(DCOL, ckk * hw), dyi = ws.buffer(DYI, oc * hw);
        Tensor colT = Tensor.transposedLayout(col, hw, ckk), dcolT = Tensor.transposedLayout(dcol, hw, ckk), dyT = Tensor.transposedLayout(dyi, hw, oc);
        float[] vals = w.requiresGrad ? mask.dwValues() : null, g = w.requiresGrad ? w.grad.data() : null;
        int[] kept = mask.kept();
        int gOff = w.requiresGrad ? w.grad.offset() : 0;
        if (w.requiresGrad && betaW == 0f) for (int e : kept) g[gOff + e] = 0f;   // pruned entries are 0 already
        for (int i = 0; i < n; i++) {
            System.arraycopy(dy.data(), dy.offset() + i * oc * hw, dyi, 0, oc * hw);
            if (w.requiresGrad) {
                Im2col.im2col(x.data(), x.offset() + i * c * h * wd, c, h, wd, kh, kw, stride, pad, col);
                be.sddmmT(csr, dyT, colT, vals);
                for (int e = 0; e < vals.length; e++) g[gOff + kept[e]] += vals[e];
            }
            if (x.requiresGrad) {
                be.spmmTransT(csr, dyT, 0f, dcolT);
                int at = x.grad.offset() + i * c * h * wd;
                if (betaX == 0f) Arrays.fill(x.grad.data(), at, at + c * h * wd, 0f);
                Im2col.col2im(dcol, c, h, wd, kh, kw, stride, pad, x.grad.data(), at);
            }
        }
    }

    private void backwardBias(Tensor dy) {
        int n = x.size(0), oc = w.size(0), hw = dy.size(2) * dy.size(3);
        if (b != null && b.requiresGrad) {
            float beta = gradBeta(b, null, 0);
            float[] g = b.grad.data(), d = dy.data();
            for (int o = 0; o < oc; o++) {
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0;             // four chains: the adds overlap, the order is fixed
                for (int i = 0; i < n; i++) {
                    int p = dy.offset() + i * oc * hw + o * hw, q = 0;
                    for (; q + 3 < hw; q += 4) { s0 += d[p + q]; s1 += d[p + q + 1]; s2 += d[p + q + 2]; s3 += d[p + q + 3]; }
                    for (; q < hw; q++) s0 += d[p + q];
                }
                float s = (float) ((s0 + s1) + (s2 + s3));
                int gi = b.grad.offset() + o;
                g[gi] = beta == 0f ? s : g[gi] + s;
            }
        }
    }
}
