package lottery.nn;

import lottery.engine.Tensor;
import lottery.engine.Workspace;
import lottery.engine.ops.Reshape;

/** [N, d1, d2, ...] -> [N, d1·d2·...]. */
public final class Flatten extends Module {
    private final Workspace ws = new Workspace();

    @Override public Tensor forward(Tensor x) { return x.dim() == 2 ? x : Reshape.flatten(x, ws); }
}
