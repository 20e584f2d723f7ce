package lottery.nn.train;

import lottery.nn.Module;

/** Hooks into a training run; every method is optional. */
public interface TrainListener {
    /** After optimizer step {@code iteration} (1-based) with that step's mini-batch loss. */
    default void onStep(int iteration, float loss) {}

    /** After each evaluation. */
    default void onEval(EvalPoint point) {}

    /**
     * With the weights after {@code iteration} steps: called with the start iteration (0 unless the run
     * resumes at a later step) before the first step, then after every step (e.g. to copy θk for late
     * rewinding with {@code model.stateCopy()}).
     */
    default void onIteration(int iteration, Module model) {}

    /**
     * Whether {@link #onIteration} reads the model's weights after {@code iteration} steps. A trainer that
     * keeps the weights on a GPU copies them to the host only when this says so; the default, true, is
     * always correct (a listener that reads nothing there should say false).
     */
    default boolean readsWeights(int iteration) { return true; }

    TrainListener NONE = new TrainListener() {};
}
