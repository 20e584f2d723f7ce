package lottery.pruning;

import java.util.Locale;

/** metrics.csv of a level: one row per evaluation. */
final class MetricsCsv {
    static final String HEADER = "iteration,train_loss,val_loss,val_accuracy,test_accuracy,weights_remaining";

    private MetricsCsv() {}

    static String format(TrainOutcome outcome, long weightsRemaining) {
        StringBuilder s = new StringBuilder(HEADER).append('\n');
        for (EvalRow e : outcome.evals())
            s.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.5f,%.5f,%d%n", e.iteration(), e.trainLoss(), e.valLoss(),
                    e.valAccuracy(), e.testAccuracy(), weightsRemaining));
        return s.toString();
    }
}
