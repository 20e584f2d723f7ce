package lottery.pruning;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class StabilityTest {
    @TempDir Path out;

    /** A real network (LeNet on the 16-pixel synthetic task) with IMP run to level 1. */
    ExperimentStore nnStore(ExperimentConfig c, NnNetworks networks, String name) throws IOException {
        ExperimentStore store = ExperimentStore.open(out.resolve(name), c);
        new Imp(c, networks, store, ImpListener.NONE).run();
        return store;
    }

    @Test void twoCopiesWithTheSameDataOrderHaveABarrierOfExactlyZero() throws IOException {
        ExperimentConfig c = NnImpTest.config("adam", 0, "init", 1, null);
        NnNetworks networks = new NnNetworks(c, NnImpTest.data());
        ExperimentStore store = nnStore(c, networks, "s");
        List<StabilityPoint> ps = new Stability(c, networks, store, new Stability.Settings(7, true), new Stability.Listener() {})
                .run(List.of(0, 1), List.of(0, 10), List.of(0));
        assertEquals(4, ps.size());
        for (StabilityPoint p : ps) {
            assertEquals(0.0, p.barrier(), 0.0, p.toString());
            for (double e : p.testError()) assertEquals(p.errorA(), e, 0.0);
        }
    }

    @Test void theEndpointsAreTheTrainedNetworksAndTheBarrierIsNeverNegative() throws IOException {
        ExperimentConfig c = NnImpTest.config("adam", 0, "init", 1, null);
        NnNetworks networks = new NnNetworks(c, NnImpTest.data());
        ExperimentStore store = nnStore(c, networks, "s");
        List<StabilityPoint> ps = new Stability(c, networks, store, new Stability.Settings(30, false), new Stability.Listener() {})
                .run(List.of(0, 1), List.of(0, 20), List.of(0));
        for (StabilityPoint p : ps) {
            assertEquals(30, p.testError().length);
            assertEquals(p.errorA(), p.testError()[0], 0.0, "α = 0 is copy A");
            assertEquals(p.errorB(), p.testError()[29], 0.0, "α = 1 is copy B");
            assertTrue(p.barrier() >= 0, p.toString());
        }
        assertTrue(ps.stream().anyMatch(p -> p.errorA() != p.errorB() || p.barrier() > 0), "different orders give different copies");

        Map<String, float[]> a = TestNets.gaussian(TestNets.lenet300(), 1), b = TestNets.gaussian(TestNets.lenet300(), 2);
        ImpTest.assertStateEquals(a, Stability.interpolate(a, b, 0.0));
        ImpTest.assertStateEquals(b, Stability.interpolate(a, b, 1.0));
        assertEquals((a.get("fc3.weight")[5] + b.get("fc3.weight")[5]) / 2, Stability.interpolate(a, b, 0.5).get("fc3.weight")[5], 1e-7);
    }

    @Test void theBarrierFormulaIsNeverNegative() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int t = 0; t < 10_000; t++) {
            double[] e = new double[2 + rng.nextInt(30)];
            for (int i = 0; i < e.length; i++) e[i] = rng.nextInt(1 + rng.nextInt(10_001)) / 10_000.0;
            assertTrue(StabilityPoint.barrier(e) >= 0, java.util.Arrays.toString(e));
        }
        assertEquals(0.3 - 0.15, StabilityPoint.barrier(new double[]{0.1, 0.3, 0.2}), 1e-15);
        assertArrayEquals(new double[]{0, 0.25, 0.5, 0.75, 1}, StabilityPoint.alphas(5));
    }

    @Test void aReplayedThetaKIsTheOneImpStored() throws IOException {
        ExperimentConfig init = NnImpTest.config("adam", 0, "init", 1, null), late = NnImpTest.config("adam", 0, "10it", 1, null);
        NnNetworks networks = new NnNetworks(init, NnImpTest.data());
        nnStore(init, networks, "warm-up");
        ExperimentStore withK = nnStore(late, new NnNetworks(late, NnImpTest.data()), "late");
        ExperimentStore store = nnStore(init, networks, "init");
        Stability s = new Stability(init, networks, store, new Stability.Settings(3, false), new Stability.Listener() {});
        s.run(List.of(0), List.of(10), List.of(0));
        ImpTest.assertStateEquals(TensorFiles.readWeights(withK.thetaKFile(0)), TensorFiles.readWeights(s.replayFile(0, 10)));
    }

    static List<String> comparable(List<StabilityPoint> ps) {
        List<String> s = new ArrayList<>();
        for (StabilityPoint p : ps)
            s.add(p.level() + "/" + p.replicate() + "/" + p.k() + " " + java.util.Arrays.toString(p.testError()) + " " + p.barrier());
        return s;
    }

    @Test void aKilledAnalysisResumesWhereItStoppedWithTheSameNumbers() throws IOException {
        ExperimentConfig c = ImpTest.config("init", 2, List.of(Arm.TICKET)).withExtent(2, 2, List.of(Arm.TICKET));
        FakeNetwork.Factory f = new FakeNetwork.Factory(20, 5);
        ExperimentStore a = ExperimentStore.open(out.resolve("a"), c), b = ExperimentStore.open(out.resolve("b"), c);
        new Imp(c, f, a, ImpListener.NONE).run();
        new Imp(c, f, b, ImpListener.NONE).run();
        Stability.Settings settings = new Stability.Settings(30, false);
        List<Integer> levels = List.of(0, 2), ks = List.of(0, 3, 8), reps = List.of(0, 1);
        List<StabilityPoint> whole = new Stability(c, new FakeNetwork.Factory(20, 5), a, settings, new Stability.Listener() {})
                .run(levels, ks, reps);
        assertEquals(12, whole.size());

        FakeNetwork.Factory dying = new FakeNetwork.Factory(20, 5);
        dying.failAt = 9;       // replay of rep 0, then 4 points (8 trainings) done: dies inside the 5th
        assertThrows(IllegalStateException.class,
                () -> new Stability(c, dying, b, settings, new Stability.Listener() {}).run(levels, ks, reps));
        FakeNetwork.Factory resumed = new FakeNetwork.Factory(20, 5);
        int[] counts = new int[2];
        List<StabilityPoint> rest = new Stability(c, resumed, b, settings, new Stability.Listener() {
            @Override public void started(int total, int done) { counts[0] = total; counts[1] = done; }
        }).run(levels, ks, reps);
        assertArrayEquals(new int[]{12, 4}, counts);
        // rep 0: its replayed θk are in the store, 2 points left; rep 1: one replay, then 6 points of two copies
        assertEquals(2 * 2 + 1 + 2 * 6, resumed.trainings);
        assertEquals(comparable(whole), comparable(rest));

        FakeNetwork.Factory again = new FakeNetwork.Factory(20, 5);
        List<StabilityPoint> third = new Stability(c, again, b, settings, new Stability.Listener() {}).run(levels, ks, reps);
        assertEquals(comparable(whole), comparable(third));
        assertEquals(0, again.trainings, "a finished analysis is not recomputed");
        Files.writeString(new Stability(c, again, b, settings, new Stability.Listener() {}).pointFile(2, 1, 8), "{\"level\": 2,");
        List<String> warnings = new ArrayList<>();
        new Stability(c, again, b, settings, new Stability.Listener() {
            @Override public void message(String line) { warnings.add(line); }
        }).run(levels, ks, reps);
        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals(2, again.trainings, "a damaged point is measured again (two copies; θk comes from the store)");
    }

    @Test void aLevelThatIsNotInTheStoreIsAClearError() throws IOException {
        ExperimentConfig c = ImpTest.config("init", 1, List.of(Arm.TICKET));
        ExperimentStore store = ExperimentStore.open(out, c);
        new Imp(c, new FakeNetwork.Factory(20, 5), store, ImpListener.NONE).run();
        Stability s = new Stability(c, new FakeNetwork.Factory(20, 5), store, new Stability.Settings(30, false),
                new Stability.Listener() {});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.run(List.of(0, 3), List.of(0), List.of(0)));
        assertTrue(e.getMessage().contains("level 3"), e.getMessage());
    }

    @Test void rewindPointsParse() {
        assertEquals(List.of(0, 100, 500, 2000), Stability.parseRewindPoints("0,100,500,2000it", 916, 50_000));
        assertEquals(List.of(0, 916, 1832), Stability.parseRewindPoints("2ep, 0, 1ep, 916it", 916, 50_000));
        assertThrows(IllegalArgumentException.class, () -> Stability.parseRewindPoints("0,60000", 916, 50_000));
        assertThrows(IllegalArgumentException.class, () -> Stability.parseRewindPoints("soon", 916, 50_000));
        assertThrows(IllegalArgumentException.class, () -> Stability.parseRewindPoints(" , ", 916, 50_000));
        assertThrows(IllegalArgumentException.class, () -> new Stability.Settings(1, false));
    }

    @Test void theReportHasMeanSpreadAndOneColumnPerLevel() {
        double[] alphas = StabilityPoint.alphas(3);
        List<StabilityPoint> ps = List.of(
                new StabilityPoint(0, 100, 1, 0, 0, 20, false, alphas, new double[]{0.1, 0.3, 0.1}, 0.1, 0.1, 0.2, 1),
                new StabilityPoint(0, 100, 1, 0, 1, 20, false, alphas, new double[]{0.1, 0.5, 0.1}, 0.1, 0.1, 0.4, 1),
                new StabilityPoint(2, 64, 0.64, 0, 0, 20, false, alphas, new double[]{0.1, 0.1, 0.1}, 0.1, 0.1, 0.0, 1));
        StabilityReport r = StabilityReport.of(ps, 100);
        StabilityReport.Row dense = r.row(0, 0);
        assertEquals(30, dense.meanBarrier(), 1e-9);
        assertEquals(Math.sqrt(200), dense.stdBarrier(), 1e-9);
        assertEquals(2, dense.n());
        assertEquals(40, dense.meanPathError()[1], 1e-9);
        String md = r.markdown();
        assertTrue(md.contains("| dense (level 0) | ticket level 2 (64.0%) |"), md);
        assertTrue(md.contains("| 0 | 30.00 ± 14.14 [20.00, 40.00] | 0.00 ± 0.00 [0.00, 0.00] |"), md);
    }
}
