package lottery.pruning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hyperparameters of an IMP experiment. Its identity ({@link #hash()}) is the first 10 hex
 * digits of the SHA-256 of the canonical JSON of the fields that change results
 * ({@link #identity()}). {@code levels}, {@code replicates} and {@code arms} only say how much
 * of the experiment to run (level L of replicate r is the same whatever comes after it), so
 * they are not part of it, and neither are threads, device or output directory: running more
 * levels, replicates or arms later extends the same store.
 */
public record ExperimentConfig(String model, String dataset, String strategy, double rate, double outputRate,
                               double convRate, String rewind, int iterations, int batch, String optimizer,
                               double lr, double momentum, double weightDecay, int evalEvery, long seed,
                               int levels, int replicates, List<Arm> arms) {
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    public ExperimentConfig {
        requireName("--model", model);
        requireName("--dataset", dataset);
        PruningStrategies.create(strategy, new PruningRates(rate, outputRate, convRate)); // validates name and rates
        Rewind rewindPoint = Rewind.parse(rewind);
        rewind = rewindPoint.toString();
        if (iterations < 1) throw new IllegalArgumentException("--iterations must be >= 1, got " + iterations);
        if (rewindPoint.kind() == Rewind.Kind.STEP && !rewindPoint.inEpochs() && rewindPoint.amount() > iterations)
            throw new IllegalArgumentException("--rewind " + rewind + " is past the end of training (--iterations " + iterations + ")");
        if (batch < 1) throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        if (!optimizer.equals("adam") && !optimizer.equals("sgd"))
            throw new IllegalArgumentException("--optimizer must be adam or sgd, got '" + optimizer + "'");
        if (!(lr > 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("--lr must be a positive number, got " + lr);
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        if (evalEvery < 1 || evalEvery > iterations)
            throw new IllegalArgumentException("--eval-every must be in [1, --iterations=" + iterations + "], got " + evalEvery);
        if (levels < 0) throw new IllegalArgumentException("--levels must be >= 0, got " + levels);
        if (replicates < 1) throw new IllegalArgumentException("--replicates must be >= 1, got " + replicates);
        arms = arms == null || arms.isEmpty() ? List.of(Arm.TICKET) : List.copyOf(arms);
        if (arms.get(0) != Arm.TICKET) throw new IllegalArgumentException("the ticket arm must come first, got " + arms);
        if (new java.util.HashSet<>(arms).size() != arms.size()) throw new IllegalArgumentException("an arm is listed twice in " + arms);
    }

    private static void requireName(String option, String v) {
        if (v == null || v.isBlank() || !v.matches("[A-Za-z0-9_.-]+"))
            throw new IllegalArgumentException(option + " must be a name of letters, digits, '-', '_' or '.', got '" + v + "'");
    }

    public PruningRates rates() { return new PruningRates(rate, outputRate, convRate); }

    public PruningStrategy pruningStrategy() { return PruningStrategies.create(strategy, rates()); }

    public Rewind rewindPoint() { return Rewind.parse(rewind); }

    /** The fields that change results, by name (sorted). */
    public Map<String, Object> identity() {
        Map<String, Object> m = new TreeMap<>();
        m.put("model", model);
        m.put("dataset", dataset);
        m.put("strategy", strategy);
        m.put("rate", rate);
        m.put("outputRate", outputRate);
        m.put("convRate", convRate);
        m.put("rewind", rewind);
        m.put("iterations", iterations);
        m.put("batch", batch);
        m.put("optimizer", optimizer);
        m.put("lr", lr);
        m.put("momentum", momentum);
        m.put("weightDecay", weightDecay);
        m.put("evalEvery", evalEvery);
        m.put("seed", seed);
        return m;
    }

    /** Canonical JSON of {@link #identity()}: keys sorted, no whitespace. */
    public String canonicalJson() {
        try {
            return CANONICAL.writeValueAsString(identity());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the configuration", e);
        }
    }

    /** First 10 hex digits of SHA-256(canonical JSON). */
    public String hash() {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(canonicalJson().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The store directory name: {@code <model>-<dataset>-<hash>}. */
    public String storeName() { return model + "-" + dataset + "-" + hash(); }

    /** A copy with a different extent (levels, replicates, arms); the identity is unchanged. */
    public ExperimentConfig withExtent(int levels, int replicates, List<Arm> arms) {
        return new ExperimentConfig(model, dataset, strategy, rate, outputRate, convRate, rewind, iterations, batch,
                optimizer, lr, momentum, weightDecay, evalEvery, seed, levels, replicates, arms);
    }
}
