package lottery.pruning;

import lottery.nn.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Instability analysis (Frankle et al. 2020, "Linear Mode Connectivity and the Lottery Ticket
 * Hypothesis") on an experiment store. For each replicate r, level L (level 0 is the dense
 * network) and rewind step k: start from θk of r's dense level-0 run under the level-L ticket
 * mask; train two copies from step k to T on the global clock with different data orders and
 * the same everything else; evaluate the test error at evenly spaced points on the straight line
 * between the two trained networks; the error barrier is the maximum error on that path minus the
 * mean of its endpoints' errors. A network is stable at k when its barrier is about 0.
 *
 * <p>θk comes from the store (θ0, or θk of the store's own rewind step) or from replaying the
 * dense run, which Imp's seeds make exact; replayed θk are kept in the store. Every finished
 * measurement is written atomically to
 * {@code stability/<settings>/level<NN>/rep<r>/k<k>.json}, so a killed analysis resumes where it
 * stopped and running it again computes nothing.
 */
public final class Stability {
    /** Points on the path and whether both copies see the same data order (a control whose barrier is 0). */
    public record Settings(int points, boolean sameDataOrder) {
        public Settings {
            if (points < 2) throw new IllegalArgumentException("--points must be >= 2, got " + points);
        }

        /** The folder of these settings' results: {@code p30}, {@code p30-same-order}. */
        public String folder() { return "p" + points + (sameDataOrder ? "-same-order" : ""); }
    }

    /** Progress of the analysis; every method is optional. */
    public interface Listener {
        default void started(int total, int alreadyDone) {}

        default void training(String what, int from, int to) {}

        default void step(int iteration) {}

        default void pointFinished(StabilityPoint p, boolean resumed) {}

        default void message(String line) {}
    }

    private final ExperimentConfig config;
    private final NetworkFactory networks;
    private final ExperimentStore store;
    private final Settings settings;
    private final Listener listener;

    public Stability(ExperimentConfig config, NetworkFactory networks, ExperimentStore store, Settings settings, Listener listener) {
        this.config = config;
        this.networks = networks;
        this.store = store;
        this.settings = settings;
        this.listener = listener;
    }

    /** The folder holding every result of these settings. */
    public Path dir() { return store.dir().resolve("stability").resolve(settings.folder()); }

    /**
     * Parses rewind points such as {@code 0,100,500,2000it} or {@code 0,1ep}: iterations, with an
     * optional {@code it} suffix, or epochs with {@code ep}; each in [0, T]. Sorted, duplicates dropped.
     */
    public static List<Integer> parseRewindPoints(String csv, int iterationsPerEpoch, int iterations) {
        TreeSet<Integer> ks = new TreeSet<>();
        for (String item : csv.split(",")) {
            String t = item.trim().toLowerCase(Locale.ROOT);
            if (t.isEmpty()) continue;
            boolean ep = t.endsWith("ep");
            String digits = ep || t.endsWith("it") ? t.substring(0, t.length() - 2) : t;
            int k;
            try {
                k = Math.multiplyExact(Integer.parseInt(digits), ep ? iterationsPerEpoch : 1);
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException("--rewind takes steps like 0,100,500,2000it or 1ep; got '" + item.trim() + "'");
            }
            if (k < 0 || k > iterations)
                throw new IllegalArgumentException("rewind point " + item.trim() + " is step " + k + ", outside the run's 0.."
                        + iterations);
            ks.add(k);
        }
        if (ks.isEmpty()) throw new IllegalArgumentException("--rewind needs at least one step, e.g. 0,100,500,2000it");
        return List.copyOf(ks);
    }

    /** Measures (or reads back) every (replicate, level, k); levels should include 0 for the dense network. */
    public List<StabilityPoint> run(List<Integer> levels, List<Integer> ks, List<Integer> replicates) throws IOException {
        for (int r : replicates)
            for (int level : levels)
                if (store.finished(Arm.TICKET, r, level, listener::message).isEmpty())
                    throw new IllegalArgumentException("ticket level " + level + " of replicate " + r + " is not in " + store.dir()
                            + "; run the experiment to that level first");
        int total = replicates.size() * levels.size() * ks.size(), done = 0;
        for (int r : replicates) for (int level : levels) for (int k : ks) if (readPoint(level, r, k, true) != null) done++;
        listener.started(total, done);
        List<StabilityPoint> out = new ArrayList<>();
        for (int r : replicates) {
            Map<Integer, Map<String, float[]>> thetas = null;
            for (int level : levels) {
                Masks masks = store.readMasks(Arm.TICKET, r, level);
                for (int k : ks) {
                    StabilityPoint p = readPoint(level, r, k, false);
                    if (p != null) { listener.pointFinished(p, true); out.add(p); continue; }
                    if (thetas == null) thetas = thetas(r, ks);
                    p = measure(level, r, k, masks, thetas.get(k));
                    AtomicFiles.writeJson(pointFile(level, r, k), p);
                    listener.pointFinished(p, false);
                    out.add(p);
                }
            }
        }
        return out;
    }

    private StabilityPoint measure(int level, int r, int k, Masks masks, Map<String, float[]> thetaK) {
        long start = System.nanoTime();
        String what = String.format(Locale.ROOT, "r%d L%02d k%d", r, level, k);
        Map<String, float[]> a = trainCopy(r, k, masks, thetaK, 0, what + " copy A");
        Map<String, float[]> b = trainCopy(r, k, masks, thetaK, settings.sameDataOrder() ? 0 : 1, what + " copy B");
        Network net = networks.create(initSeed(r));
        net.setMasks(masks);
        net.load(a);
        double errorA = 1 - net.testAccuracy();
        net.load(b);
        double errorB = 1 - net.testAccuracy();
        double[] alphas = StabilityPoint.alphas(settings.points());
        double[] errors = new double[alphas.length];
        for (int i = 0; i < alphas.length; i++) {
            net.load(interpolate(a, b, alphas[i]));
            errors[i] = 1 - net.testAccuracy();
        }
        return new StabilityPoint(level, masks.weightsRemaining(), masks.density(), k, r, config.iterations(), settings.sameDataOrder(),
                alphas, errors, errorA, errorB, StabilityPoint.barrier(errors), (System.nanoTime() - start) / 1e9);
    }

    /** One copy: θk under the mask, trained from step k to T with the data order of {@code copy}. */
    private Map<String, float[]> trainCopy(int r, int k, Masks masks, Map<String, float[]> thetaK, int copy, String what) {
        Network net = networks.create(initSeed(r));
        net.load(thetaK);
        net.setMasks(masks);
        listener.training(what, k, config.iterations());
        net.train(Seeds.derive(config.seed(), "stability", r, k, copy), k, new TrainHooks() {
            @Override public void onStep(int iteration) { listener.step(iteration); }
        });
        return net.state();
    }

    /** (1 − α)·A + α·B computed as A + α·(B − A), with the endpoints exactly A and B. */
    static Map<String, float[]> interpolate(Map<String, float[]> a, Map<String, float[]> b, double alpha) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : a.entrySet()) {
            float[] x = e.getValue(), y = b.get(e.getKey()), z = new float[x.length];
            if (alpha == 1.0) System.arraycopy(y, 0, z, 0, y.length);
            else for (int i = 0; i < x.length; i++) z[i] = (float) (x[i] + alpha * ((double) y[i] - x[i]));
            out.put(e.getKey(), z);
        }
        return out;
    }

    /** θk of replicate r for every k: θ0 and the store's own θk from the store, the others replayed once and kept. */
    private Map<Integer, Map<String, float[]>> thetas(int r, List<Integer> ks) throws IOException {
        Map<Integer, Map<String, float[]>> out = new LinkedHashMap<>();
        int storeK = config.rewindPoint().iteration(networks.iterationsPerEpoch());
        List<Integer> missing = new ArrayList<>();
        for (int k : ks) {
            Path f = k == 0 ? store.theta0File(r) : k == storeK ? store.thetaKFile(r) : replayFile(r, k);
            if (Files.isRegularFile(f)) {
                try {
                    out.put(k, TensorFiles.readWeights(f));
                    continue;
                } catch (IOException e) {
                    if (k == 0 || k == storeK) throw e;
                    listener.message(f + " is damaged (" + e.getMessage() + "); replaying it");
                }
            } else if (k == 0) {
                throw new IOException(f + " is missing; the store has no θ0 for replicate " + r);
            }
            missing.add(k);
        }
        if (!missing.isEmpty()) out.putAll(replay(r, missing));
        return out;
    }

    /** Re-runs the dense level 0 of replicate r (Imp's seeds, all-ones masks) to the largest missing k, snapshotting each. */
    private Map<Integer, Map<String, float[]>> replay(int r, List<Integer> ks) throws IOException {
        Network net = networks.create(initSeed(r));
        Map<String, int[]> prunable = new LinkedHashMap<>();
        for (String name : net.prunable()) prunable.put(name, net.shapes().get(name));
        net.setMasks(Masks.dense(prunable));
        int end = ks.getLast();
        Map<Integer, Map<String, float[]>> out = new LinkedHashMap<>();
        int[] last = {0};
        listener.training(String.format(Locale.ROOT, "r%d θk replay", r), 0, end);
        net.train(Seeds.derive(config.seed(), "data", Arm.TICKET.id(), r, 0), 0, new TrainHooks() {
            @Override public void onStep(int iteration) { last[0] = iteration; listener.step(iteration); }
            @Override public boolean snapshotAt(int iteration) { return ks.contains(iteration); }
            @Override public void onSnapshot(Map<String, float[]> state) { out.put(last[0], state); }
            @Override public int endAt() { return end; }
        });
        for (int k : ks) {
            if (!out.containsKey(k)) throw new IllegalStateException("the replay of replicate " + r + " never reached step " + k);
            TensorFiles.writeWeights(replayFile(r, k), out.get(k), net.shapes(), net.metadata());
        }
        return out;
    }

    /** Imp's initialisation seed of replicate r. */
    private long initSeed(int r) { return Seeds.derive(config.seed(), "init", r); }

    Path replayFile(int r, int k) {
        return store.dir().resolve("stability").resolve("thetas").resolve("rep" + r).resolve("theta-" + k + ".safetensors");
    }

    Path pointFile(int level, int r, int k) {
        return dir().resolve(String.format(Locale.ROOT, "level%02d", level)).resolve("rep" + r).resolve("k" + k + ".json");
    }

    /** A finished point of these settings, or null (absent, damaged or measured otherwise: it is then recomputed). */
    private StabilityPoint readPoint(int level, int r, int k, boolean quiet) {
        Path f = pointFile(level, r, k);
        if (!Files.exists(f)) return null;
        try {
            StabilityPoint p = ExperimentStore.JSON.readValue(f.toFile(), StabilityPoint.class);
            if (p.level() == level && p.replicate() == r && p.k() == k && p.iterations() == config.iterations()
                    && p.testError().length == settings.points() && p.sameDataOrder() == settings.sameDataOrder()) return p;
            if (!quiet) listener.message(f + " was measured with other settings; measuring it again");
        } catch (IOException | RuntimeException e) {
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            if (!quiet) listener.message(f + " is damaged (" + why + "); measuring it again");
        }
        return null;
    }
}
