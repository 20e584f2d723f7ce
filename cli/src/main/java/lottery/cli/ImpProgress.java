package lottery.cli;

import lottery.pruning.Arm;
import lottery.pruning.ImpListener;
import lottery.pruning.LevelResult;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress of an IMP run on the console: a bar for the experiment (levels done of all levels,
 * with an ETA from the levels computed in this run), a bar for the level being trained, and one
 * line per finished level on {@code out}. Without a terminal (output piped to a file) only the
 * lines are printed.
 */
final class ImpProgress implements ImpListener, AutoCloseable {
    private final PrintStream out;
    private final boolean bars = System.console() != null && System.console().isTerminal();
    private ProgressBar experiment;
    private ProgressBar level;
    private int done;
    private String current = "";

    /** The level being trained, e.g. "ticket rep 0 level 3" (empty before the first). */
    String current() { return current; }

    ImpProgress(PrintStream out) { this.out = out; }

    @Override public void started(int totalLevels, int alreadyFinished) {
        done = alreadyFinished;
        if (alreadyFinished >= totalLevels) out.println("all " + totalLevels + " levels are already in the store: nothing to compute");
        else if (alreadyFinished > 0) out.println("resuming: " + alreadyFinished + " of " + totalLevels + " levels already in the store");
        if (!bars) return;
        experiment = new ProgressBarBuilder().setTaskName("IMP levels").setInitialMax(totalLevels)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000)
                .startsFrom(alreadyFinished, Duration.ZERO).build();
    }

    @Override public void levelStarted(Arm arm, int replicate, int lvl, long weightsRemaining, int iterations) {
        current = String.format(Locale.ROOT, "%s rep %d level %d", arm.id(), replicate, lvl);
        if (!bars) return;
        level = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "%s r%d L%02d", arm.id(), replicate, lvl))
                .setInitialMax(iterations).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
                .setUnit(" it", 1).showSpeed().clearDisplayOnFinish().build();
    }

    @Override public void step(int iteration) {
        if (level != null) level.stepTo(iteration);
    }

    @Override public void levelFinished(LevelResult r, boolean resumed) {
        if (level != null) { level.close(); level = null; }
        if (resumed) return;   // already finished in an earlier run: counted in started()
        done++;
        if (experiment != null) experiment.stepTo(done);
        out.printf(Locale.ROOT, "%-8s rep %d level %2d: %6.2f%% weights remaining, test accuracy at early stop %.2f%% (iteration %d), %.1f s%n",
                r.arm(), r.replicate(), r.level(), 100 * r.density(), 100 * r.earlyStopTestAccuracy(), r.earlyStopIteration(), r.wallSeconds());
    }

    @Override public void warning(String message) {
        System.err.println("lottery: warning: " + message);
    }

    @Override public void close() {
        if (level != null) level.close();
        if (experiment != null) experiment.close();
    }
}
