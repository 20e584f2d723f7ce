package lottery.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class StabilityCommandTest {
    @TempDir static Path tmp;
    static Path data, store;

    /** A one-level IMP store of LeNet on generated CIFAR-shaped data, shared by the tests. */
    @BeforeAll static void store() throws IOException {
        data = CifarFixture.write(tmp.resolve("cifar"));
        CliRun r = CliRun.of("imp", "--dataset", "cifar10", "--data-dir", data.toString(), "--iterations", "20", "--batch", "10",
                "--eval-every", "20", "--levels", "1", "--threads", "1", "--out", tmp.resolve("runs").toString());
        assertEquals(0, r.exit(), r.err());
        try (Stream<Path> s = Files.list(tmp.resolve("runs"))) {
            store = s.findFirst().orElseThrow();
        }
    }

    @Test void measuresWritesTheTableJsonAndPlotsAndResumes() throws IOException {
        String[] args = {"stability", store.toString(), "--level", "1", "--rewind", "0,10it", "--points", "5", "--threads", "1",
                "--data-dir", data.toString()};
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("| rewind step k | dense (level 0) | ticket level 1 ("), r.out());
        Path dir = store.resolve("stability/p5");
        for (String f : new String[] {"stability.json", "stability.md", "instability.png", "instability.svg", "interpolation-level00.png",
                "interpolation-level01.png"}) assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("stability.json").toFile());
        assertEquals(4, json.path("measurements").size());
        for (JsonNode m : json.path("measurements")) assertTrue(m.path("barrier").asDouble() >= 0, m.toString());

        CliRun again = CliRun.of(args);
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("resuming: 4 of 4 measurements"), again.out());

        CliRun same = CliRun.of("stability", store.toString(), "--level", "1", "--rewind", "10", "--points", "5", "--same-order",
                "--threads", "1", "--data-dir", data.toString());
        assertEquals(0, same.exit(), same.err());
        JsonNode control = new ObjectMapper().readTree(store.resolve("stability/p5-same-order/stability.json").toFile());
        for (JsonNode m : control.path("measurements"))
            assertEquals(0.0, m.path("barrier").asDouble(), 0.0, "the same data order twice gives the same network");
    }

    @Test void badUsageIsOneLine() {
        assertEquals(2, CliRun.of("stability", store.toString(), "--rewind", "0").exit(), "--level is required");
        assertEquals(2, CliRun.of("stability", store.toString(), "--level", "1", "--rewind", "soon", "--data-dir", data.toString()).exit());
        assertEquals(2, CliRun.of("stability", store.toString(), "--level", "1", "--rewind", "0", "--points", "1",
                "--data-dir", data.toString()).exit());
        CliRun missing = CliRun.of("stability", store.toString(), "--level", "4", "--rewind", "0", "--data-dir", data.toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("level 4") && missing.err().strip().lines().count() == 1, missing.err());
        assertNotEquals(0, CliRun.of("stability", data.toString(), "--level", "1", "--rewind", "0").exit(), "not a store");
    }
}
