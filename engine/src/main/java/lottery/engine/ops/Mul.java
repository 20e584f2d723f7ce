package lottery.engine.ops;

import lottery.engine.Node;
import lottery.engine.Tensor;
import lottery.engine.Workspace;

/** y = a ⊙ b elementwise (same shape and layout). */
public final class Mul extends Node {
    private static final int Y = 0, DA = 1, DB = 2;
    private final Tensor a, b;
    private final Workspace ws;

    private Mul(Tensor a, Tensor b, Workspace ws) { super(a, b); this.a = a; this.b = b; this.ws = ws; }

    public static Tensor apply(Tensor a, Tensor b, Workspace ws) {
        Elementwise.requireSame("mul", a, b);
        ws = Workspace.orNew(ws);
        Tensor y = ws.like(Y, a);
        float[] as = a.data(), bs = b.data(), ys = y.data();
        int ao = a.offset(), bo = b.offset(), n = a.numel();
        for (int i = 0; i < n; i++) ys[i] = as[ao + i] * bs[bo + i];
        return recording(a, b) ? record(y, new Mul(a, b, ws)) : y;
    }

    // da = dy ⊙ b, db = dy ⊙ a
    @Override protected void backward(Tensor dy) {
        if (a.requiresGrad) accumulate(a, b, dy, DA);
        if (b.requiresGrad) accumulate(b, a, dy, DB);
    }

    private void accumulate(Tensor x, Tensor other, Tensor dy, int slot) {
        float beta = gradBeta(x, ws, slot);
        float[] g = x.grad.data(), d = dy.data(), o = other.data();
        int go = x.grad.offset(), dOff = dy.offset(), oo = other.offset(), n = x.numel();
        for (int i = 0; i < n; i++) {
            float v = d[dOff + i] * o[oo + i];
            g[go + i] = beta == 0f ? v : g[go + i] + v;
        }
    }
}
