package lottery.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import lottery.nn.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads and writes benchmark JSON; writes are atomic (temp file in the same directory, fsync, rename). */
public final class BenchJson {
    private BenchJson() {}

    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise benchmark results: " + e.getMessage(), e);
        }
    }

    public static List<BenchRecord> readRecords(String json) throws IOException {
        return MAPPER.readValue(json, new TypeReference<List<BenchRecord>>() {});
    }

    /** Atomic write through {@link AtomicFiles} (temp file, fsync, rename, directory fsync). */
    public static void writeAtomic(Path file, String text) throws IOException {
        AtomicFiles.writeString(file, text);
    }

    public static void writeAtomic(Path file, byte[] bytes) throws IOException {
        AtomicFiles.writeBytes(file, bytes);
    }
}
