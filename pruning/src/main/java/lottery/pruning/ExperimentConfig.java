package lottery.pruning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import lottery.nn.Init;
import lottery.nn.data.InputNormalization;
import lottery.nn.data.SplitOptions;
import lottery.nn.models.Models;

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
 *
 * <p>{@code dropout} (on the hidden FC layers), {@code normalize} (none, standardize, l2) and
 * {@code init} (e.g. glorot-normal, glorot-truncated) enter the identity only when they differ
 * from 0, standardize and glorot-normal, and a late rewind ({@code <k>it}, {@code <k>ep}) adds
 * {@code rewindClock: global} (the level resumes at step k on the global clock), so stores made
 * before these settings existed keep their names.
 */
public record ExperimentConfig(String model, String dataset, String strategy, double rate, double outputRate,
                               double convRate, String rewind, int iterations, int batch, String optimizer,
                               double lr, double momentum, double weightDecay, int evalEvery, long seed,
                               int levels, int replicates, List<Arm> arms, double dropout, String normalize, String init) {
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    public static final String DEFAULT_NORMALIZE = "standardize", DEFAULT_INIT = "glorot-normal";

    public ExperimentConfig {
        requireName("--model", model);
        requireName("--dataset", dataset);
        strategy = PruningStrategies.create(strategy, new PruningRates(rate, outputRate, convRate)).name(); // validates; canonical spelling
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
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay))
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        if (evalEvery < 1 || evalEvery > iterations)
            throw new IllegalArgumentException("--eval-every must be in [1, --iterations=" + iterations + "], got " + evalEvery);
        if (levels < 0) throw new IllegalArgumentException("--levels must be >= 0, got " + levels);
        if (replicates < 1) throw new IllegalArgumentException("--replicates must be >= 1, got " + replicates);
        arms = arms == null || arms.isEmpty() ? List.of(Arm.TICKET) : List.copyOf(arms);
        if (arms.get(0) != Arm.TICKET) throw new IllegalArgumentException("the ticket arm must come first, got " + arms);
        if (new java.util.HashSet<>(arms).size() != arms.size()) throw new IllegalArgumentException("an arm is listed twice in " + arms);
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
        normalize = InputNormalization.Kind.parse(normalize == null ? DEFAULT_NORMALIZE : normalize).id();
        init = Init.parse(init == null ? DEFAULT_INIT : init).id();
    }

    /** No dropout, standardised inputs, Glorot normal init. */
    public ExperimentConfig(String model, String dataset, String strategy, double rate, double outputRate,
                            double convRate, String rewind, int iterations, int batch, String optimizer,
                            double lr, double momentum, double weightDecay, int evalEvery, long seed,
                            int levels, int replicates, List<Arm> arms) {
        this(model, dataset, strategy, rate, outputRate, convRate, rewind, iterations, batch, optimizer, lr, momentum,
                weightDecay, evalEvery, seed, levels, replicates, arms, 0, DEFAULT_NORMALIZE, DEFAULT_INIT);
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
        if (dropout != 0) m.put("dropout", dropout);
        if (!normalize.equals(DEFAULT_NORMALIZE)) m.put("normalize", normalize);
        if (!init.equals(DEFAULT_INIT)) m.put("init", init);
        if (rewindPoint().kind() == Rewind.Kind.STEP) m.put("rewindClock", "global");
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

    /**
     * The configuration a store's config.json records (its "identity" object), with an extent of
     * {@code levels}, 1 replicate and the ticket arm. An IllegalArgumentException names a missing field.
     */
    public static ExperimentConfig fromIdentity(com.fasterxml.jackson.databind.JsonNode id, int levels) {
        for (String f : List.of("model", "dataset", "strategy", "rate", "outputRate", "convRate", "rewind", "iterations", "batch",
                "optimizer", "lr", "momentum", "weightDecay", "evalEvery", "seed"))
            if (!id.hasNonNull(f)) throw new IllegalArgumentException("the store's config.json has no identity field '" + f + "'");
        return new ExperimentConfig(id.get("model").asText(), id.get("dataset").asText(), id.get("strategy").asText(),
                id.get("rate").asDouble(), id.get("outputRate").asDouble(), id.get("convRate").asDouble(), id.get("rewind").asText(),
                id.get("iterations").asInt(), id.get("batch").asInt(), id.get("optimizer").asText(), id.get("lr").asDouble(),
                id.get("momentum").asDouble(), id.get("weightDecay").asDouble(), id.get("evalEvery").asInt(), id.get("seed").asLong(),
                levels, 1, List.of(Arm.TICKET), id.path("dropout").asDouble(0), id.path("normalize").asText(DEFAULT_NORMALIZE),
                id.path("init").asText(DEFAULT_INIT));
    }

    /** A copy with a different extent (levels, replicates, arms); the identity is unchanged. */
    public ExperimentConfig withExtent(int levels, int replicates, List<Arm> arms) {
        return new ExperimentConfig(model, dataset, strategy, rate, outputRate, convRate, rewind, iterations, batch,
                optimizer, lr, momentum, weightDecay, evalEvery, seed, levels, replicates, arms, dropout, normalize, init);
    }

    /** A copy with another pruning strategy (see {@link PruningStrategies}). */
    public ExperimentConfig withStrategy(String strategy) {
        return new ExperimentConfig(model, dataset, strategy, rate, outputRate, convRate, rewind, iterations, batch,
                optimizer, lr, momentum, weightDecay, evalEvery, seed, levels, replicates, arms, dropout, normalize, init);
    }

    /** A copy with other model and input settings: dropout on the hidden FC layers, normalisation, init. */
    public ExperimentConfig withVariant(double dropout, String normalize, String init) {
        return new ExperimentConfig(model, dataset, strategy, rate, outputRate, convRate, rewind, iterations, batch,
                optimizer, lr, momentum, weightDecay, evalEvery, seed, levels, replicates, arms, dropout, normalize, init);
    }

    /** The model options these settings give (dropout rate and initialiser). */
    public Models.Options modelOptions() { return new Models.Options(dropout, Init.parse(init)); }

    /** The data split these settings give (the default 5K validation split, with this normalisation). */
    public SplitOptions splitOptions() { return SplitOptions.normalized(InputNormalization.Kind.parse(normalize)); }
}
