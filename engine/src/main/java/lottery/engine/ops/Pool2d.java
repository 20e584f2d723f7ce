package lottery.engine.ops;

import lottery.engine.Node;
import lottery.engine.Tensor;
import lottery.engine.Workspace;

import java.util.Arrays;

/** Max and average pooling over k×k windows with a stride, no padding. x: [N, C, H, W] contiguous. */
public final class Pool2d extends Node {
    private static final int Y = 0, ARG = 0, DX = 1;
    private final Tensor x;
    private final boolean max;
    private final int k, stride;
    private final int[] argmax;   // flat index into x per output (max pooling)
    private final Workspace ws;

    private Pool2d(Tensor x, boolean max, int k, int stride, int[] argmax, Workspace ws) {
        super(x); this.x = x; this.max = max; this.k = k; this.stride = stride; this.argmax = argmax; this.ws = ws;
    }

    public static Tensor maxPool(Tensor x, int k, int stride, Workspace ws) { return apply(x, true, k, stride, ws); }

    public static Tensor avgPool(Tensor x, int k, int stride, Workspace ws) { return apply(x, false, k, stride, ws); }

    private static Tensor apply(Tensor x, boolean max, int k, int stride, Workspace ws) {
        String op = max ? "maxpool2d" : "avgpool2d";
        if (x.dim() != 4 || !x.isContiguous()) throw new IllegalArgumentException(op + ": want contiguous [N, C, H, W], got " + Arrays.toString(x.shape()));
        if (k < 1 || stride < 1 || x.size(2) < k || x.size(3) < k)
            throw new IllegalArgumentException(op + ": window " + k + " / stride " + stride + " invalid for " + Arrays.toString(x.shape()));
        ws = Workspace.orNew(ws);
        int n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        int oh = (h - k) / stride + 1, ow = (w - k) / stride + 1, planes = n * c;
        Tensor y = ws.tensor(Y, n, c, oh, ow);
        int[] arg = max ? ws.ints(ARG, planes * oh * ow) : null;
        float[] xs = x.data(), ys = y.data();
        float inv = 1f / (k * k);
        for (int p = 0; p < planes; p++)
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++) {
                    int o = (p * oh + i) * ow + j, base = x.offset() + p * h * w + i * stride * w + j * stride;
                    if (max) {
                        int best = base;
                        for (int a = 0; a < k; a++)
                            for (int b = 0; b < k; b++) if (xs[base + a * w + b] > xs[best]) best = base + a * w + b;
                        ys[o] = xs[best];
                        arg[o] = best - x.offset();
                    } else {
                        float s = 0f;
                        for (int a = 0; a < k; a++) for (int b = 0; b < k; b++) s += xs[base + a * w + b];
                        ys[o] = s * inv;
                    }
                }
        return recording(x) ? record(y, new Pool2d(x, max, k, stride, arg, ws)) : y;
    }

    @Override protected void backward(Tensor dy) {
        float beta = gradBeta(x, ws, DX);
        float[] g = x.grad.data(), d = dy.data();
        int go = x.grad.offset();
        if (beta == 0f) Arrays.fill(g, go, go + x.numel(), 0f);
        int planes = x.size(0) * x.size(1), h = x.size(2), w = x.size(3), oh = dy.size(2), ow = dy.size(3);
        float inv = 1f / (k * k);
        for (int p = 0; p < planes; p++)
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++) {
                    int o = (p * oh + i) * ow + j;
                    float v = d[dy.offset() + o];
                    if (max) g[go + argmax[o]] += v;
                    else {
                        int base = go + p * h * w + i * stride * w + j * stride;
                        for (int a = 0; a < k; a++) for (int b = 0; b < k; b++) g[base + a * w + b] += v * inv;
                    }
                }
    }
}
