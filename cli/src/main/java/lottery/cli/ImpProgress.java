package lottery.cli;

import lottery.pruning.Arm;
import lottery.pruning.ImpListener;
import lottery.pruning.LevelResult;
import lottery.pruning.LevelTask;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Progress of one or more IMP experiments on the console: a bar for the levels (done of all, with
 * an ETA from the levels computed in this run) whose message shows every running training and how
 * far it is ({@code ticket r0 L03 41% | reinit r1 L02 12%}), and one line per finished level on
 * {@code out}. Without a terminal (output piped to a file) only the lines are printed. Safe to
 * call from several trainings at once.
 */
final class ImpProgress implements ImpListener, AutoCloseable {
    private record Running(String name, int iterations, int[] at) {}

    private final PrintStream out;
    private final boolean bars = System.console() != null && System.console().isTerminal();
    private final Map<LevelTask, Running> running = new LinkedHashMap<>();
    private ProgressBar experiment;
    private int total, done;
    private volatile long lastMessage;

    ImpProgress(PrintStream out) { this.out = out; }

    /** Adds an experiment's levels (a sweep calls this once per cell). */
    @Override public synchronized void started(int totalLevels, int alreadyFinished) {
        total += totalLevels;
        done += alreadyFinished;
        if (alreadyFinished >= totalLevels) out.println("all " + totalLevels + " levels are already in the store: nothing to compute");
        else if (alreadyFinished > 0) out.println("resuming: " + alreadyFinished + " of " + totalLevels + " levels already in the store");
        if (!bars) return;
        if (experiment != null) { experiment.maxHint(total); experiment.stepTo(done); return; }
        experiment = new ProgressBarBuilder().setTaskName("IMP levels").setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate()
                .startsFrom(done, Duration.ZERO).build();
    }

    @Override public synchronized void levelStarted(Arm arm, int replicate, int lvl, long weightsRemaining, int iterations) {
        String name = String.format(Locale.ROOT, "%s r%d L%02d", arm.id(), replicate, lvl);
        running.put(new LevelTask(arm, replicate, lvl), new Running(name, iterations, new int[1]));
        showRunning(true);
    }

    /** Called after every optimizer step of every running training: allocates nothing. */
    @Override public void step(LevelTask t, int iteration) {
        Running r;
        synchronized (this) { r = running.get(t); }
        if (r == null) return;
        r.at()[0] = iteration;
        if (bars && System.nanoTime() - lastMessage > 250_000_000L) synchronized (this) { showRunning(false); }
    }

    private void showRunning(boolean force) {
        if (experiment == null || !force && System.nanoTime() - lastMessage < 250_000_000L) return;
        lastMessage = System.nanoTime();
        StringJoiner s = new StringJoiner(" | ");
        running.values().forEach(r -> s.add(r.name() + " " + 100L * r.at()[0] / Math.max(1, r.iterations()) + "%"));
        experiment.setExtraMessage(s.toString());
    }

    @Override public synchronized void levelFinished(LevelResult r, boolean resumed) {
        if (resumed) return;   // already finished in an earlier run: counted in started()
        running.remove(new LevelTask(Arm.parse(r.arm()), r.replicate(), r.level()));
        done++;
        if (experiment != null) { experiment.stepTo(done); showRunning(true); }
        out.printf(Locale.ROOT, "%-8s rep %d level %2d: %6.2f%% weights remaining, test accuracy at early stop %.2f%% (iteration %d), %.1f s%n",
                r.arm(), r.replicate(), r.level(), 100 * r.density(), 100 * r.earlyStopTestAccuracy(), r.earlyStopIteration(), r.wallSeconds());
    }

    @Override public synchronized void waiting(LevelTask task, String holder) {
        out.println(task + " is being trained by " + holder + " (another run on this store); waiting for it");
    }

    @Override public void warning(String message) {
        System.err.println("lottery: warning: " + message);
    }

    @Override public synchronized void close() {
        if (experiment != null) experiment.close();
    }
}
