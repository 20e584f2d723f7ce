package lottery.pruning;

import lottery.kernels.BitMask;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class BlockPruningTest {
    /** Every R×C block of {@code m} (tiled from (0, 0)) is all kept or all pruned; returns the kept blocks. */
    static int wholeBlocks(BitMask m, int r, int c) {
        int kept = 0;
        for (int i0 = 0; i0 < m.rows; i0 += r)
            for (int j0 = 0; j0 < m.cols; j0 += c) {
                boolean first = m.get(i0, j0);
                for (int i = i0; i < Math.min(m.rows, i0 + r); i++)
                    for (int j = j0; j < Math.min(m.cols, j0 + c); j++) assertEquals(first, m.get(i, j), "block at " + i0 + "," + j0);
                if (first) kept++;
            }
        return kept;
    }

    @Test void layerwiseRemovesExactBlockCountsAndTheBlocksStayWhole() {
        Map<String, int[]> shapes = new LinkedHashMap<>(TestNets.lenet300());
        shapes.put("edge.weight", new int[]{10, 14});             // blocks of 4x4 do not tile it
        shapes.put("out.weight", new int[]{8, 20});
        PruningStrategy s = PruningStrategies.create("block:4x4", PruningRates.PAPER);
        PruningSchedule schedule = new PruningSchedule("block:4x4", PruningRates.PAPER);
        Masks masks = Masks.dense(shapes);
        long[] blocks = {75 * 196, 25 * 75, 3 * 25, 3 * 4, 2 * 5};
        double[] rate = {0.2, 0.2, 0.2, 0.2, 0.1};
        SplittableRandom rng = new SplittableRandom(11);
        for (int level = 1; level <= 6; level++) {
            Masks next = s.prune(masks, TestNets.gaussian(shapes, rng.nextLong()), 0, level);
            List<Masks.Layer> ls = next.layers();
            for (int i = 0; i < ls.size(); i++) {
                blocks[i] -= Math.rint(rate[i] * blocks[i]);
                assertEquals(blocks[i], wholeBlocks(ls.get(i).mask(), 4, 4), ls.get(i).name() + " level " + level);
                BitMask before = masks.layers().get(i).mask(), after = ls.get(i).mask();
                for (int k = 0; k < after.size(); k++) assertFalse(after.get(k) && !before.get(k));
            }
            assertEquals(blocks[0] * 16, next.layer("fc1.weight").remaining());
            assertNull(schedule.mismatch(next, level), "level " + level);
            assertNotNull(schedule.mismatch(next, level - 1));
            masks = next;
        }
        assertFalse(schedule.after(shapes, 1).exact());
        assertFalse(schedule.after(shapes, 1).perLayer().containsKey("edge.weight"));
        Map<String, int[]> tiled = new LinkedHashMap<>(TestNets.lenet300());
        tiled.remove("fc3.weight");                                 // 10 rows: 4x4 blocks do not tile it
        PruningSchedule.Survivors three = schedule.after(tiled, 3);
        assertTrue(three.exact());
        // fc1 loses 20% of its blocks per round, fc2 (the output layer here) 10%: 14700 -> 7526, 1875 -> 1687 -> 1518 -> 1366
        assertEquals(16L * (14700 - 2940 - 2352 - 1882 + 1875 - 188 - 169 - 152), three.total());
    }

    @Test void thePrunedBlocksHaveTheSmallestNormPerPosition() {
        Map<String, int[]> shapes = Map.of("w", new int[]{4, 6});
        // 2x3 blocks: b0 rows 0-1 cols 0-2, b1 rows 0-1 cols 3-5, b2, b3 below
        float[] w = {1, 1, 1, 0.1f, 0.1f, 0.1f,
                     1, 1, 1, 0.1f, 0.1f, 3,
                     0.2f, 0, 0, -2, 2, 2,
                     0, 0, 0, 2, 2, 2};
        Masks m = new BlockPruning(2, 3, false, new PruningRates(0.5, 0.5, 0.5)).prune(Masks.dense(shapes), Map.of("w", w), 0);
        // mean squares: b0 = 1, b1 = (5 * 0.01 + 9) / 6 ≈ 1.51, b2 = 0.04 / 6, b3 = 4: rint(0.5 * 4) = 2 go, b2 and b0
        assertArrayEquals(new int[]{3, 4, 5, 9, 10, 11, 15, 16, 17, 21, 22, 23}, m.mask("w").keptIndices());
    }

    @Test void globalRanksTheBlocksOfAllLayersTogether() {
        Map<String, int[]> shapes = TestNets.lenet300();
        Map<String, float[]> w = TestNets.gaussian(shapes, 2);
        for (float[] v : w.values()) for (int i = 0; i < v.length; i++) v[i] *= 1;
        float[] fc2 = w.get("fc2.weight");
        for (int i = 0; i < fc2.length; i++) fc2[i] *= 0.01f;         // fc2's blocks are the smallest: they go first
        Masks m = PruningStrategies.create("block:1x8:global", PruningRates.PAPER).prune(Masks.dense(shapes), w, 0);
        long total = 300 * 98 + 100 * 38 + 10 * 13;                   // 1x8 blocks (300 / 8 = 37.5: a short last block per row)
        long go = Math.round(Math.rint(0.2 * total));
        assertEquals(0, wholeBlocks(m.mask("fc2.weight"), 1, 8));
        long left = 0;
        for (Masks.Layer l : m.layers()) left += wholeBlocks(l.mask(), 1, 8);
        assertEquals(total - go, left);
        PruningSchedule schedule = new PruningSchedule("block:1x8:global", PruningRates.PAPER);
        assertFalse(schedule.perLayer());
        assertNull(schedule.mismatch(m, 1));
    }

    @Test void namesParseAndBadOnesAreOneLineErrors() {
        assertEquals("block:4x4", PruningStrategies.canonical("block:4x4:layerwise"));
        assertEquals("block:16x1:global", PruningStrategies.canonical("block:16x1:global"));
        for (String bad : List.of("block:", "block:4", "block:4x", "block:1x1", "block:0x4", "block:4x4:random", "block:4x4x4",
                "block:axb"))
            assertThrows(IllegalArgumentException.class, () -> PruningStrategies.create(bad, PruningRates.PAPER), bad);
        ExperimentConfig c = ExperimentConfigTest.base();
        assertNotEquals(c.hash(), c.withStrategy("block:4x4").hash());
        assertNotEquals(c.withStrategy("block:4x4").hash(), c.withStrategy("block:4x4:global").hash());
    }
}
