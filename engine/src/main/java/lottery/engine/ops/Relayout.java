package lottery.engine.ops;

import lottery.engine.Layout;
import lottery.engine.Node;
import lottery.engine.Tensor;
import lottery.engine.Workspace;

/** Copies a 2-D tensor into the other layout (row-major ↔ transposed); same logical values. */
public final class Relayout extends Node {
    private final Tensor x;
    private final Workspace ws;
    private final int slot;

    private Relayout(Tensor x, Workspace ws, int slot) { super(x); this.x = x; this.ws = ws; this.slot = slot; }

    /** x: [batch, f] row-major -> [batch, f] stored as [f, batch]; uses slots {@code slot, slot + 1} of ws. */
    public static Tensor toTransposed(Tensor x, Workspace ws, int slot) {
        ws = Workspace.orNew(ws);
        Tensor y = Tensor.transposedLayout(ws.buffer(slot, x.numel()), x.size(0), x.size(1));
        Layout.copy2d(x, y, 0f);
        return recording(x) ? record(y, new Relayout(x, ws, slot)) : y;
    }

    /** x in the transposed layout -> row-major copy; uses slots {@code slot, slot + 1} of ws. */
    public static Tensor toRowMajor(Tensor x, Workspace ws, int slot) {
        ws = Workspace.orNew(ws);
        Tensor y = ws.tensor(slot, x.size(0), x.size(1));
        Layout.copy2d(x, y, 0f);
        return recording(x) ? record(y, new Relayout(x, ws, slot)) : y;
    }

    @Override protected void backward(Tensor dy) {
        if (!x.requiresGrad) return;
        float beta = gradBeta(x, ws, slot + 1);
        Layout.copy2d(dy, x.grad, beta);
    }
}
