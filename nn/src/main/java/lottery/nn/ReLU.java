package lottery.nn;

import lottery.engine.Tensor;
import lottery.engine.Workspace;
import lottery.engine.ops.Relu;

/** max(x, 0), any layout. */
public final class ReLU extends Module {
    private final Workspace ws = new Workspace();

    @Override public Tensor forward(Tensor x) { return Relu.apply(x, ws); }
}
