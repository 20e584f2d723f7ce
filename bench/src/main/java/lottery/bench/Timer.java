package lottery.bench;

import java.util.List;
import java.util.function.IntConsumer;

/**
 * Times a group of tasks side by side. Warm-up and timed batches are interleaved round-robin (the
 * starting task rotates every round) so machine noise hits every implementation alike; a batch
 * calls {@link Task#run} {@code reps} times between two nanoTime reads, with nothing allocated, and
 * folds {@link Task#probe} into a sink afterwards.
 */
public final class Timer {
    private Timer() {}

    /** Written after every batch so the JIT must keep the results. */
    public static volatile float sink;

    /** Times {@code tasks}; {@code onRound} receives the index of every finished timed round. */
    public static Stats[] time(List<Task> tasks, TimingPlan plan, IntConsumer onRound) {
        int n = tasks.size();
        int[] reps = new int[n];
        double[] perCall = new double[n];
        for (int i = 0; i < n; i++) {                       // calibrate on a first call
            perCall[i] = batch(tasks.get(i), 1);
            reps[i] = repsFor(perCall[i], plan.batchMs());
        }
        warmup(tasks, plan, reps, perCall);
        int rounds = plan.rounds();
        for (int i = 0; i < n; i++) {
            reps[i] = repsFor(perCall[i], plan.batchMs());
            double perRound = perCall[i] * reps[i];
            int affordable = (int) Math.floor(plan.maxMsPerTask() / Math.max(perRound, 1e-9));
            rounds = Math.min(rounds, Math.max(plan.minRounds(), affordable));
        }
        double[][] samples = new double[n][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int j = 0; j < n; j++) {
                int i = (j + r) % n;
                samples[i][r] = batch(tasks.get(i), reps[i]);
            }
            if (onRound != null) onRound.accept(r);
        }
        Stats[] out = new Stats[n];
        for (int i = 0; i < n; i++) out[i] = Stats.of(samples[i], rounds);
        return out;
    }

    private static void warmup(List<Task> tasks, TimingPlan plan, int[] reps, double[] perCall) {
        int n = tasks.size();
        double[][] last = new double[n][3];
        boolean[] stable = new boolean[n];
        double[] warmedMs = new double[n];
        // no task counts as stable before it has run this long: the kernels reach C2 only after many
        // calls (the launcher turns tiered compilation off), and slow early code can look "stable"
        double minWarmMs = plan.warmupMaxMs() / 4;
        long start = System.nanoTime();
        for (int round = 0; ; round++) {
            boolean all = true;
            for (int i = 0; i < n; i++) {
                if (stable[i]) continue;
                double t = batch(tasks.get(i), reps[i]);
                perCall[i] = t;
                warmedMs[i] += t * reps[i];
                last[i][round % 3] = t;
                if (round >= 2) {
                    double lo = Math.min(last[i][0], Math.min(last[i][1], last[i][2]));
                    double hi = Math.max(last[i][0], Math.max(last[i][1], last[i][2]));
                    stable[i] = warmedMs[i] >= minWarmMs && hi - lo <= plan.stableTolerance() * lo;
                }
                all &= stable[i];
            }
            if (all || (System.nanoTime() - start) / 1e6 > plan.warmupMaxMs()) return;
        }
    }

    /** Per-call milliseconds of {@code reps} back-to-back calls. */
    private static double batch(Task task, int reps) {
        long t0 = System.nanoTime();
        for (int r = 0; r < reps; r++) task.run();
        task.sync();
        long t1 = System.nanoTime();
        sink += task.probe();
        return (t1 - t0) / 1e6 / reps;
    }

    static int repsFor(double perCallMs, double batchMs) {
        return (int) Math.max(1, Math.min(1_000_000, Math.ceil(batchMs / Math.max(perCallMs, 1e-6))));
    }
}
