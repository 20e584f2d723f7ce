package lottery.pruning;

import java.util.List;

/**
 * What one level's training produced: its evaluations, the early-stop iteration (minimum
 * validation loss) with the test accuracy there and that validation loss, and the test accuracy
 * at the last iteration.
 */
public record TrainOutcome(List<EvalRow> evals, int earlyStopIteration, double earlyStopTestAccuracy,
                           double finalTestAccuracy, double valLoss) {
    public TrainOutcome { evals = List.copyOf(evals); }
}
