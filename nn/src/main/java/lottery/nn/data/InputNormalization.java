package lottery.nn.data;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How raw pixels become network inputs; every kind first scales a pixel byte p to p / 255.
 * <ul>
 * <li>{@code none}: x = p / 255 (the lottery-ticket paper's code);</li>
 * <li>{@code standardize}: x = (p / 255 - mean[c]) / std[c] per channel c, with the mean and
 *     (population) std of the training split;</li>
 * <li>{@code l2}: x = (p / 255) / ||p / 255||₂ per image (each image a unit vector).</li>
 * </ul>
 * {@link #metadata()} spells this out for the header of every saved model, so the weights can be
 * evaluated elsewhere (numpy, PyTorch) without guessing.
 */
public record InputNormalization(Kind kind, float[] mean, float[] std) {
    public enum Kind {
        NONE, STANDARDIZE, L2;

        public String id() { return name().toLowerCase(Locale.ROOT); }

        public static Kind parse(String s) {
            String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
            for (Kind k : values()) if (k.id().equals(t)) return k;
            throw new IllegalArgumentException("--normalize must be none, standardize or l2, got '" + s + "'");
        }
    }

    /** Inputs used as given (hand-built datasets in tests and tools). */
    public static final InputNormalization AS_GIVEN = new InputNormalization(Kind.NONE, null, null);

    /** Metadata keys in saved models. */
    public static final String KEY_KIND = "input.normalize", KEY_MEAN = "input.mean", KEY_STD = "input.std",
            KEY_FORMULA = "input.formula", KEY_SHAPE = "input.shape";

    public InputNormalization {
        if (kind == null) throw new IllegalArgumentException("normalisation kind must not be null");
        if ((mean == null) != (std == null) || (mean != null && mean.length != std.length))
            throw new IllegalArgumentException("mean and std must both be given, one value per channel");
        mean = mean == null ? null : mean.clone();
        std = std == null ? null : std.clone();
    }

    /** The normalisation of {@code kind} fitted on {@code train} (per-channel statistics for standardize). */
    public static InputNormalization fit(Kind kind, Dataset train) {
        int c = train.sampleShape()[0];
        return switch (kind) {
            case STANDARDIZE -> {
                float[][] stats = train.channelStats();
                yield new InputNormalization(kind, stats[0], stats[1]);
            }
            case NONE -> new InputNormalization(kind, new float[c], ones(c));
            case L2 -> new InputNormalization(kind, null, null);
        };
    }

    /** Applies this normalisation in place to samples already scaled to p / 255. */
    public void apply(Dataset d) {
        switch (kind) {
            case NONE -> {}
            case STANDARDIZE -> d.standardize(mean, std);
            case L2 -> d.l2Normalize();
        }
    }

    /** The metadata of a model trained on these inputs: kind, formula, per-channel mean and std, sample shape. */
    public Map<String, String> metadata(int[] sampleShape) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(KEY_KIND, kind.id());
        m.put(KEY_FORMULA, switch (kind) {
            case NONE -> mean == null ? "x as given (no normalisation by the loader)" : "x = pixel / 255";
            case STANDARDIZE -> "x = (pixel / 255 - mean[c]) / std[c] per channel c";
            case L2 -> "x = (pixel / 255) / ||pixel / 255||_2 per image";
        });
        if (mean != null) {
            m.put(KEY_MEAN, join(mean));
            m.put(KEY_STD, join(std));
        }
        if (sampleShape != null) m.put(KEY_SHAPE, sampleShape[0] + "," + sampleShape[1] + "," + sampleShape[2]);
        return m;
    }

    private static String join(float[] v) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < v.length; i++) s.append(i == 0 ? "" : ",").append(v[i]);
        return s.toString();
    }

    private static float[] ones(int n) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1f);
        return v;
    }

    @Override public float[] mean() { return mean == null ? null : mean.clone(); }

    @Override public float[] std() { return std == null ? null : std.clone(); }

    @Override public boolean equals(Object o) {
        return o instanceof InputNormalization n && kind == n.kind && java.util.Arrays.equals(mean, n.mean)
                && java.util.Arrays.equals(std, n.std);
    }

    @Override public int hashCode() { return 31 * kind.hashCode() + java.util.Arrays.hashCode(mean); }

    @Override public String toString() { return metadata(null).toString(); }
}
