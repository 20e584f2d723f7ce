/**
 * The lottery-ticket experiment: iterative magnitude pruning (IMP) with rewinding.
 *
 * <p>Reading order: {@link lottery.pruning.Masks} (one bit-packed mask per prunable layer),
 * {@link lottery.pruning.PruningStrategy} and its registry {@link lottery.pruning.PruningStrategies}
 * ({@code layerwise}, {@code global}, {@code random}; each round removes exactly
 * {@code rint(rate × surviving)} weights, see {@link lottery.pruning.PruningRates#countToPrune};
 * and the structured {@link lottery.pruning.NmPruning} and {@link lottery.pruning.BlockPruning}),
 * {@link lottery.pruning.Rewind} (θ0, θk or none), {@link lottery.pruning.Imp} (the level loop
 * and the control arms of {@link lottery.pruning.Arm}), {@link lottery.pruning.ExperimentConfig}
 * (hyperparameters whose hash names the run, with {@link lottery.pruning.Presets} for the paper's
 * settings) and {@link lottery.pruning.ExperimentStore} (the resumable on-disk layout). On a
 * finished store, {@link lottery.pruning.Stability} measures instability (linear mode connectivity).
 *
 * <p>The level loop talks to networks only through {@link lottery.pruning.Network}; the nn
 * adapter is {@code NnNetwork}/{@code NnNetworks}.
 *
 * <p>Scheduling: an experiment is a graph of trainings ({@link lottery.pruning.LevelTask});
 * {@link lottery.pruning.StoreTasks} makes it a {@link lottery.pruning.TaskGraph} whose levels
 * each run at most once across every process sharing the store (under a
 * {@link lottery.pruning.Lease}), {@link lottery.pruning.LocalExecutor} runs it over
 * {@code --jobs} workers, and {@code lottery.pruning.sweep} turns grids of experiments into Slurm
 * job arrays.
 */
package lottery.pruning;
