package lottery.pruning;

/** Creates the experiment's network from an initialisation seed (same seed, same weights). */
public interface NetworkFactory {
    Network create(long initSeed);

    /** Optimizer steps per epoch of the training set (for {@code --rewind <k>ep}). */
    int iterationsPerEpoch();
}
