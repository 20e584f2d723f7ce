package lottery.pruning;

import java.util.Map;

/**
 * The result of one (arm, replicate, level): level.json and one record of summary.json.
 * Accuracies are fractions in [0, 1]; {@code valLoss} is the minimum validation loss (at the
 * early-stop iteration).
 */
public record LevelResult(String arm, int replicate, int level, long weightsRemaining, double density,
                          int earlyStopIteration, double earlyStopTestAccuracy, double finalTestAccuracy,
                          double valLoss, double wallSeconds, Map<String, Integer> remainingPerLayer) {}
