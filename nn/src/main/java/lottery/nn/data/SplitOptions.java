package lottery.nn.data;

/**
 * How a training set is split and normalised: {@code validationSize} samples held out by a seeded
 * permutation ({@code splitSeed}, independent of the training seed so every run sees the same
 * split), and optional per-channel standardisation with the statistics of the training part.
 */
public record SplitOptions(int validationSize, long splitSeed, boolean standardize) {
    /** The paper's setup: 5,000 validation samples (MNIST: 55K train / 5K validation), standardised. */
    public static final SplitOptions DEFAULT = new SplitOptions(5000, 0L, true);

    public SplitOptions {
        if (validationSize < 0) throw new IllegalArgumentException("validation size must be >= 0, got " + validationSize);
    }
}
