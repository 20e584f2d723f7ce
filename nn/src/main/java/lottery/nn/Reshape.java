package lottery.nn;

import lottery.engine.Tensor;
import lottery.engine.Workspace;

/** [N, ...] -> [N, shape...] (e.g. flat images [N, C·H·W] to [N, C, H, W]). */
public final class Reshape extends Module {
    private final int[] shape;
    private final Workspace ws = new Workspace();

    public Reshape(int... shape) { this.shape = shape.clone(); }

    @Override public Tensor forward(Tensor x) {
        int[] full = new int[shape.length + 1];
        full[0] = x.size(0);
        System.arraycopy(shape, 0, full, 1, shape.length);
        return lottery.engine.ops.Reshape.apply(x, ws, full);
    }
}
