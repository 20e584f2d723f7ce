package lottery.pruning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import lottery.nn.io.AtomicFiles;
import lottery.nn.io.Checksums;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A level's level.json: its {@link LevelResult}, the SHA-256 of every file the level consists of
 * ({@code "sha256": {"mask.safetensors": ..., "../theta0.safetensors": ...}}, names relative to
 * the level's folder), and {@code "recordSha256"}, the SHA-256 of the canonical JSON of the two, so
 * that an edited value is found too. A level.json written before checksums existed has neither
 * field: it reads as a record with no file checksums.
 */
record LevelRecord(LevelResult result, Map<String, String> files) {
    static final String FILES = "sha256", SELF = "recordSha256";

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectMapper CANONICAL = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** True when the level.json carried file checksums (written by this version or later). */
    boolean checksummed() { return files != null; }

    void write(Path file) throws IOException {
        ObjectNode node = ExperimentStore.JSON.valueToTree(result);
        node.set(FILES, ExperimentStore.JSON.valueToTree(new TreeMap<>(files)));
        node.put(SELF, digest(result, files));
        AtomicFiles.writeJson(file, node);
    }

    /** Reads and checks a level.json; any defect (bad JSON, a missing or unknown field, an edited value) is an IOException. */
    static LevelRecord read(Path file) throws IOException {
        JsonNode root;
        try {
            root = STRICT.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            String why = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
            throw new IOException(file + " is not valid JSON (" + why + ")");
        }
        if (!(root instanceof ObjectNode node)) throw new IOException(file + " is not a JSON object");
        JsonNode files = node.remove(FILES), self = node.remove(SELF);
        LevelResult result;
        try {
            result = STRICT.treeToValue(node, LevelResult.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IOException(file + " is not a level record (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
        }
        if (result.arm() == null || result.remainingPerLayer() == null || result.remainingPerLayer().containsValue(null))
            throw new IOException(file + " is not a level record (a field is null)");
        if (files == null && self == null) return new LevelRecord(result, null);
        if (files == null || self == null || !files.isObject() || !self.isTextual())
            throw new IOException(file + " has a partial checksum record (fields " + FILES + " and " + SELF + ")");
        Map<String, String> hashes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : files.properties()) {
            if (!e.getValue().isTextual() || !e.getKey().matches("(\\.\\./)?[A-Za-z0-9_-][A-Za-z0-9_.-]*"))
                throw new IOException(file + " lists an invalid checksum entry '" + e.getKey() + "'");
            hashes.put(e.getKey(), e.getValue().textValue());
        }
        if (!digest(result, hashes).equals(self.textValue()))
            throw new IOException(file + " does not match its own checksum (" + SELF + "): a value was changed after it was written");
        return new LevelRecord(result, hashes);
    }

    /** SHA-256 of the canonical JSON (map keys sorted) of the result and the file checksums. */
    static String digest(LevelResult result, Map<String, String> files) {
        Map<String, Object> both = new TreeMap<>();
        both.put("result", result);
        both.put(FILES, new TreeMap<>(files));
        try {
            return Checksums.sha256(CANONICAL.writeValueAsString(both).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a level record", e);
        }
    }
}
