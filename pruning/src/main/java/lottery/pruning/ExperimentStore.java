package lottery.pruning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import lottery.nn.io.AtomicFiles;
import lottery.nn.io.Checksums;
import lottery.nn.io.TempFiles;

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
import java.util.TreeMap;

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
 *                      level.json           the level's {@link LevelResult} and the sha256 of each file above,
 *                                           written last: it marks the level finished ({@link LevelRecord})
 * stability/                               instability analyses ({@link Stability}): replayed θk and one JSON per measurement
 * </pre>
 * Every file is written atomically (temp file, fsync, rename), so a killed run leaves only whole
 * files; opening a store removes the temp files a killed writer left behind ({@link TempFiles}).
 * A level is trusted only after {@link LevelCheck} has checked its files against level.json and
 * the pruning schedule. summary.json is derived from the level.json files and rebuilt by
 * {@link #repairSummary} whenever it differs from them.
 */
public final class ExperimentStore {
    static final ObjectMapper JSON = new ObjectMapper();

    private static final int DEPTH = 4;   // <arm>/rep<r>/level<NN>/<file>

    private final Path dir;
    private final PruningSchedule schedule;   // null when config.json does not say
    private final java.util.Set<Path> unchecksummed = new java.util.HashSet<>();
    /** Levels this process has checked, by level.json, with its modification time and size then: checked once, not on every look. */
    private final Map<Path, Verified> verified = new java.util.HashMap<>();

    private record Verified(LevelRecord record, Object stamp) {}

    private static Object stamp(Path file) throws IOException {
        return List.of(Files.getLastModifiedTime(file), Files.size(file));
    }

    private ExperimentStore(Path dir, PruningSchedule schedule) throws IOException {
        this.dir = dir;
        this.schedule = schedule;
        TempFiles.removeStale(dir, DEPTH);
    }

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
        return new ExperimentStore(dir, PruningSchedule.of(config));
    }

    /** Opens an existing store for reading (reports); {@code dir} must hold a config.json. */
    public static ExperimentStore existing(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve("config.json")))
            throw new IllegalArgumentException(dir + " is not an experiment store (no config.json); pass the directory that `lottery imp` or `lottery run` printed");
        JsonNode identity = readJson(dir.resolve("config.json")).path("identity");
        return new ExperimentStore(dir, PruningSchedule.of(identity).orElse(null));
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
        Path dir = levelDir(arm, replicate, level);
        AtomicFiles.writeString(dir.resolve("metrics.csv"), MetricsCsv.format(outcome, result.weightsRemaining()));
        Map<String, String> sha256 = new TreeMap<>();
        for (String name : LevelCheck.LEVEL_FILES) sha256.put(name, Checksums.sha256(dir.resolve(name)));
        if (arm == Arm.TICKET && level == 0)
            for (Path theta : List.of(theta0File(replicate), thetaKFile(replicate)))
                if (Files.isRegularFile(theta)) sha256.put("../" + theta.getFileName(), Checksums.sha256(theta));
        new LevelRecord(result, sha256).write(resultFile(arm, replicate, level));
    }

    /**
     * The result of a finished level, after {@link LevelCheck} found its files whole and in place.
     * A level that fails a check is reported through {@code onCorrupt}, its level.json is
     * removed, and it counts as unfinished (so it is recomputed).
     */
    public Optional<LevelResult> finished(Arm arm, int replicate, int level, java.util.function.Consumer<String> onCorrupt) {
        Path result = resultFile(arm, replicate, level);
        if (!Files.exists(result)) return Optional.empty();
        try {
            Verified seen = verified.get(result);
            if (seen != null && seen.stamp().equals(stamp(result))) return Optional.of(seen.record().result());
            Object before = stamp(result);
            LevelRecord r = LevelCheck.verify(this, arm, replicate, level, schedule);
            if (!r.checksummed()) unchecksummed.add(levelDir(arm, replicate, level));
            verified.put(result, new Verified(r, before));
            return Optional.of(r.result());
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

    /**
     * Levels whose level.json was checked by {@link #finished} without checksums to check (written
     * before checksums existed): their counts were verified, not their bytes.
     */
    public int unchecksummedLevels() { return unchecksummed.size(); }

    /**
     * Every level.json in the store, ordered by arm, replicate, level. One that is unreadable, fails
     * its own checksum or sits in the wrong folder is skipped (the level loop finds and recomputes it).
     */
    public List<LevelResult> results() throws IOException {
        List<LevelResult> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        for (Path p : LevelFiles.levelJsons(dir)) {   // not Files.find, which fails when a concurrent writer renames a temp file
            try {
                LevelResult r = LevelRecord.read(p).result();
                if (p.equals(resultFile(Arm.parse(r.arm()), r.replicate(), r.level()))) out.add(r);
            } catch (IOException | IllegalArgumentException e) {
                // a damaged level.json is found and recomputed by the level loop
            }
        }
        out.sort(Comparator.comparing((LevelResult r) -> Arm.parse(r.arm()).ordinal())
                .thenComparingInt(LevelResult::replicate).thenComparingInt(LevelResult::level));
        return out;
    }

    /** Rewrites summary.json from every finished level. */
    public void writeSummary() throws IOException {
        AtomicFiles.writeJson(dir.resolve("summary.json"), summary(results()));
    }

    /**
     * Rebuilds summary.json from the level.json files when it is missing, damaged or stale (differs
     * from them); returns what was wrong, or empty when it was up to date.
     */
    public Optional<String> repairSummary() throws IOException {
        List<LevelResult> results = results();
        Map<String, Object> expected = summary(results);
        Path file = dir.resolve("summary.json");
        String problem = null;
        if (!Files.exists(file)) problem = "missing";
        else {
            try {
                JsonNode current = JSON.readTree(file.toFile());
                if (current == null || !current.isObject()) problem = "damaged";
                else if (!current.equals(JSON.readTree(JSON.writeValueAsBytes(expected)))) problem = "stale";
            } catch (IOException e) {
                problem = "damaged";
            }
        }
        if (problem == null) return Optional.empty();
        AtomicFiles.writeJson(file, expected);
        return Optional.of(file + " was " + problem + "; rebuilt it from the " + results.size() + " finished levels");
    }

    private Map<String, Object> summary(List<LevelResult> results) throws IOException {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("experiment", dir.getFileName().toString());
        s.put("identity", identity());
        s.put("records", results);
        return s;
    }

    static JsonNode readJson(Path file) throws IOException {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + " is not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + "); remove or repair it", e);
        }
    }
}
