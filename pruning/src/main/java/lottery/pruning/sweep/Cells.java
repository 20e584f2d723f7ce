package lottery.pruning.sweep;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import lottery.nn.io.AtomicFiles;
import lottery.pruning.ExperimentConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** A cell's whole configuration (identity and extent) as JSON: what a cluster task passes to {@code lottery imp --config}. */
public final class Cells {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Cells() {}

    public static void writeConfig(Path file, ExperimentConfig config) throws IOException { AtomicFiles.writeJson(file, config); }

    /** Reads a configuration written by {@link #writeConfig}; a bad one is an IllegalArgumentException naming the file. */
    public static ExperimentConfig readConfig(Path file) {
        try {
            return JSON.readValue(file.toFile(), ExperimentConfig.class);
        } catch (java.io.FileNotFoundException e) {
            throw new UncheckedIOException(new java.nio.file.NoSuchFileException(file.toString()));
        } catch (IOException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            throw new IllegalArgumentException(file + " is not an experiment configuration: "
                    + String.valueOf(cause.getMessage()).lines().findFirst().orElse(""));
        }
    }
}
