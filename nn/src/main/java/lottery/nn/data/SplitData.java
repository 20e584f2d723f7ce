package lottery.nn.data;

/**
 * Train / validation / test sets of one experiment. Validation is a seeded hold-out of the
 * training file; test is the separate test file (MNIST: t10k).
 */
public record SplitData(Dataset train, Dataset validation, Dataset test) {

    /**
     * Splits {@code trainFile} into train and validation with a seeded permutation, converts all
     * three to floats in [0, 1], and (if asked) standardises every set per channel with the mean
     * and std of the training part.
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
        if (opts.standardize()) {
            float[][] stats = train.channelStats();
            for (Dataset d : new Dataset[] {train, validation, test}) d.standardize(stats[0], stats[1]);
        }
        return new SplitData(train, validation, test);
    }
}
