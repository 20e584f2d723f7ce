package lottery.engine.ops;

import lottery.engine.Node;
import lottery.engine.Tensor;
import lottery.engine.Workspace;

import java.util.Arrays;

/** A new shape over the same values (x row-major: a view; otherwise a row-major copy). Flatten is a reshape. */
public final class Reshape extends Node {
    private static final int COPY = 0, DX = 1;
    private final Tensor x;
    private final Workspace ws;

    private Reshape(Tensor x, Workspace ws) { super(x); this.x = x; this.ws = ws; }

    public static Tensor apply(Tensor x, Workspace ws, int... shape) {
        if (Tensor.numel(shape) != x.numel())
            throw new IllegalArgumentException("reshape: cannot reshape " + Arrays.toString(x.shape()) + " to " + Arrays.toString(shape));
        ws = Workspace.orNew(ws);
        Tensor src = x;
        if (!x.isContiguous()) {
            Tensor c = ws.tensor(COPY, x.shape());
            System.arraycopy(x.toArray(), 0, c.data(), 0, c.numel());
            src = c;
        }
        Tensor y = src.view(shape);
        return recording(x) ? record(y, new Reshape(x, ws)) : y;
    }

    /** [n, d1, d2, ...] -> [n, d1·d2·...]. */
    public static Tensor flatten(Tensor x, Workspace ws) {
        return apply(x, ws, x.size(0), x.numel() / Math.max(1, x.size(0)));
    }

    @Override protected void backward(Tensor dy) {
        if (!x.requiresGrad) return;
        float beta = gradBeta(x, ws, DX);
        float[] g = x.grad.data();
        if (x.isContiguous() && dy.isContiguous()) {
            float[] d = dy.data();
            int go = x.grad.offset(), dOff = dy.offset(), n = x.numel();
            for (int i = 0; i < n; i++) g[go + i] = beta == 0f ? d[dOff + i] : g[go + i] + d[dOff + i];
        } else {
            // x in the transposed layout: the row-major order of dy maps back through x's strides
            Tensor dx = dy.isContiguous() ? dy.view(x.shape()) : Tensor.of(dy.toArray(), x.shape());
            if (x.dim() == 2) lottery.engine.Layout.copy2d(dx, x.grad, beta);
            else throw new IllegalArgumentException("reshape: unsupported layout " + x);
        }
    }
}
