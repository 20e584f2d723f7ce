package lottery.pruning;

import java.util.Map;

/** Callbacks from a level's training: progress, and the θk snapshot for late rewinding. */
public interface TrainHooks {
    /** After each optimizer step {@code iteration} (1-based). */
    default void onStep(int iteration) {}

    /** The iteration after which {@link #onSnapshot} receives the weights, or -1 for none. */
    default int snapshotAt() { return -1; }

    /** A deep copy of every parameter after step {@link #snapshotAt()}. */
    default void onSnapshot(Map<String, float[]> state) {}
}
