package lottery.pruning;

import java.util.Map;

/** Callbacks from a level's training: progress, snapshots (θk for late rewinding) and an early end. */
public interface TrainHooks {
    /** After each optimizer step {@code iteration} (1-based, global clock). */
    default void onStep(int iteration) {}

    /** The iteration after which {@link #onSnapshot} receives the weights, or -1 for none. */
    default int snapshotAt() { return -1; }

    /** Whether {@link #onSnapshot} wants the weights after step {@code iteration} (default: {@link #snapshotAt()}). */
    default boolean snapshotAt(int iteration) { return iteration == snapshotAt(); }

    /** A deep copy of every parameter after a step that {@link #snapshotAt(int)} asked for. */
    default void onSnapshot(Map<String, float[]> state) {}

    /** The last step to train, or -1 for the configured end T (a replay that only needs early snapshots). */
    default int endAt() { return -1; }
}
