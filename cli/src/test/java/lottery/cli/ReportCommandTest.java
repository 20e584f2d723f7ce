package lottery.cli;

import lottery.kernels.BitMask;
import lottery.pruning.Arm;
import lottery.pruning.EvalRow;
import lottery.pruning.ExperimentConfig;
import lottery.pruning.ExperimentStore;
import lottery.pruning.LevelResult;
import lottery.pruning.Masks;
import lottery.pruning.TrainOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class ReportCommandTest {
    @TempDir Path out;

    /** A store with two arms, two replicates and three levels of an MNIST-shaped first layer. */
    static ExperimentStore store(Path out) throws IOException {
        ExperimentConfig c = new ExperimentConfig("lenet300", "mnist", "layerwise", 0.2, 0.1, 0.15, "init", 100, 60, "adam",
                1.2e-3, 0.9, 0, 50, 0, 2, 2, Arm.parseList("reinit"));
        ExperimentStore store = ExperimentStore.open(out, c);
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put("fc1.weight", new int[]{3, 784});
        shapes.put("fc2.weight", new int[]{10, 3});
        SplittableRandom rng = new SplittableRandom(1);
        for (int rep = 0; rep < 2; rep++)
            for (int level = 0; level <= 2; level++)
                for (Arm arm : List.of(Arm.TICKET, Arm.REINIT)) {
                    if (arm == Arm.REINIT && level == 0) continue;
                    BitMask m1 = new BitMask(3, 784), m2 = BitMask.ones(10, 3);
                    for (int j = 0; j < 784; j++) for (int i = 0; i < 3; i++) if (rng.nextDouble() < Math.pow(0.8, level)) m1.set(i, j, true);
                    Masks masks = new Masks(List.of(new Masks.Layer("fc1.weight", new int[]{3, 784}, m1), new Masks.Layer("fc2.weight", new int[]{10, 3}, m2)));
                    Map<String, float[]> w = Map.of("fc1.weight", new float[3 * 784], "fc2.weight", new float[30]);
                    TrainOutcome o = new TrainOutcome(List.of(new EvalRow(50, 0.5, 0.4, 0.9, 0.9), new EvalRow(100, 0.3, 0.35, 0.95, 0.96)), 100, 0.96 - 0.01 * level, 0.96, 0.35);
                    store.writeLevel(arm, rep, level, masks, w, shapes, o, new LevelResult(arm.id(), rep, level, masks.weightsRemaining(),
                            masks.density(), 100 - 10 * level, 0.97 - 0.01 * level - 0.01 * rep - (arm == Arm.REINIT ? 0.05 : 0), 0.96, 0.35, 1.5, masks.remainingPerLayer()));
                }
        store.writeSummary();
        return store;
    }

    @Test void redrawsPlotsAndTheTableFromAStore() throws IOException {
        ExperimentStore store = store(out);
        assertEquals(0, Main.execute("report", store.dir().toString()));
        for (String f : List.of("accuracy.png", "accuracy.svg", "early_stop.png", "early_stop.svg", "first_layer.png", "first_layer.svg", "report.md"))
            assertTrue(Files.size(store.dir().resolve(f)) > 100, f);
        String md = Files.readString(store.dir().resolve("report.md"));
        assertTrue(md.contains("| ticket acc @ early stop | reinit acc @ early stop |"), md);
        assertTrue(md.contains("| 0 | 100.0% ("), md);
        byte[] png = Files.readAllBytes(store.dir().resolve("accuracy.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        try (var files = Files.list(store.dir())) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temp files left behind");
        }
    }

    @Test void rebuildsASummaryThatIsMissingOrDamaged() throws IOException {
        ExperimentStore store = store(out);
        Path summary = store.dir().resolve("summary.json");
        byte[] good = Files.readAllBytes(summary);
        for (String damage : List.of("delete", "{\"records\": [", "{}")) {
            if (damage.equals("delete")) Files.delete(summary); else Files.writeString(summary, damage);
            CliRun r = CliRun.of("report", store.dir().toString());
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.err().contains(summary + " was ") && r.err().contains("; rebuilt it from the 10 finished levels"), r.err());
            assertArrayEquals(good, Files.readAllBytes(summary), damage);
        }
        CliRun again = CliRun.of("report", store.dir().toString());
        assertFalse(again.err().contains("rebuilt"), again.err());
    }

    @Test void aDirectoryThatIsNotAStoreIsAOneLineError() {
        assertEquals(1, Main.execute("report", out.resolve("nothing").toString()));
    }
}
