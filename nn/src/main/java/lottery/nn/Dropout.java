package lottery.nn;

import lottery.engine.Tensor;
import lottery.engine.Workspace;
import lottery.nn.data.Permutations;

import java.util.SplittableRandom;

/**
 * Inverted dropout; identity in eval mode. The keep mask of training step t is drawn from a stream
 * that depends only on (seed, layer name, t), where t counts this layer's training forwards, so a
 * run resumed at step k ({@link #seek}) draws exactly the masks an uninterrupted run draws there.
 */
public final class Dropout extends Module {
    private final float p;
    private final long base;
    private final Workspace ws = new Workspace();
    private long step;

    public Dropout(String name, float p, long seed) {
        if (!(p >= 0f && p < 1f)) throw new IllegalArgumentException("Dropout " + name + ": p must be in [0, 1), got " + p);
        this.p = p;
        this.base = Init.stream(seed, name).nextLong();
    }

    public float p() { return p; }

    @Override public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0f) return x;
        SplittableRandom rng = new SplittableRandom(Permutations.mix64(base + step++ * 0x9E3779B97F4A7C15L));
        return lottery.engine.ops.Dropout.apply(x, p, rng, ws);
    }

    /** Makes the next training forward draw the mask of step {@code t} (0-based). */
    public void seek(long t) {
        if (t < 0) throw new IllegalArgumentException("dropout step must be >= 0, got " + t);
        step = t;
    }

    /** Positions every dropout layer of {@code model} at training step {@code t}. */
    public static void seekAll(Module model, long t) {
        if (model instanceof Dropout d) d.seek(t);
        for (Module c : model.children()) seekAll(c, t);
    }
}
