package lottery.pruning;

import lottery.nn.data.BatchLoader;
import lottery.nn.data.Datasets;
import lottery.nn.data.SplitData;
import lottery.nn.models.Models;
import lottery.nn.train.TrainConfig;

import java.io.IOException;
import java.nio.file.Path;

/** Creates the experiment's nn model (from {@link Models}) on its dataset, for the level loop. */
public final class NnNetworks implements NetworkFactory {
    private final ExperimentConfig config;
    private final SplitData data;

    public NnNetworks(ExperimentConfig config, SplitData data) {
        checkNames(config);
        this.config = config;
        this.data = data;
    }

    /** Loads the dataset (fetching it into the cache when missing and no {@code dataDir} is given). */
    public static NnNetworks load(ExperimentConfig config, Path dataDir) throws IOException {
        checkNames(config);
        return new NnNetworks(config, Datasets.load(config.dataset(), dataDir, dataDir == null, config.splitOptions()));
    }

    /** An IllegalArgumentException when the model or dataset is unknown. */
    public static void checkNames(ExperimentConfig config) {
        if (!Models.NAMES.contains(config.model()))
            throw new IllegalArgumentException("unknown model '" + config.model() + "'; choose one of " + String.join(", ", Models.NAMES));
        if (!Datasets.NAMES.contains(config.dataset()))
            throw new IllegalArgumentException("unknown dataset '" + config.dataset() + "'; choose one of " + String.join(", ", Datasets.NAMES));
    }

    @Override public Network create(long initSeed) {
        return new NnNetwork(Models.create(config.model(), data.train().sampleShape(), data.train().classes(), initSeed,
                config.modelOptions()), data, this::trainConfig);
    }

    /** One level's training: the experiment's schedule with data order from {@code dataSeed}. */
    TrainConfig trainConfig(long dataSeed) {
        return new TrainConfig(config.iterations(), config.batch(), config.optimizer(), config.lr(), config.momentum(), false,
                config.weightDecay(), lottery.nn.optim.Schedule.constant(), config.evalEvery(), dataSeed);
    }

    /** Batches per epoch as the loader serves them: floor(training samples / batch), the last partial batch dropped. */
    @Override public int iterationsPerEpoch() {
        return BatchLoader.batchesPerEpoch(data.train().size(), config.batch(), true);
    }
}
