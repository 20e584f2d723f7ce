package lottery.pruning;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class GlobalAndRandomPruningTest {
    @Test void globalPrunesTheSmallestAcrossLayersWithAnExactCount() {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put("a", new int[]{2, 3});
        shapes.put("b", new int[]{1, 4});
        Map<String, float[]> w = new LinkedHashMap<>();
        w.put("a", new float[]{9, 8, 0.1f, 7, 6, 5});
        w.put("b", new float[]{0.2f, -0.3f, 4, 0.05f});
        Masks m = new GlobalMagnitude(new PruningRates(0.4, 0.1, 0.1)).prune(Masks.dense(shapes), w, 0);
        // rint(0.4 * 10) = 4 smallest overall: 0.05 (b3), 0.1 (a2), 0.2 (b0), 0.3 (b1)
        assertArrayEquals(new int[]{0, 1, 3, 4, 5}, m.mask("a").keptIndices());
        assertArrayEquals(new int[]{2}, m.mask("b").keptIndices());
        assertEquals(6, m.weightsRemaining());
    }

    @Test void globalTiesAcrossLayersAreExactAndByLayerThenPosition() {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put("a", new int[]{3, 3});
        shapes.put("b", new int[]{3, 3});
        Map<String, float[]> w = new LinkedHashMap<>();
        float[] ones = new float[9];
        java.util.Arrays.fill(ones, 1f);
        w.put("a", ones.clone());
        w.put("b", ones.clone());
        PruningStrategy g = new GlobalMagnitude(new PruningRates(0.5, 0.1, 0.1));
        Masks m = g.prune(Masks.dense(shapes), w, 0);
        assertEquals(0, m.layer("a").remaining());
        assertEquals(9, m.layer("b").remaining());
        Masks m2 = g.prune(m, w, 0); // 9 survivors, rint(4.5) = 4
        assertEquals(5, m2.weightsRemaining());
        assertArrayEquals(new int[]{4, 5, 6, 7, 8}, m2.mask("b").keptIndices());
    }

    @Test void randomPruningKeepsLayerwiseCountsAndOnlyRemovesSurvivors() {
        Map<String, int[]> shapes = TestNets.lenet300();
        Map<String, float[]> w = TestNets.gaussian(shapes, 5);
        PruningStrategy random = PruningStrategies.create("random", PruningRates.PAPER);
        PruningStrategy layerwise = PruningStrategies.create("layerwise", PruningRates.PAPER);
        Masks r = Masks.dense(shapes), l = Masks.dense(shapes);
        for (int round = 0; round < 5; round++) {
            Masks next = random.prune(r, w, 42 + round);
            for (String name : shapes.keySet()) {
                int[] kept = next.mask(name).keptIndices();
                for (int k : kept) assertTrue(r.mask(name).get(k), "revived " + name + "[" + k + "]");
            }
            r = next;
            l = layerwise.prune(l, w, 0);
            assertEquals(l.remainingPerLayer(), r.remainingPerLayer());
        }
        assertNotEquals(l, r);
    }

    @Test void randomPruningIsSeeded() {
        Map<String, int[]> shapes = TestNets.lenet300();
        Map<String, float[]> w = TestNets.gaussian(shapes, 5);
        PruningStrategy random = PruningStrategies.create("random", PruningRates.PAPER);
        Masks a = random.prune(Masks.dense(shapes), w, 7), b = random.prune(Masks.dense(shapes), w, 7);
        Masks c = random.prune(Masks.dense(shapes), w, 8);
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test void randomMaskLikeATicketHasItsPerLayerCounts() {
        Map<String, int[]> shapes = TestNets.lenet300();
        Masks ticket = Masks.dense(shapes);
        PruningStrategy layerwise = PruningStrategies.create("layerwise", PruningRates.PAPER);
        Map<String, float[]> w = TestNets.gaussian(shapes, 9);
        for (int i = 0; i < 4; i++) ticket = layerwise.prune(ticket, w, 0);
        Masks random = RandomPruning.like(ticket, 3);
        assertEquals(ticket.remainingPerLayer(), random.remainingPerLayer());
        assertNotEquals(ticket, random);
        assertEquals(random, RandomPruning.like(ticket, 3));
    }

    @Test void seedsDependOnlyOnTheirPath() {
        assertEquals(Seeds.derive(1, "reinit", 0, 3), Seeds.derive(1, "reinit", 0, 3));
        assertNotEquals(Seeds.derive(1, "reinit", 0, 3), Seeds.derive(1, "reinit", 0, 4));
        assertNotEquals(Seeds.derive(1, "reinit", 0, 3), Seeds.derive(2, "reinit", 0, 3));
    }
}
