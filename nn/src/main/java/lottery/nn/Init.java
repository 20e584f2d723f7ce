package lottery.nn;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Weight initialisers from fan-in / fan-out (for a conv, fan = channels · kh · kw).
 * Glorot: Var = 2 / (fanIn + fanOut); Kaiming (ReLU gain): Var = 2 / fanIn.
 * Normal variants draw N(0, Var); uniform ones U(-a, a) with a = sqrt(3 · Var). The truncated
 * normal is TensorFlow's {@code glorot_normal}: N(0, s²) redrawn outside ±2s, with
 * s = sqrt(Var) / 0.87962566 so that the truncated distribution still has variance Var.
 */
public enum Init {
    GLOROT_NORMAL, GLOROT_UNIFORM, KAIMING_NORMAL, KAIMING_UNIFORM, GLOROT_TRUNCATED_NORMAL;

    /** Standard deviation of N(0, 1) truncated to [-2, 2]. */
    static final double TRUNCATED_STD = 0.87962566103423978;

    public void fill(float[] w, int fanIn, int fanOut, SplittableRandom rng) {
        double var = switch (this) {
            case GLOROT_NORMAL, GLOROT_UNIFORM, GLOROT_TRUNCATED_NORMAL -> 2.0 / (fanIn + fanOut);
            case KAIMING_NORMAL, KAIMING_UNIFORM -> 2.0 / fanIn;
        };
        double std = Math.sqrt(var), a = Math.sqrt(3 * var);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) switch (this) {
                case GLOROT_NORMAL, KAIMING_NORMAL -> rng.nextGaussian() * std;
                case GLOROT_UNIFORM, KAIMING_UNIFORM -> (rng.nextDouble() * 2 - 1) * a;
                case GLOROT_TRUNCATED_NORMAL -> truncatedGaussian(rng) * (std / TRUNCATED_STD);
            };
        }
    }

    private static double truncatedGaussian(SplittableRandom rng) {
        double z;
        do z = rng.nextGaussian(); while (Math.abs(z) > 2);
        return z;
    }

    /** The command-line name: glorot-normal, glorot-truncated, glorot-uniform, kaiming-normal, kaiming-uniform. */
    public String id() {
        return this == GLOROT_TRUNCATED_NORMAL ? "glorot-truncated" : name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@link #id()}. */
    public static Init parse(String s) {
        for (Init i : values()) if (i.id().equals(s.trim().toLowerCase(Locale.ROOT))) return i;
        throw new IllegalArgumentException("unknown init '" + s + "'; choose one of "
                + String.join(", ", Arrays.stream(values()).map(Init::id).toList()));
    }

    /** The RNG stream of a layer: depends only on (seed, layer name), so rebuilding is bit-identical. */
    public static SplittableRandom stream(long seed, String layerName) {
        long h = 1125899906842597L;
        for (int i = 0; i < layerName.length(); i++) h = 31 * h + layerName.charAt(i);
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + h).split();
    }
}
