package lottery.pruning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import lottery.nn.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An experiment on disk, one directory per configuration ({@code <out>/<model>-<dataset>-<hash>}):
 * <pre>
 * config.json                              the identity fields and their hash
 * summary.json                             every finished level's result, rewritten after each level
 * &lt;arm&gt;/rep&lt;r&gt;/theta0.safetensors           θ0 (ticket arm): the weights before any training
 * &lt;arm&gt;/rep&lt;r&gt;/thetak.safetensors           θk (ticket arm, late rewinding only)
 * &lt;arm&gt;/rep&lt;r&gt;/level&lt;NN&gt;/mask.safetensors   the level's masks (BOOL)
 *                      weights.safetensors  the trained (final) weights
 *                      metrics.csv          iteration, train/val loss, val/test accuracy, weights remaining
 *                      level.json           the level's {@link LevelResult}, written last: it marks the level finished
 * stability/                               instability analyses ({@link Stability}): replayed θk and one JSON per measurement
 * </pre>
 * Every file is written atomically (temp file, fsync, rename), so a killed run leaves only whole files.
 */
public final class ExperimentStore {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    private ExperimentStore(Path dir) { this.dir = dir; }

    /**
     * Opens (creating if needed) the store of {@code config} under {@code out}. A store whose
     * config.json records a different configuration is an IllegalStateException.
     */
    public static ExperimentStore open(Path out, ExperimentConfig config) throws IOException {
        Path dir = out.resolve(config.storeName());
        Path file = dir.resolve("config.json");
        if (Files.exists(file)) {
            JsonNode stored = readJson(file);
            JsonNode mine = JSON.readTree(config.canonicalJson());
            if (!mine.equals(stored.path("identity")) || !config.hash().equals(stored.path("hash").asText())) {
                List<String> differing = new ArrayList<>();
                mine.fieldNames().forEachRemaining(k -> { if (!mine.get(k).equals(stored.path("identity").get(k))) differing.add(k); });
                throw new IllegalStateException(file + " records a different configuration (hash " + stored.path("hash").asText("?")
                        + ", this run " + config.hash() + (differing.isEmpty() ? "" : ", differing in " + differing)
                        + "); use another --out or remove " + dir);
            }
        } else {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", config.storeName());
            c.put("hash", config.hash());
            c.put("identity", config.identity());
            AtomicFiles.writeJson(file, c);
        }
        return new ExperimentStore(dir);
    }

