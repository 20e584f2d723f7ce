package lottery.cli;

import lottery.nn.models.Models;
import lottery.pruning.ExperimentConfig;
import picocli.CommandLine.Option;

/** Model and input settings shared by imp, run and train: dropout, input normalisation, weight init. */
final class VariantOptions {
    @Option(names = "--dropout", paramLabel = "P",
            description = "Dropout rate on the hidden fully-connected layers (default: 0.5 for the -dropout models, else 0).")
    Double dropout;
    @Option(names = "--normalize", defaultValue = "standardize",
            description = "Input normalisation after scaling pixels to [0, 1]: none, standardize (per channel, training-split statistics) "
                    + "or l2 (each image to unit length) (default: ${DEFAULT-VALUE}).")
    String normalize;
    @Option(names = "--init", defaultValue = "glorot-normal",
            description = "Weight init: glorot-normal, glorot-truncated (TensorFlow's, cut at 2 std), glorot-uniform, kaiming-normal "
                    + "or kaiming-uniform (default: ${DEFAULT-VALUE}).")
    String init;

    /** The dropout rate for {@code model}: --dropout if given, else the model's own. */
    double dropout(String model) { return dropout != null ? dropout : Models.defaultDropout(model); }

    ExperimentConfig apply(ExperimentConfig c) { return c.withVariant(dropout(c.model()), normalize, init); }
}
