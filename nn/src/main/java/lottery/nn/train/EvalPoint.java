package lottery.nn.train;

/**
 * One evaluation: after {@code iteration} steps, the mean training loss since the previous
 * evaluation, validation loss and accuracy, test accuracy (accuracies in [0, 1]).
 */
public record EvalPoint(int iteration, double trainLoss, double valLoss, double valAccuracy, double testAccuracy) {}
