package lottery.bench;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jdk.incubator.vector.FloatVector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the numbers were measured on: written into every JSON and Markdown header. */
/** openblasThreadTimeout: the OPENBLAS_THREAD_TIMEOUT environment value (2^n cycles an idle OpenBLAS thread spins), or "default". */
@JsonPropertyOrder({"cpu", "cores", "vectorLanes", "vectorBits", "jdk", "os", "openblas", "openblasThreadTimeout"})
public record MachineFacts(String cpu, int cores, int vectorLanes, int vectorBits, String jdk, String os, String openblas,
                           String openblasThreadTimeout) {

    public static MachineFacts current() {
        int lanes = FloatVector.SPECIES_PREFERRED.length();
        return new MachineFacts(cpuModel(), Runtime.getRuntime().availableProcessors(), lanes, lanes * 32,
                System.getProperty("java.vm.name") + " " + Runtime.version(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                OpenBlas.config(), System.getenv().getOrDefault("OPENBLAS_THREAD_TIMEOUT", "default"));
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown (" + System.getProperty("os.arch") + ")";
        }
    }

    public String oneLine() {
        return cpu + ", " + cores + " cores, " + vectorBits + "-bit vectors (" + vectorLanes + " floats), " + jdk + ", " + openblas + ", OPENBLAS_THREAD_TIMEOUT=" + openblasThreadTimeout;
    }
}
