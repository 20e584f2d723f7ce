package lottery.nn;

import lottery.engine.Tensor;
import lottery.engine.Workspace;

import java.util.SplittableRandom;

/** Inverted dropout with its own seeded stream; identity in eval mode. */
public final class Dropout extends Module {
    private final float p;
    private final SplittableRandom rng;
    private final Workspace ws = new Workspace();

    public Dropout(String name, float p, long seed) {
        if (!(p >= 0f && p < 1f)) throw new IllegalArgumentException("Dropout " + name + ": p must be in [0, 1), got " + p);
        this.p = p;
        this.rng = Init.stream(seed, name);
    }

    @Override public Tensor forward(Tensor x) {
        return isTraining() && p > 0f ? lottery.engine.ops.Dropout.apply(x, p, rng, ws) : x;
    }
}
