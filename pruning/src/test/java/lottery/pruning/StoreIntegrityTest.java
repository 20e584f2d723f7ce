package lottery.pruning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import lottery.nn.io.AtomicFiles;
import lottery.nn.io.TempFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** A stored level is trusted only when its files are whole, in place and where the pruning schedule puts them. */
class StoreIntegrityTest {
    @TempDir Path out;
    private final ExperimentConfig config = ImpTest.config("init", 4, List.of(Arm.TICKET, Arm.REINIT));
    private List<LevelResult> whole;
    private ExperimentStore store;

    @BeforeEach void runTheWholeExperiment() throws IOException {
        whole = ImpTest.run(config, new FakeNetwork.Factory(20, 5), out, new ArrayList<>());
        store = ExperimentStore.open(out, config);
    }

    /** Runs again; returns the warnings and checks that the results equal the first run's. */
    private List<String> rerun(int expectedTrainings) throws IOException {
        List<String> warnings = new ArrayList<>();
        FakeNetwork.Factory f = new FakeNetwork.Factory(20, 5);
        List<LevelResult> again = ImpTest.run(config, f, out, warnings);
        assertEquals(expectedTrainings, f.trainings, warnings.toString());
        assertEquals(ImpTest.comparable(whole), ImpTest.comparable(again));
        return warnings;
    }

