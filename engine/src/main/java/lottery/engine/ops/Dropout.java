package lottery.engine.ops;

import lottery.engine.Node;
import lottery.engine.Tensor;
import lottery.engine.Workspace;

import java.util.SplittableRandom;

/** Inverted dropout: y = x · keep / (1 - p), keep ~ Bernoulli(1 - p) drawn from the given RNG. */
public final class Dropout extends Node {
    private static final int Y = 0, KEEP = 1, DX = 2;
    private final Tensor x;
    private final float[] scale;
    private final Workspace ws;

    private Dropout(Tensor x, float[] scale, Workspace ws) { super(x); this.x = x; this.scale = scale; this.ws = ws; }

    public static Tensor apply(Tensor x, float p, SplittableRandom rng, Workspace ws) {
        if (!(p >= 0f && p < 1f)) throw new IllegalArgumentException("dropout: p must be in [0, 1), got " + p);
        Elementwise.requireDense("dropout", x);
        ws = Workspace.orNew(ws);
        int n = x.numel();
        Tensor y = ws.like(Y, x);
        float[] scale = ws.buffer(KEEP, n), xs = x.data(), ys = y.data();
        float s = 1f / (1f - p);
        int xo = x.offset();
        for (int i = 0; i < n; i++) {
            scale[i] = rng.nextDouble() < p ? 0f : s;
            ys[i] = xs[xo + i] * scale[i];
        }
        return recording(x) ? record(y, new Dropout(x, scale, ws)) : y;
    }

    @Override protected void backward(Tensor dy) {
        float beta = gradBeta(x, ws, DX);
        float[] g = x.grad.data(), d = dy.data();
        int go = x.grad.offset(), dOff = dy.offset(), n = x.numel();
        for (int i = 0; i < n; i++) {
            float v = d[dOff + i] * scale[i];
            g[go + i] = beta == 0f ? v : g[go + i] + v;
        }
    }
}
