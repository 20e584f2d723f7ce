package lottery.engine.ops;

import lottery.engine.Node;
import lottery.engine.Tensor;
import lottery.engine.Workspace;

/** y = max(x, 0) elementwise; keeps x's layout. */
public final class Relu extends Node {
    private static final int Y = 0, DX = 1;
    private final Tensor x, y;
    private final Workspace ws;

    private Relu(Tensor x, Tensor y, Workspace ws) { super(x); this.x = x; this.y = y; this.ws = ws; }

    public static Tensor apply(Tensor x, Workspace ws) {
        Elementwise.requireDense("relu", x);
        ws = Workspace.orNew(ws);
        Tensor y = ws.like(Y, x);
        float[] xs = x.data(), ys = y.data();
        int xo = x.offset(), n = x.numel();
        for (int i = 0; i < n; i++) ys[i] = Math.max(xs[xo + i], 0f);   // NaN propagates
        return recording(x) ? record(y, new Relu(x, y, ws)) : y;
    }

    // dx = dy · [y > 0], without a branch: activations are positive or zero at random, and a mispredicted
    // branch per element cost more than the rest of the backward pass
    @Override protected void backward(Tensor dy) {
        float beta = gradBeta(x, ws, DX);
        float[] g = x.grad.data(), d = dy.data(), ys = y.data();
        int go = x.grad.offset(), dOff = dy.offset(), n = x.numel();
        if (beta == 0f) for (int i = 0; i < n; i++) g[go + i] = keep(ys[i], d[dOff + i]);
        else for (int i = 0; i < n; i++) g[go + i] += keep(ys[i], d[dOff + i]);
    }

    /** {@code y > 0 ? v : 0f} by bit masks: all ones when y's bits lie in (0, +Inf], i.e. y > 0 (not NaN). */
    static float keep(float y, float v) {
        int bits = Float.floatToRawIntBits(y);
        int positive = (-bits) >> 31, notNaN = (bits - 0x7f800001) >> 31;
        return Float.intBitsToFloat(Float.floatToRawIntBits(v) & positive & notNaN);
    }
}
