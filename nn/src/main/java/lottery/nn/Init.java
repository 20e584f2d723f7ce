package lottery.nn;

import java.util.SplittableRandom;

/**
 * Weight initialisers from fan-in / fan-out (for a conv, fan = channels · kh · kw).
 * Glorot: Var = 2 / (fanIn + fanOut); Kaiming (ReLU gain): Var = 2 / fanIn.
 * Normal variants draw N(0, Var); uniform ones U(-a, a) with a = sqrt(3 · Var).
 */
public enum Init {
    GLOROT_NORMAL, GLOROT_UNIFORM, KAIMING_NORMAL, KAIMING_UNIFORM;

    public void fill(float[] w, int fanIn, int fanOut, SplittableRandom rng) {
        double var = switch (this) {
            case GLOROT_NORMAL, GLOROT_UNIFORM -> 2.0 / (fanIn + fanOut);
            case KAIMING_NORMAL, KAIMING_UNIFORM -> 2.0 / fanIn;
        };
        boolean normal = this == GLOROT_NORMAL || this == KAIMING_NORMAL;
        double std = Math.sqrt(var), a = Math.sqrt(3 * var);
        for (int i = 0; i < w.length; i++)
            w[i] = (float) (normal ? rng.nextGaussian() * std : (rng.nextDouble() * 2 - 1) * a);
    }

    /** The RNG stream of a layer: depends only on (seed, layer name), so rebuilding is bit-identical. */
    public static SplittableRandom stream(long seed, String layerName) {
        long h = 1125899906842597L;
        for (int i = 0; i < layerName.length(); i++) h = 31 * h + layerName.charAt(i);
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + h).split();
    }
}
