package lottery.nn;

import lottery.engine.Tensor;
import lottery.engine.Workspace;

import java.util.Arrays;

/** Fully connected layer y = x · (W ⊙ M)ᵀ + b; W: [out, in] ("name.weight"), b: [out] ("name.bias", zero init). */
public final class Linear extends Module {
    private final String name;
    private final Parameter weight, bias;
    private final Workspace ws = new Workspace();

    public Linear(String name, int in, int out, Init init, long seed) {
        if (in < 1 || out < 1) throw new IllegalArgumentException("Linear " + name + ": sizes must be positive, got " + in + " -> " + out);
        this.name = name;
        weight = addParameter(new Parameter(name + ".weight", new int[]{out, in}, true));
        bias = addParameter(new Parameter(name + ".bias", new int[]{out}, false));
        init.fill(weight.data(), in, out, Init.stream(seed, name));
    }

    /** x: [batch, in] in either layout. */
    @Override public Tensor forward(Tensor x) {
        if (x.dim() != 2) throw new IllegalArgumentException("Linear " + name + ": expected [batch, in], got " + Arrays.toString(x.shape()));
        return lottery.engine.ops.Linear.apply(x, weight.tensor(), bias.tensor(), weight.weightMask(), ws);
    }

    public Parameter weight() { return weight; }
    public Parameter bias() { return bias; }
    public String name() { return name; }
}
