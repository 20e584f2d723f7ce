package lottery.cli;

import lottery.pruning.Stability;
import lottery.pruning.StabilityPoint;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.util.Locale;

/** Progress of an instability analysis: a bar per training on a terminal, one line per measurement. */
final class StabilityProgress implements Stability.Listener, AutoCloseable {
    private final PrintStream out;
    private final boolean bars = System.console() != null && System.console().isTerminal();
    private ProgressBar bar;
    private int total, done;

    StabilityProgress(PrintStream out) { this.out = out; }

    @Override public void started(int total, int alreadyDone) {
        this.total = total;
        this.done = alreadyDone;
        if (alreadyDone > 0) out.println("resuming: " + alreadyDone + " of " + total + " measurements already in the store");
    }

    @Override public void training(String what, int from, int to) {
        closeBar();
        if (!bars) return;
        bar = new ProgressBarBuilder().setTaskName(what).setInitialMax(to).startsFrom(from, java.time.Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).setUnit(" it", 1).clearDisplayOnFinish().build();
    }

    @Override public void step(int iteration) { if (bar != null) bar.stepTo(iteration); }

    @Override public void pointFinished(StabilityPoint p, boolean resumed) {
        closeBar();
        if (resumed) return;
        done++;
        out.printf(Locale.ROOT, "[%d/%d] rep %d level %2d k %5d: barrier %.2f points (endpoints %.2f%%, %.2f%%), %.1f s%n", done, total,
                p.replicate(), p.level(), p.k(), 100 * p.barrier(), 100 * p.errorA(), 100 * p.errorB(), p.wallSeconds());
    }

    @Override public void message(String line) { System.err.println("lottery: warning: " + line); }

    private void closeBar() {
        if (bar != null) { bar.close(); bar = null; }
    }

    @Override public void close() { closeBar(); }
}
