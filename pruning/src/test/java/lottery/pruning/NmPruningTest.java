package lottery.pruning;

import lottery.kernels.BitMask;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class NmPruningTest {
    /** LeNet-300-100 plus a conv kernel and a layer whose row (13) M = 8 does not divide. */
    static Map<String, int[]> shapes() {
        Map<String, int[]> s = new LinkedHashMap<>(TestNets.lenet300());
        s.put("conv.weight", new int[]{6, 3, 3, 3});
        s.put("odd.weight", new int[]{5, 13});
        return s;
    }

    @Test void steppedCountsAreExactAndTheStructureHoldsAfterEveryLevel() {
        Map<String, int[]> shapes = shapes();
        PruningStrategy s = PruningStrategies.create("nm:4:8,2:8,1:8", PruningRates.PAPER);
        PruningSchedule schedule = new PruningSchedule(s.name(), PruningRates.PAPER);
        Masks masks = Masks.dense(shapes);
        SplittableRandom rng = new SplittableRandom(3);
        int[] n = {8, 4, 2, 1};
        for (int level = 1; level <= 3; level++) {
            Map<String, float[]> w = TestNets.gaussian(shapes, rng.nextLong());
            Masks next = s.prune(masks, w, 0, level);
            for (Masks.Layer l : next.layers()) {
                BitMask m = l.mask(), before = masks.mask(l.name());
                for (int i = 0; i < m.rows; i++)
                    for (int g0 = 0; g0 < m.cols; g0 += 8) {
                        int kept = 0;
                        for (int j = g0; j < Math.min(m.cols, g0 + 8); j++) {
                            if (m.get(i, j)) kept++;
                            assertFalse(m.get(i, j) && !before.get(i, j), "a pruned weight came back");
                        }
                        assertEquals(Math.min(n[level], Math.min(8, m.cols - g0)), kept, l.name() + " row " + i + " group " + g0);
                    }
                int expected = m.rows * ((m.cols / 8) * n[level] + Math.min(n[level], m.cols % 8));
                assertEquals(expected, l.remaining(), l.name() + " level " + level);
            }
            assertNull(schedule.mismatch(next, level));
            assertNotNull(schedule.mismatch(next, level - 1));
            masks = next;
        }
        assertEquals(300 * 98 + 100 * 38 + 10 * 13 + 6 * 4 + 5 * 2, masks.weightsRemaining()); // 1:8: a short last group keeps 1 too
        schedule.checkLevels(shapes, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> schedule.checkLevels(shapes, 4));
        assertTrue(e.getMessage().contains("--levels 3 or fewer"), e.getMessage());
    }

    @Test void eachGroupKeepsItsLargestMagnitudesTiesToTheHigherPosition() {
        Map<String, int[]> shapes = Map.of("w", new int[]{2, 10});
        float[] w = {0.1f, -0.9f, 0.3f, 0.3f, 0.5f, -0.2f, 0.7f, 0.05f, 1, -2,
                     1, 1, 1, 1, 0, 0, 0, 0, 3, 0};
        Masks m = PruningStrategies.create("nm:2:4", PruningRates.PAPER).prune(Masks.dense(shapes), Map.of("w", w), 0, 1);
        // row 0: groups [0.1 -0.9 0.3 0.3] keep 1 and 3 (the tie 0.3/0.3 prunes the lower index), [0.5 -0.2 0.7 0.05] keep 4, 6,
        // tail [1 -2] keeps both; row 1: [1 1 1 1] keeps the last two, [0 0 0 0] the last two, tail [3 0] both
        assertArrayEquals(new int[]{1, 3, 4, 6, 8, 9, 12, 13, 16, 17, 18, 19}, m.mask("w").keptIndices());
    }

    @Test void brokenUpBySurvivorsOnlyAndTheRoundlessFormTakesTheNextStep() {
        Map<String, int[]> shapes = TestNets.lenet300();
        Map<String, float[]> w = TestNets.gaussian(shapes, 5);
        PruningStrategy s = PruningStrategies.create("nm:6:8, 3:8,1:8", PruningRates.PAPER);
        Masks byRound = Masks.dense(shapes), inferred = Masks.dense(shapes);
        for (int round = 1; round <= 3; round++) {
            byRound = s.prune(byRound, w, 0, round);
            inferred = s.prune(inferred, w, 0);
            assertEquals(byRound, inferred, "round " + round);
        }
        assertEquals(s.prune(byRound, w, 0, 4), byRound, "past the last step nothing more goes");
    }

    @Test void aLayerWithRateZeroStaysDense() {
        Map<String, int[]> shapes = TestNets.lenet300();
        Masks m = PruningStrategies.create("nm:1:4", new PruningRates(0.2, 0, 0.15))
                .prune(Masks.dense(shapes), TestNets.gaussian(shapes, 1), 0, 1);
        assertEquals(1000, m.layer("fc3.weight").remaining());
        assertEquals(300 * 196, m.layer("fc1.weight").remaining());
        PruningSchedule schedule = new PruningSchedule("nm:1:4", new PruningRates(0.2, 0, 0.15));
        assertNull(schedule.mismatch(m, 1));
        assertEquals(Map.of("fc1.weight", 300 * 196, "fc2.weight", 100 * 75, "fc3.weight", 1000), schedule.after(shapes, 1).perLayer());
    }

    @Test void namesParseToOneCanonicalSpellingAndBadOnesAreOneLineErrors() {
        assertEquals("nm:4:8,2:8,1:8", PruningStrategies.canonical(" nm:4:8, 2:8 ,1:8"));
        assertEquals("nm:2:4", PruningStrategies.canonical("nm:2:4"));
        for (String bad : List.of("nm:", "nm:2", "nm:4:4", "nm:0:4", "nm:2:4,2:4", "nm:2:4,1:8", "nm:a:b", "nm:1:100", "nm:2:4,3:4"))
            assertThrows(IllegalArgumentException.class, () -> PruningStrategies.create(bad, PruningRates.PAPER), bad);
        assertTrue(PruningStrategies.known("nm:2:4"));
        assertFalse(PruningStrategies.known("nm:5:4"));
    }

    @Test void theStoreIdentityNamesTheStepsAndOldConfigurationsKeepTheirHash() {
        ExperimentConfig docs = new ExperimentConfig("lenet300", "mnist", "layerwise", 0.2, 0.1, 0.15, "init", 8000, 60, "adam",
                1.2e-3, 0.9, 0, 250, 0, 18, 3, List.of(Arm.TICKET, Arm.REINIT));
        assertEquals("lenet300-mnist-714aead230", docs.storeName());
        ExperimentConfig nm = docs.withStrategy("nm:4:8, 2:8,1:8");
        assertEquals("nm:4:8,2:8,1:8", nm.identity().get("strategy"));
        assertNotEquals(docs.hash(), nm.hash());
        assertEquals(nm.hash(), docs.withStrategy("nm:4:8,2:8,1:8").hash());
        assertNotEquals(nm.hash(), docs.withStrategy("nm:4:8,2:8").hash());
        assertEquals(docs.hash(), nm.withStrategy("layerwise").hash());
    }
}
