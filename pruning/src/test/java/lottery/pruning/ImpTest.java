package lottery.pruning;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ImpTest {
    @TempDir Path out;

    static ExperimentConfig config(String rewind, int levels, List<Arm> arms) {
        return new ExperimentConfig("fake", "none", "layerwise", 0.2, 0.1, 0.15, rewind, 20, 8, "adam", 1e-3, 0.9, 0,
                5, 7, levels, 1, arms);
    }

    static List<LevelResult> run(ExperimentConfig c, FakeNetwork.Factory f, Path out, List<String> warnings) throws IOException {
        ExperimentStore store = ExperimentStore.open(out, c);
        return new Imp(c, f, store, new ImpListener() {
            @Override public void warning(String m) { warnings.add(m); }
        }).run();
    }

    /** A result without its wall time, which is the one field allowed to differ between runs. */
    static List<String> comparable(List<LevelResult> rs) {
        List<String> s = new ArrayList<>();
        for (LevelResult r : rs)
            s.add(r.arm() + "/" + r.replicate() + "/" + r.level() + " " + r.weightsRemaining() + " " + r.earlyStopIteration()
                    + " " + r.earlyStopTestAccuracy() + " " + r.finalTestAccuracy() + " " + r.valLoss() + " " + r.remainingPerLayer());
        return s;
    }

    @Test void runsEveryLevelOfEveryArmWithTheTicketsMasks() throws IOException {
        ExperimentConfig c = config("init", 3, Arm.parseList("reinit,random,finetune"));
        FakeNetwork.Factory f = new FakeNetwork.Factory(20, 5);
        List<LevelResult> rs = run(c, f, out, new ArrayList<>());
        assertEquals(1 + 3 * 4, rs.size());
        assertEquals(13, f.trainings);
        ExperimentStore store = ExperimentStore.open(out, c);
        long[] expected = {78, 48 + 16, 38 + 14, 30 + 13}; // l1: 60 -12 -10 -8, l2: 18 -2 -2 -1 (rint of 0.2 and 0.1 of survivors)
        for (int level = 0; level <= 3; level++) {
            Masks ticket = store.readMasks(Arm.TICKET, 0, level);
            assertEquals(expected[level], ticket.weightsRemaining(), "level " + level);
            if (level == 0) continue;
            assertEquals(ticket, store.readMasks(Arm.REINIT, 0, level));
            assertEquals(ticket, store.readMasks(Arm.FINETUNE, 0, level));
            Masks random = store.readMasks(Arm.RANDOM, 0, level);
            assertEquals(ticket.remainingPerLayer(), random.remainingPerLayer());
        }
        assertTrue(Files.exists(store.dir().resolve("summary.json")));
        assertTrue(Files.readString(store.levelDir(Arm.TICKET, 0, 2).resolve("metrics.csv")).startsWith(MetricsCsv.HEADER));
    }

    @Test void theTicketRewindsExactlyToTheta0AndControlsStartWhereTheyShould() throws IOException {
        ExperimentConfig c = config("init", 2, Arm.parseList("reinit,random,finetune"));
        FakeNetwork.Factory f = new FakeNetwork.Factory(20, 5);
        run(c, f, out, new ArrayList<>());
        ExperimentStore store = ExperimentStore.open(out, c);
        Map<String, float[]> theta0 = TensorFiles.readWeights(store.theta0File(0));
        assertArrayEquals(new FakeNetwork(f, Seeds.derive(7, "init", 0)).state().get("l1.weight"), theta0.get("l1.weight"));
        Map<String, float[]> trained0 = store.readWeights(Arm.TICKET, 0, 0);
        assertFalse(java.util.Arrays.equals(theta0.get("l1.weight"), trained0.get("l1.weight")), "training changed nothing");
        // order of trainings: ticket0, ticket1, reinit1, random1, finetune1, ticket2, ...
        Masks m1 = store.readMasks(Arm.TICKET, 0, 1);
        Map<String, float[]> expected = copy(theta0);
        m1.applyTo(expected);
        assertStateEquals(expected, f.starts.get(1));                                 // ticket: θ0 ⊙ m
        Map<String, float[]> fresh = new FakeNetwork(f, Seeds.derive(7, "reinit", 0, 1)).state();
        m1.applyTo(fresh);
        assertStateEquals(fresh, f.starts.get(2));                                    // reinit: new init ⊙ m
        Masks random = store.readMasks(Arm.RANDOM, 0, 1);
        Map<String, float[]> randomStart = copy(theta0);
        random.applyTo(randomStart);
        assertStateEquals(randomStart, f.starts.get(3));                              // random: θ0 ⊙ random mask
        Map<String, float[]> finetune = copy(trained0);
        m1.applyTo(finetune);
        assertStateEquals(finetune, f.starts.get(4));                                 // finetune: trained ⊙ m
    }

    @Test void lateRewindingRestoresThetaKTakenDuringLevelZero() throws IOException {
        ExperimentConfig c = config("2ep", 1, List.of(Arm.TICKET));   // 2 epochs = 8 iterations here
        FakeNetwork.Factory f = new FakeNetwork.Factory(20, 5);
        run(c, f, out, new ArrayList<>());
        ExperimentStore store = ExperimentStore.open(out, c);
        Map<String, float[]> thetaK = TensorFiles.readWeights(store.thetaKFile(0));
        // replay level 0 to step 8 by hand
        FakeNetwork.Factory g = new FakeNetwork.Factory(8, 5);
        Network net = g.create(Seeds.derive(7, "init", 0));
        net.setMasks(Masks.dense(Map.of("l1.weight", new int[]{6, 10}, "l2.weight", new int[]{3, 6})));
        net.train(Seeds.derive(7, "data", "ticket", 0, 0), new TrainHooks() {});
        assertStateEquals(net.state(), thetaK);
        Map<String, float[]> expected = copy(thetaK);
        store.readMasks(Arm.TICKET, 0, 1).applyTo(expected);
        assertStateEquals(expected, f.starts.get(1));
    }

    @Test void aLevelRewoundToThetaKResumesAtStepKWithTheDenseRunsDataOrder() throws IOException {
        ExperimentConfig c = config("8it", 2, Arm.parseList("reinit,random,finetune"));
        FakeNetwork.Factory f = new FakeNetwork.Factory(20, 5);
        run(c, f, out, new ArrayList<>());
        long dense = Seeds.derive(7, "data", "ticket", 0, 0);
        // order of trainings: ticket0, ticket1, reinit1, random1, finetune1, ticket2, reinit2, random2, finetune2
        assertArrayEquals(new long[]{dense, 0}, f.clocks.get(0), "level 0 trains 1..T");
        for (int i : new int[]{1, 3, 5, 7}) assertArrayEquals(new long[]{dense, 8}, f.clocks.get(i), "training " + i + " resumes θk at 8");
        assertArrayEquals(new long[]{Seeds.derive(7, "data", "reinit", 0, 1), 0}, f.clocks.get(2), "a fresh init starts at 0");
        assertArrayEquals(new long[]{Seeds.derive(7, "data", "finetune", 0, 2), 0}, f.clocks.get(8));
        ExperimentStore store = ExperimentStore.open(out, c);
        List<String> rows = Files.readAllLines(store.levelDir(Arm.TICKET, 0, 1).resolve("metrics.csv"));
        assertEquals(List.of("10", "15", "20"), rows.subList(1, rows.size()).stream().map(r -> r.split(",")[0]).toList(),
                "evaluations on the global clock, after k only");
        assertTrue(store.finished(Arm.TICKET, 0, 1, w -> {}).orElseThrow().earlyStopIteration() > 8);
    }

    @Test void rewindingToInitKeepsEachLevelsOwnDataOrderFromStepZero() throws IOException {
        ExperimentConfig c = config("init", 2, List.of(Arm.TICKET));
        FakeNetwork.Factory f = new FakeNetwork.Factory(20, 5);
        run(c, f, out, new ArrayList<>());
        for (int level = 0; level <= 2; level++)
            assertArrayEquals(new long[]{Seeds.derive(7, "data", "ticket", 0, level), 0}, f.clocks.get(level));
    }

    @Test void rewindPastTheEndOfTrainingIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> config("21it", 1, List.of(Arm.TICKET)));
        ExperimentConfig c = config("6ep", 1, List.of(Arm.TICKET));   // 24 iterations of 20
        assertThrows(IllegalArgumentException.class, () -> Imp.checkRewind(c, 4));
        assertThrows(IllegalArgumentException.class, () -> run(c, new FakeNetwork.Factory(20, 5), out, new ArrayList<>()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Imp.checkRewind(config("999999999ep", 1, List.of(Arm.TICKET)), 55_000));
        assertTrue(e.getMessage().contains("999999999ep") && e.getMessage().contains("2147483647"), e.getMessage());
    }

    @Test void aKilledRunResumesAtTheFirstUnfinishedLevelWithTheSameNumbers() throws IOException {
        ExperimentConfig c = config("init", 3, Arm.parseList("reinit,random"));
        List<LevelResult> whole = run(c, new FakeNetwork.Factory(20, 5), out.resolve("a"), new ArrayList<>());

        FakeNetwork.Factory dying = new FakeNetwork.Factory(20, 5);
        dying.failAt = 5;   // dies while training ticket level 2
        assertThrows(IllegalStateException.class, () -> run(c, dying, out.resolve("b"), new ArrayList<>()));
        FakeNetwork.Factory resumed = new FakeNetwork.Factory(20, 5);
        List<LevelResult> rest = run(c, resumed, out.resolve("b"), new ArrayList<>());
        assertEquals(10 - 5, resumed.trainings);
        assertEquals(comparable(whole), comparable(rest));
        ExperimentStore a = ExperimentStore.open(out.resolve("a"), c), b = ExperimentStore.open(out.resolve("b"), c);
        assertArrayEquals(Files.readAllBytes(a.weightsFile(Arm.RANDOM, 0, 3)), Files.readAllBytes(b.weightsFile(Arm.RANDOM, 0, 3)));

        FakeNetwork.Factory again = new FakeNetwork.Factory(20, 5);
        assertEquals(comparable(whole), comparable(run(c, again, out.resolve("b"), new ArrayList<>())));
        assertEquals(0, again.trainings, "a finished experiment must not be recomputed");
    }

    @Test void aDamagedLevelIsReportedAndRecomputedAndNothingElseIsLost() throws IOException {
        ExperimentConfig c = config("init", 3, List.of(Arm.TICKET));
        List<LevelResult> whole = run(c, new FakeNetwork.Factory(20, 5), out, new ArrayList<>());
        ExperimentStore store = ExperimentStore.open(out, c);
        Path weights = store.weightsFile(Arm.TICKET, 0, 2);
        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, java.util.Arrays.copyOf(bytes, bytes.length / 2));        // truncated
        Files.writeString(store.resultFile(Arm.TICKET, 0, 3), "{\"arm\": \"tick");    // bad JSON
        List<String> warnings = new ArrayList<>();
        FakeNetwork.Factory f = new FakeNetwork.Factory(20, 5);
        List<LevelResult> again = run(c, f, out, warnings);
        assertEquals(2, f.trainings);
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("level02"), warnings.get(0));
        assertEquals(comparable(whole), comparable(again));
    }

    @Test void aStoreOfAnotherConfigurationIsAClearError() throws IOException {
        ExperimentConfig c = config("init", 1, List.of(Arm.TICKET));
        ExperimentStore store = ExperimentStore.open(out, c);
        Path file = store.dir().resolve("config.json");
        Files.writeString(file, Files.readString(file).replace("\"layerwise\"", "\"global\""));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ExperimentStore.open(out, c));
        assertTrue(e.getMessage().contains("different configuration"), e.getMessage());
        Files.writeString(file, "{not json");
        assertThrows(IOException.class, () -> ExperimentStore.open(out, c));
    }

    static Map<String, float[]> copy(Map<String, float[]> s) {
        Map<String, float[]> c = new java.util.LinkedHashMap<>();
        s.forEach((k, v) -> c.put(k, v.clone()));
        return c;
    }

    static void assertStateEquals(Map<String, float[]> expected, Map<String, float[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, v) -> assertArrayEquals(v, actual.get(k), k));
    }
}
