package lottery.engine.ops;

import lottery.engine.Node;
import lottery.engine.Tensor;
import lottery.engine.Workspace;

/** y = a + b elementwise (same shape and layout). */
public final class Add extends Node {
    private static final int Y = 0, DA = 1, DB = 2;
    private final Tensor a, b;
    private final Workspace ws;

    private Add(Tensor a, Tensor b, Workspace ws) { super(a, b); this.a = a; this.b = b; this.ws = ws; }

    public static Tensor apply(Tensor a, Tensor b, Workspace ws) {
        Elementwise.requireSame("add", a, b);
        ws = Workspace.orNew(ws);
        Tensor y = ws.like(Y, a);
        float[] as = a.data(), bs = b.data(), ys = y.data();
        int ao = a.offset(), bo = b.offset(), n = a.numel();
        for (int i = 0; i < n; i++) ys[i] = as[ao + i] + bs[bo + i];
        return recording(a, b) ? record(y, new Add(a, b, ws)) : y;
    }

    @Override protected void backward(Tensor dy) {
        if (a.requiresGrad) accumulate(a, dy, DA);
        if (b.requiresGrad) accumulate(b, dy, DB);
    }

    private void accumulate(Tensor x, Tensor dy, int slot) {
        float beta = gradBeta(x, ws, slot);
        float[] g = x.grad.data(), d = dy.data();
        int go = x.grad.offset(), dOff = dy.offset(), n = x.numel();
        for (int i = 0; i < n; i++) g[go + i] = beta == 0f ? d[dOff + i] : g[go + i] + d[dOff + i];
    }
}
