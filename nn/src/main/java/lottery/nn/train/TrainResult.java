package lottery.nn.train;

import java.util.List;

/**
 * Outcome of {@link Trainer#train}: every evaluation, the early-stop iteration (minimum validation
 * loss; the first on ties) with its test accuracy, and the final figures.
 */
public record TrainResult(List<EvalPoint> evals, int earlyStopIteration, double earlyStopTestAccuracy,
                          double finalTestAccuracy, double finalValLoss, double finalValAccuracy,
                          int iterations, double wallSeconds) {
    public TrainResult { evals = List.copyOf(evals); }

    /** Training steps per second of wall time (evaluation included). */
    public double iterationsPerSecond() { return wallSeconds > 0 ? iterations / wallSeconds : 0; }
}
