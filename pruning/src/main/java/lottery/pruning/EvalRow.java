package lottery.pruning;

/** One evaluation during a level's training: a row of metrics.csv. */
public record EvalRow(int iteration, double trainLoss, double valLoss, double valAccuracy, double testAccuracy) {}
