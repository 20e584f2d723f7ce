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

    /**
     * Trains steps {@code start+1 .. T} with a fresh optimizer on the global clock: the data order
     * comes from {@code dataSeed} and, like the learning-rate schedule, resumes at step {@code start}
     * as if training had run from 0 (late rewinding); every reported iteration is global.
     */
    TrainOutcome train(long dataSeed, int start, TrainHooks hooks);

    /** Trains from step 0. */
    default TrainOutcome train(long dataSeed, TrainHooks hooks) { return train(dataSeed, 0, hooks); }

    /** Test accuracy in [0, 1] of the current weights (for instability analysis). */
    default double testAccuracy() { throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot evaluate"); }

    /** Key-value pairs stored with every saved copy of this network's weights (e.g. its input normalisation). */
    default java.util.Map<String, String> metadata() { return java.util.Map.of(); }
}
