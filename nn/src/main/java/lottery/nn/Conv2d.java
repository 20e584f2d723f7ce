package lottery.nn;

import lottery.engine.Tensor;
import lottery.engine.Workspace;

/** 2-D convolution; W: [outC, inC, k, k] ("name.weight"), b: [outC] ("name.bias", zero init). */
public final class Conv2d extends Module {
    private final Parameter weight, bias;
    private final int stride, pad;
    private final Workspace ws = new Workspace();

    public Conv2d(String name, int inC, int outC, int k, int stride, int pad, Init init, long seed) {
        if (inC < 1 || outC < 1 || k < 1) throw new IllegalArgumentException("Conv2d " + name + ": channels and kernel must be positive");
        weight = addParameter(new Parameter(name + ".weight", new int[]{outC, inC, k, k}, true));
        bias = addParameter(new Parameter(name + ".bias", new int[]{outC}, false));
        this.stride = stride;
        this.pad = pad;
        init.fill(weight.data(), inC * k * k, outC * k * k, Init.stream(seed, name));
    }

    /** x: [N, inC, H, W]. */
    @Override public Tensor forward(Tensor x) {
        return lottery.engine.ops.Conv2d.apply(x, weight.tensor(), bias.tensor(), weight.weightMask(), stride, pad, ws);
    }

    public Parameter weight() { return weight; }
    public Parameter bias() { return bias; }
}
