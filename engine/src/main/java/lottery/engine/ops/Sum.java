package lottery.engine.ops;

import lottery.engine.Node;
import lottery.engine.Tensor;
import lottery.engine.Workspace;

/** Scalar reductions: y = Σ x (or the mean); dx = dy (or dy / n) everywhere. */
public final class Sum extends Node {
    private static final int DX = 0;
    private final Tensor x;
    private final float scale;
    private final Workspace ws;

    private Sum(Tensor x, float scale, Workspace ws) { super(x); this.x = x; this.scale = scale; this.ws = ws; }

    public static Tensor sum(Tensor x, Workspace ws) { return reduce(x, 1f, ws); }

    public static Tensor mean(Tensor x, Workspace ws) { return reduce(x, 1f / x.numel(), ws); }

    private static Tensor reduce(Tensor x, float scale, Workspace ws) {
        Elementwise.requireDense("sum", x);
        double s = 0;
        float[] d = x.data();
        for (int i = 0, n = x.numel(), o = x.offset(); i < n; i++) s += d[o + i];
        Tensor y = Tensor.scalar((float) (s * scale));
        return recording(x) ? record(y, new Sum(x, scale, Workspace.orNew(ws))) : y;
    }

    @Override protected void backward(Tensor dy) {
        float beta = gradBeta(x, ws, DX);
        float v = dy.item() * scale;
        float[] g = x.grad.data();
        for (int i = 0, n = x.numel(), o = x.grad.offset(); i < n; i++) g[o + i] = beta == 0f ? v : g[o + i] + v;
    }
}
