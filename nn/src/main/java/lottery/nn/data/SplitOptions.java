package lottery.nn.data;

/**
 * How a training set is split and normalised: {@code validationSize} samples held out by a seeded
 * permutation ({@code splitSeed}, independent of the training seed so every run sees the same
 * split), and the input normalisation ({@link InputNormalization}; statistics from the training part).
 */
public record SplitOptions(int validationSize, long splitSeed, InputNormalization.Kind normalize) {
    /** The paper's setup: 5,000 validation samples (MNIST: 55K train / 5K validation), standardised. */
    public static final SplitOptions DEFAULT = new SplitOptions(5000, 0L, InputNormalization.Kind.STANDARDIZE);

    public SplitOptions {
        if (validationSize < 0) throw new IllegalArgumentException("validation size must be >= 0, got " + validationSize);
        if (normalize == null) throw new IllegalArgumentException("normalize must not be null");
    }

    /** {@code standardize}: per-channel standardisation, else pixels / 255 only. */
    public SplitOptions(int validationSize, long splitSeed, boolean standardize) {
        this(validationSize, splitSeed, standardize ? InputNormalization.Kind.STANDARDIZE : InputNormalization.Kind.NONE);
    }

    /** The default split with another normalisation. */
    public static SplitOptions normalized(InputNormalization.Kind kind) { return new SplitOptions(5000, 0L, kind); }
}
