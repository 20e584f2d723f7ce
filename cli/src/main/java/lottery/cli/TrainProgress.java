package lottery.cli;

import lottery.nn.train.EvalPoint;
import lottery.nn.train.TrainConfig;
import lottery.nn.train.TrainListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Progress of a training run: a bar with iteration, loss and it/s; the latest evaluation as the
 * bar's message, and about ten evaluation lines over the run. Appends evaluations to the outputs.
 */
final class TrainProgress implements TrainListener, AutoCloseable {
    private final ProgressBar bar;
    private final TrainOutputs outputs;
    private final int printEvery;
    private int evals;
    private float loss;
    private String lastEval = "";

    TrainProgress(TrainConfig cfg, TrainOutputs outputs) {
        this.outputs = outputs;
        this.printEvery = Math.max(1, cfg.iterations() / cfg.evalEvery() / 10);
        this.bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(cfg.iterations())
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).showSpeed().setUnit(" it", 1)
                .continuousUpdate().build();
    }

    @Override public void onStep(int iteration, float l) {
        loss = l;
        bar.stepTo(iteration);
        if (iteration % 20 == 0) bar.setExtraMessage(String.format(Locale.ROOT, "  loss %.4f%s", loss, lastEval));
    }

    @Override public void onEval(EvalPoint p) {
        evals++;
        lastEval = String.format(Locale.ROOT, " | val %.4f %.2f%% | test %.2f%%", p.valLoss(), 100 * p.valAccuracy(), 100 * p.testAccuracy());
        bar.setExtraMessage(String.format(Locale.ROOT, "  loss %.4f%s", loss, lastEval));
        if (evals % printEvery == 0)
            System.out.printf(Locale.ROOT, "%n  it %6d  train loss %.4f  val loss %.4f  val acc %.2f%%  test acc %.2f%%%n",
                    p.iteration(), p.trainLoss(), p.valLoss(), 100 * p.valAccuracy(), 100 * p.testAccuracy());
        if (outputs != null) {
            try {
                outputs.append(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override public void close() { bar.close(); }
}