    /** Opens an existing store for reading (reports); {@code dir} must hold a config.json. */
    public static ExperimentStore existing(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve("config.json")))
            throw new IllegalArgumentException(dir + " is not an experiment store (no config.json); pass the directory that `lottery imp` or `lottery run` printed");
        readJson(dir.resolve("config.json"));
        return new ExperimentStore(dir);
    }

    public Path dir() { return dir; }

    /** The identity fields recorded in config.json. */
    public JsonNode identity() throws IOException { return readJson(dir.resolve("config.json")).path("identity"); }

    public Path replicateDir(Arm arm, int replicate) { return dir.resolve(arm.id()).resolve("rep" + replicate); }

    public Path levelDir(Arm arm, int replicate, int level) {
        return replicateDir(arm, replicate).resolve(String.format(Locale.ROOT, "level%02d", level));
    }

    public Path theta0File(int replicate) { return replicateDir(Arm.TICKET, replicate).resolve("theta0.safetensors"); }

    public Path thetaKFile(int replicate) { return replicateDir(Arm.TICKET, replicate).resolve("thetak.safetensors"); }

    public Path maskFile(Arm arm, int replicate, int level) { return levelDir(arm, replicate, level).resolve("mask.safetensors"); }

    public Path weightsFile(Arm arm, int replicate, int level) { return levelDir(arm, replicate, level).resolve("weights.safetensors"); }

    public Path resultFile(Arm arm, int replicate, int level) { return levelDir(arm, replicate, level).resolve("level.json"); }

    /** Writes a finished level without weight metadata. */
    public void writeLevel(Arm arm, int replicate, int level, Masks masks, Map<String, float[]> weights,
                           Map<String, int[]> shapes, TrainOutcome outcome, LevelResult result) throws IOException {
        writeLevel(arm, replicate, level, masks, weights, shapes, Map.of(), outcome, result);
    }

    /**
     * Writes a finished level: masks, weights (with {@code metadata}, e.g. the input normalisation, in
     * their header), metrics, then level.json (its completion mark).
     */
    public void writeLevel(Arm arm, int replicate, int level, Masks masks, Map<String, float[]> weights,
                           Map<String, int[]> shapes, Map<String, String> metadata, TrainOutcome outcome, LevelResult result)
            throws IOException {
        TensorFiles.writeMasks(maskFile(arm, replicate, level), masks);
        TensorFiles.writeWeights(weightsFile(arm, replicate, level), weights, shapes, metadata);
        AtomicFiles.writeString(levelDir(arm, replicate, level).resolve("metrics.csv"), MetricsCsv.format(outcome, result.weightsRemaining()));
        AtomicFiles.writeJson(resultFile(arm, replicate, level), result);
    }

    /**
     * The result of a finished level, after checking that each of its files reads back whole.
     * A level with a damaged file is reported through {@code onCorrupt}, its level.json is
     * removed, and it counts as unfinished (so it is recomputed).
     */
    public Optional<LevelResult> finished(Arm arm, int replicate, int level, java.util.function.Consumer<String> onCorrupt) {
        Path result = resultFile(arm, replicate, level);
        if (!Files.exists(result)) return Optional.empty();
        try {
            LevelResult r = JSON.readValue(result.toFile(), LevelResult.class);
            if (r.level() != level || r.replicate() != replicate || !r.arm().equals(arm.id()))
                throw new IOException(result + " describes " + r.arm() + "/rep" + r.replicate() + "/level" + r.level());
            TensorFiles.readMasks(maskFile(arm, replicate, level));
            TensorFiles.readWeights(weightsFile(arm, replicate, level));
            return Optional.of(r);
        } catch (IOException | RuntimeException e) {
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName());
            onCorrupt.accept(levelDir(arm, replicate, level) + " is damaged (" + why + "); recomputing it");
            try {
                Files.deleteIfExists(result);
            } catch (IOException d) {
                throw new UncheckedIOException("cannot remove " + result, d);
            }
            return Optional.empty();
        }
    }

    public Masks readMasks(Arm arm, int replicate, int level) throws IOException { return TensorFiles.readMasks(maskFile(arm, replicate, level)); }

    public Map<String, float[]> readWeights(Arm arm, int replicate, int level) throws IOException { return TensorFiles.readWeights(weightsFile(arm, replicate, level)); }

    /** Every level.json in the store, ordered by arm, replicate, level; unreadable ones are skipped. */
    public List<LevelResult> results() throws IOException {
        List<LevelResult> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> files = Files.find(dir, 4, (p, a) -> p.getFileName().toString().equals("level.json"))) {
            for (Path p : files.toList()) {
                try {
                    out.add(JSON.readValue(p.toFile(), LevelResult.class));
                } catch (IOException e) {
                    // a damaged level.json is found and recomputed by the level loop
                }
            }
        }
        out.sort(Comparator.comparing((LevelResult r) -> Arm.parse(r.arm()).ordinal())
                .thenComparingInt(LevelResult::replicate).thenComparingInt(LevelResult::level));
        return out;
    }

    /** Rewrites summary.json from every finished level. */
    public void writeSummary() throws IOException {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("experiment", dir.getFileName().toString());
        s.put("identity", identity());
        s.put("records", results());
        AtomicFiles.writeJson(dir.resolve("summary.json"), s);
    }

    static JsonNode readJson(Path file) throws IOException {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + " is not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + "); remove or repair it", e);
        }
    }
}
