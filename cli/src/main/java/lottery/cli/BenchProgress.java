package lottery.cli;

import lottery.bench.Progress;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar with ETA on stderr, fed in estimated-milliseconds units by the bench runners. */
final class BenchProgress implements Progress, AutoCloseable {
    private final String task;
    private ProgressBar bar;

    BenchProgress(String task) { this.task = task; }

    @Override public void start(long totalUnits) {
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(1, totalUnits))
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(500).setMaxRenderedLength(120).setUnit(totalUnits >= 100_000 ? " est.s" : " est.ms", totalUnits >= 100_000 ? 1000 : 1).build();
    }

    @Override public void advance(long units, String what) {
        if (bar == null) return;
        bar.stepBy(units);
        bar.setExtraMessage(what);
    }

    @Override public void close() {
        if (bar != null) {
            bar.stepTo(bar.getMax());
            bar.close();
        }
    }
}
