package lottery.pruning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A deterministic stand-in for a network and its training, to test the level loop, the store
 * and resuming without the cost of real training: "training" is a seeded random walk with decay
 * that never moves pruned weights, and the metrics are functions of the weights.
 */
final class FakeNetwork implements Network {
    static final Map<String, int[]> SHAPES = new LinkedHashMap<>();
    static {
        SHAPES.put("l1.weight", new int[]{6, 10});
        SHAPES.put("l1.bias", new int[]{6});
        SHAPES.put("l2.weight", new int[]{3, 6});
    }

    /** Creates fake networks; counts training calls and can fail at a given one (a simulated kill). */
    static final class Factory implements NetworkFactory {
        final int iterations, evalEvery;
        int trainings;
        int failAt = -1;
        /** Milliseconds each step sleeps, so that trainings overlap in time in the concurrency tests. */
        long stepMillis;
        /** Start weights (after load and masking) of every training, in order. */
        final List<Map<String, float[]>> starts = new ArrayList<>();
        /** Data seed and start iteration of every training, in order. */
        final List<long[]> clocks = new ArrayList<>();

        Factory(int iterations, int evalEvery) { this.iterations = iterations; this.evalEvery = evalEvery; }

        @Override public Network create(long initSeed) { return new FakeNetwork(this, initSeed); }

        @Override public int iterationsPerEpoch() { return 4; }
    }

    private final Factory factory;
    private final Map<String, float[]> params = new LinkedHashMap<>();
    private Masks masks;

    FakeNetwork(Factory factory, long seed) {
        this.factory = factory;
        SplittableRandom rng = new SplittableRandom(seed);
        SHAPES.forEach((name, shape) -> {
            int n = 1;
            for (int d : shape) n *= d;
            float[] v = new float[n];
            for (int i = 0; i < n; i++) v[i] = (float) (rng.nextDouble() * 2 - 1);
            params.put(name, v);
        });
    }

    @Override public Map<String, int[]> shapes() { return SHAPES; }

    @Override public List<String> prunable() { return List.of("l1.weight", "l2.weight"); }

    @Override public Map<String, float[]> state() {
        Map<String, float[]> s = new LinkedHashMap<>();
        params.forEach((k, v) -> s.put(k, v.clone()));
        return s;
    }

    @Override public void load(Map<String, float[]> state) {
        params.forEach((k, v) -> System.arraycopy(state.get(k), 0, v, 0, v.length));
    }

    @Override public void setMasks(Masks m) {
        masks = m;
        m.applyTo(params);
    }

    /** "Test accuracy": a function of the weights. */
    @Override public double testAccuracy() {
        double sq = 0;
        for (float[] w : params.values()) for (float x : w) sq += x * x;
        return 1 / (1 + sq / 100);
    }

    /** Step t's randomness depends only on (dataSeed, t), so a run resumed at k matches an uninterrupted one. */
    @Override public TrainOutcome train(long dataSeed, int start, TrainHooks hooks) {
        synchronized (factory) {
            if (factory.trainings++ == factory.failAt) throw new IllegalStateException("simulated kill");
            factory.starts.add(state());
            factory.clocks.add(new long[]{dataSeed, start});
        }
        List<EvalRow> evals = new ArrayList<>();
        int end = hooks.endAt() >= 0 ? hooks.endAt() : factory.iterations;
        for (int it = start + 1; it <= end; it++) {
            SplittableRandom rng = new SplittableRandom(dataSeed * 31 + it);
            for (Map.Entry<String, float[]> e : params.entrySet()) {
                float[] w = e.getValue();
                boolean prunable = masks != null && masks.names().contains(e.getKey());
                for (int i = 0; i < w.length; i++) {
                    if (prunable && !masks.mask(e.getKey()).get(i)) continue;
                    w[i] = (float) (0.95 * w[i] + 0.1 * (rng.nextDouble() - 0.5));
                }
            }
            hooks.onStep(it);
            if (factory.stepMillis > 0) pause(factory.stepMillis);
            if (hooks.snapshotAt(it)) hooks.onSnapshot(state());
            if (it % factory.evalEvery == 0 || it == end) {
                double sq = 0;
                for (float[] w : params.values()) for (float x : w) sq += x * x;
                double val = sq / 100 + rng.nextDouble() * 0.01;
                evals.add(new EvalRow(it, val * 1.1, val, 1 / (1 + val), 1 / (1 + val * 1.05)));
            }
        }
        if (evals.isEmpty()) evals.add(new EvalRow(start, Double.NaN, 1, 0.5, testAccuracy()));
        EvalRow best = evals.get(0);
        for (EvalRow e : evals) if (e.valLoss() < best.valLoss()) best = e;
        return new TrainOutcome(evals, best.iteration(), best.testAccuracy(), evals.getLast().testAccuracy(), best.valLoss());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
