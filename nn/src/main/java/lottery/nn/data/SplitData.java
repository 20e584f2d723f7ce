package lottery.nn.data;

import java.util.Map;

/**
 * Train / validation / test sets of one experiment and how their inputs were normalised.
 * Validation is a seeded hold-out of the training file; test is the separate test file (MNIST: t10k).
 */
public record SplitData(Dataset train, Dataset validation, Dataset test, InputNormalization normalization) {
    public SplitData {
        if (normalization == null) normalization = InputNormalization.AS_GIVEN;
    }

    /** Sets used as given (no normalisation recorded). */
    public SplitData(Dataset train, Dataset validation, Dataset test) { this(train, validation, test, InputNormalization.AS_GIVEN); }

    /**
     * Splits {@code trainFile} into train and validation with a seeded permutation, converts all
     * three to floats in [0, 1], and normalises every set as {@code opts} says, with statistics
     * of the training part.
     */
    public static SplitData split(String name, LabeledBytes trainFile, LabeledBytes testFile, SplitOptions opts) {
        int n = trainFile.count();
        if (opts.validationSize() >= n)
            throw new IllegalArgumentException(name + ": validation size " + opts.validationSize() + " leaves no training samples out of " + n);
        int[] perm = Permutations.random(n, opts.splitSeed());
        int trainSize = n - opts.validationSize();
        int[] trainIdx = java.util.Arrays.copyOfRange(perm, 0, trainSize);
        int[] valIdx = java.util.Arrays.copyOfRange(perm, trainSize, n);
        Dataset train = Dataset.fromBytes(name + "/train", trainFile, trainIdx);
        Dataset validation = Dataset.fromBytes(name + "/validation", trainFile, valIdx);
        Dataset test = Dataset.fromBytes(name + "/test", testFile, Permutations.identity(testFile.count()));
        InputNormalization norm = InputNormalization.fit(opts.normalize(), train);
        for (Dataset d : new Dataset[] {train, validation, test}) norm.apply(d);
        return new SplitData(train, validation, test, norm);
    }

    /** The normalisation as metadata for saved models (kind, formula, mean, std, input shape). */
    public Map<String, String> metadata() { return normalization.metadata(train.sampleShape()); }
}