    @Test void aValidMaskFromAnotherLevelIsFoundAndRecomputed() throws IOException {
        // the probe: level 1's mask over level 3, level 4 deleted; level 4 must not be computed from the wrong mask
        Files.copy(store.maskFile(Arm.TICKET, 0, 1), store.maskFile(Arm.TICKET, 0, 3), StandardCopyOption.REPLACE_EXISTING);
        deleteTree(store.levelDir(Arm.TICKET, 0, 4));
        List<String> warnings = rerun(2);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("level03") && warnings.get(0).contains("mask.safetensors"), warnings.get(0));
    }

    @Test void withoutChecksumsTheCountsInLevelJsonStillCatchIt() throws IOException {
        stripChecksums();
        Files.copy(store.maskFile(Arm.TICKET, 0, 1), store.maskFile(Arm.TICKET, 0, 3), StandardCopyOption.REPLACE_EXISTING);
        List<String> warnings = rerun(1);
        assertTrue(warnings.get(0).contains("level.json records"), warnings.get(0));
    }

    @Test void withoutChecksumsTheScheduleCatchesAWholeLevelCopiedOverAnother() throws IOException {
        stripChecksums();
        // level 1's files and counts, relabelled as level 3: consistent with each other, not with the schedule
        Path one = store.levelDir(Arm.TICKET, 0, 1), three = store.levelDir(Arm.TICKET, 0, 3);
        for (String f : List.of("mask.safetensors", "weights.safetensors", "metrics.csv"))
            Files.copy(one.resolve(f), three.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        ObjectNode json = (ObjectNode) ExperimentStore.JSON.readTree(one.resolve("level.json").toFile());
        json.put("level", 3);
        AtomicFiles.writeJson(three.resolve("level.json"), json);
        List<String> warnings = rerun(1);
        assertTrue(warnings.get(0).contains("does not follow the pruning schedule"), warnings.get(0));
    }

    @Test void everyFileOfALevelIsCheckedByItsChecksum() throws IOException {
        Path metrics = store.levelDir(Arm.REINIT, 0, 2).resolve("metrics.csv");
        Files.writeString(metrics, Files.readString(metrics).replaceFirst("0\\.", "1."));   // still a valid CSV
        Path weights = store.weightsFile(Arm.TICKET, 0, 4);
        flipLastFloat(weights);                                                            // still a valid safetensors file
        List<String> warnings = rerun(2);
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.stream().allMatch(w -> w.contains("does not match the sha256")), warnings.toString());
    }

    @Test void theta0IsCoveredByLevelZero() throws IOException {
        flipLastFloat(store.theta0File(0));
        List<String> warnings = rerun(1);
        assertTrue(warnings.get(0).contains("theta0.safetensors"), warnings.get(0));
    }

    @Test void anEditedValueInLevelJsonIsFound() throws IOException {
        Path json = store.resultFile(Arm.TICKET, 0, 2);
        String text = Files.readString(json);
        String edited = text.replaceFirst("\"earlyStopTestAccuracy\" : 0\\.", "\"earlyStopTestAccuracy\" : 0.9");
        assertNotEquals(text, edited);
        Files.writeString(json, edited);
        List<String> warnings = rerun(1);
        assertTrue(warnings.get(0).contains("does not match its own checksum"), warnings.get(0));
    }

    @Test void aPrunedWeightThatIsNotZeroIsFound() throws IOException {
        stripChecksums();
        Path file = store.weightsFile(Arm.TICKET, 0, 2);
        Masks masks = store.readMasks(Arm.TICKET, 0, 2);
        Map<String, float[]> w = store.readWeights(Arm.TICKET, 0, 2);
        int pruned = 0;
        while (masks.mask("l1.weight").get(pruned)) pruned++;
        w.get("l1.weight")[pruned] = 0.5f;
        TensorFiles.writeWeights(file, w, FakeNetwork.SHAPES);
        List<String> warnings = rerun(1);
        assertTrue(warnings.get(0).contains("pruned weight " + pruned), warnings.get(0));
    }

    @Test void aStoreWrittenBeforeChecksumsOpensAndIsNotRecomputed() throws IOException {
        stripChecksums();
        ExperimentStore old = ExperimentStore.open(out, config);
        for (int level = 0; level <= 4; level++) assertTrue(old.finished(Arm.TICKET, 0, level, m -> fail(m)).isPresent());
        assertEquals(5, old.unchecksummedLevels());
        assertEquals(List.of(), rerun(0));
    }

    @Test void summaryJsonIsRebuiltWhenMissingDamagedOrStale() throws IOException {
        Path summary = store.dir().resolve("summary.json");
        byte[] good = Files.readAllBytes(summary);
        assertEquals(Optional.empty(), store.repairSummary());
        Files.delete(summary);
        assertTrue(store.repairSummary().orElseThrow().contains("was missing; rebuilt it from the 9 finished levels"));
        assertArrayEquals(good, Files.readAllBytes(summary));
        Files.writeString(summary, "{\"experiment\": ");
        assertTrue(store.repairSummary().orElseThrow().contains("was damaged"));
        assertArrayEquals(good, Files.readAllBytes(summary));
        Files.writeString(summary, new String(good).replace("\"level\" : 4", "\"level\" : 5"));
        assertTrue(store.repairSummary().orElseThrow().contains("was stale"));
        assertArrayEquals(good, Files.readAllBytes(summary));
        // a level.json that fails its own checksum is not a result
        Path json = store.resultFile(Arm.REINIT, 0, 4);
        Files.writeString(json, Files.readString(json).replace("\"wallSeconds\" : ", "\"wallSeconds\" : 1"));
        assertEquals(8, store.results().size());
    }

    @Test void openingAStoreRemovesTheTempFilesOfADeadWriter() throws IOException {
        Path level = store.levelDir(Arm.TICKET, 0, 3);
        String mine = TempFiles.name("weights.safetensors");          // this host; a pid no process has (above 2^22)
        Path dead = level.resolve(mine.replace(".p" + ProcessHandle.current().pid() + ".", ".p2000000000."));
        Files.writeString(dead, "half a file");
        ExperimentStore.open(out, config);
        assertFalse(Files.exists(dead));
    }

    @Test void theScheduleIsThePapersLenetSeriesAndWhatPruningDoes() {
        PruningSchedule paper = new PruningSchedule("layerwise", PruningRates.PAPER);
        Map<String, int[]> lenet = new java.util.LinkedHashMap<>();
        lenet.put("fc1.weight", new int[]{300, 784});
        lenet.put("fc2.weight", new int[]{100, 300});
        lenet.put("fc3.weight", new int[]{10, 100});
        long[] published = {266200, 213060, 170538, 136511, 109282, 87490, 70051, 56094, 44923, 35981, 28823, 23093, 18506, 14834,
            11893, 9537, 7650, 6139};
        List<PruningSchedule.Survivors> s = paper.series(lenet, published.length - 1);
        for (int level = 0; level < published.length; level++) assertEquals(published[level], s.get(level).total(), "level " + level);

        for (String strategy : PruningStrategies.names()) {
            PruningRates rates = new PruningRates(0.3, 0.1, 0.15);
            PruningSchedule schedule = new PruningSchedule(strategy, rates);
            Masks masks = Masks.dense(Map.of("w", new int[]{7, 13}));
            Map<String, float[]> weights = Map.of("w", new float[91]);
            java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
            for (int level = 1; level <= 8; level++) {
                for (int i = 0; i < 91; i++) weights.get("w")[i] = (float) rng.nextGaussian();
                masks = PruningStrategies.create(strategy, rates).prune(masks, weights, level);
                assertNull(schedule.mismatch(masks, level), strategy + " level " + level);
                assertNotNull(schedule.mismatch(masks, level - 1));
            }
        }
    }

    private void stripChecksums() throws IOException {
        try (Stream<Path> files = Files.find(store.dir(), 4, (p, a) -> p.getFileName().toString().equals("level.json"))) {
            for (Path p : files.toList()) {
                ObjectNode json = (ObjectNode) ExperimentStore.JSON.readTree(p.toFile());
                json.remove(LevelRecord.FILES);
                json.remove(LevelRecord.SELF);
                AtomicFiles.writeJson(p, json);
            }
        }
    }

    /** Changes the last float of a safetensors file (its last 4 bytes) to 0.25: the file stays valid. */
    private static void flipLastFloat(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putFloat(b.length - 4, 0.25f);
        Files.write(file, b);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
