package lottery.pruning;

import java.util.List;
import java.util.Map;

/**
 * What IMP needs from a network and its training, and nothing more: the one seam between the
 * level loop and the nn package ({@code NnNetwork} adapts a Module and its Trainer).
 */
public interface Network {
    /** Every parameter's shape by name, in the model's stable order. */
    Map<String, int[]> shapes();

    /** Names of the prunable parameters (weights of linear and conv layers, not biases), in order. */
    List<String> prunable();

    /** Deep copies of every parameter's values, by name. */
    Map<String, float[]> state();

    /** Copies values in (all parameters must be present); masks are untouched. */
    void load(Map<String, float[]> state);

    /** Installs masks on the prunable parameters and zeroes the pruned weights. */
    void setMasks(Masks masks);

    /** Trains with a fresh optimizer; the data order comes from {@code dataSeed}. */
    TrainOutcome train(long dataSeed, TrainHooks hooks);
}
