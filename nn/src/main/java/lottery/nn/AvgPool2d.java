package lottery.nn;

import lottery.engine.Tensor;
import lottery.engine.Workspace;
import lottery.engine.ops.Pool2d;

/** Average pooling over k×k windows with the given stride. */
public final class AvgPool2d extends Module {
    private final int k, stride;
    private final Workspace ws = new Workspace();

    public AvgPool2d(int k, int stride) { this.k = k; this.stride = stride; }

    @Override public Tensor forward(Tensor x) { return Pool2d.avgPool(x, k, stride, ws); }
}
