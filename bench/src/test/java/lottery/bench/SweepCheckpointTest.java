package lottery.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The records of a sweep in progress reach the disk as a readable sweep report, and the checkpoint can be removed. */
class SweepCheckpointTest {
    @TempDir Path tmp;

    private static BenchRecord record(String impl, double density) {
        GemmShape s = GemmShape.of("linear8x16", Op.FORWARD, 8, 16, 60, 60);
        return BenchRecord.of(Impl.parse(impl), density, s, "random", 1, 0.01, 0.009, 0.001, 512, 0);
    }

    @Test void everyGroupIsOnDiskWhenTheIntervalIsZero() throws Exception {
        Path file = tmp.resolve("sweep.partial.json");
        SweepCheckpoint cp = new SweepCheckpoint(file, MachineFacts.current(), "test timing", 0);
        cp.write();
        assertFalse(Files.exists(file), "nothing measured, nothing written");
        cp.accept(List.of(record("dense", 1.0), record("sparse", 0.5)));
        SweepReport first = BenchJson.MAPPER.readValue(file.toFile(), SweepReport.class);
        assertEquals(2, first.records().size());
        assertEquals("test timing", first.timing());
        cp.accept(List.of(record("sparse", 0.1)));
        SweepReport second = BenchJson.MAPPER.readValue(file.toFile(), SweepReport.class);
        assertEquals(List.of(record("dense", 1.0), record("sparse", 0.5), record("sparse", 0.1)), second.records());
        cp.delete();
        assertFalse(Files.exists(file));
    }

    @Test void aLongIntervalWaitsUntilAnExplicitWrite() throws Exception {
        Path file = tmp.resolve("sweep.partial.json");
        SweepCheckpoint cp = new SweepCheckpoint(file, MachineFacts.current(), "t", 3_600_000);
        cp.accept(List.of(record("dense", 1.0)));
        assertFalse(Files.exists(file));
        cp.write();
        assertEquals(1, BenchJson.MAPPER.readValue(file.toFile(), SweepReport.class).records().size());
    }
}
