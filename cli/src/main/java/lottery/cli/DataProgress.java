package lottery.cli;

import lottery.nn.data.Fetcher;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;

/** Fetch messages as lines on stderr and the download as a progress bar in MiB. */
final class DataProgress implements Fetcher.Listener {
    private final String task;
    private final PrintStream err;
    private ProgressBar bar;

    DataProgress(String task, PrintStream err) {
        this.task = task;
        this.err = err;
    }

    @Override public void message(String line) {
        err.println(task + ": " + line);
    }

    @Override public void started(long totalBytes) {
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(totalBytes)
                .setUnit(" MiB", 1 << 20).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250).setConsumer(new ConsoleProgressBarConsumer(err)).build();
    }

    @Override public void advanced(long bytesSoFar) {
        if (bar != null) bar.stepTo(bytesSoFar);
    }

    @Override public void finished() { close(); }

    /** Ends the bar (also after a failed download, so the error starts on a fresh line). */
    void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
