package lottery.pruning;

/** Progress of an IMP experiment, for progress bars and logs. All methods are optional. */
public interface ImpListener {
    /** Before anything runs: the number of (arm, replicate, level) jobs in all, and how many are already finished. */
    default void started(int totalLevels, int alreadyFinished) {}

    /** A level begins training for {@code iterations} steps. */
    default void levelStarted(Arm arm, int replicate, int level, long weightsRemaining, int iterations) {}

    default void step(int iteration) {}

    /** Step {@code iteration} of {@code task}; with several trainings side by side, this says which one. */
    default void step(LevelTask task, int iteration) { step(iteration); }

    /** Another process holds {@code task}'s lease (it is training that level); this run waits for it. */
    default void waiting(LevelTask task, String holder) {}

    /** A level finished ({@code resumed}: it was already in the store and not recomputed). */
    default void levelFinished(LevelResult result, boolean resumed) {}

    /** Something the user should know (a damaged file being recomputed). */
    default void warning(String message) {}

    ImpListener NONE = new ImpListener() {};
}
