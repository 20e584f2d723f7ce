package lottery.pruning;

import lottery.kernels.BitMask;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class LayerwiseMagnitudeTest {
    /** DESIGN §1: the paper's weights remaining after n rounds for LeNet-300-100 at 20% / 10% (output). */
    static final long[] PAPER = {266200, 213060, 170538, 136511, 109282, 87490, 70051, 56094, 44923,
            35981, 28823, 23093, 18506, 14834, 11893, 9537, 7650, 6139};

    @Test void reproducesThePapersWeightsRemainingForLeNet300() {
        PruningStrategy s = PruningStrategies.create("layerwise", PruningRates.PAPER);
        Masks masks = Masks.dense(TestNets.lenet300());
        Map<String, float[]> w = TestNets.gaussian(TestNets.lenet300(), 1);
        long[] remaining = new long[PAPER.length];
        for (int n = 0; n < PAPER.length; n++) {
            remaining[n] = masks.weightsRemaining();
            masks = s.prune(masks, w, 0);
        }
        assertArrayEquals(PAPER, remaining);
    }

    @Test void prunesTheSmallestMagnitudesOfEachLayer() {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put("a", new int[]{2, 5});
        shapes.put("out", new int[]{1, 10});
        Map<String, float[]> w = new LinkedHashMap<>();
        w.put("a", new float[]{0.5f, -0.1f, 0.9f, 0.05f, -0.7f, 0.3f, -0.2f, 0.8f, 0.6f, 0.4f});
        w.put("out", new float[]{1, 2, 3, 4, 5, 6, 7, 8, 9, -10});
        Masks m = new LayerwiseMagnitude(new PruningRates(0.3, 0.1, 0.1)).prune(Masks.dense(shapes), w, 0);
        // a: rint(0.3*10) = 3 smallest |w|: 0.05 (3), -0.1 (1), -0.2 (6)
        assertArrayEquals(new int[]{0, 2, 4, 5, 7, 8, 9}, m.mask("a").keptIndices());
        // out: rint(0.1*10) = 1: value 1 at index 0
        assertArrayEquals(new int[]{1, 2, 3, 4, 5, 6, 7, 8, 9}, m.mask("out").keptIndices());
    }

    @Test void exactCountWithManyTiesBreaksByPosition() {
        Map<String, int[]> shapes = Map.of("a", new int[]{7, 33});
        float[] w = new float[7 * 33];
        for (int i = 0; i < w.length; i++) w[i] = (i % 2 == 0) ? 0.25f : -0.25f; // every |w| equal
        PruningStrategy s = new LayerwiseMagnitude(new PruningRates(0.2, 0.2, 0.2));
        Masks m = s.prune(Masks.dense(shapes), Map.of("a", w), 0);
        int count = (int) Math.rint(0.2 * 231); // 46
        assertEquals(231 - count, m.weightsRemaining());
        for (int i = 0; i < 231; i++) assertEquals(i >= count, m.mask("a").get(i), "index " + i);
        // second round on the same tied weights: again exact, and only survivors are ranked
        Masks m2 = s.prune(m, Map.of("a", w), 0);
        int count2 = (int) Math.rint(0.2 * (231 - count));
        assertEquals(231 - count - count2, m2.weightsRemaining());
        for (int i = 0; i < 231; i++) assertEquals(i >= count + count2, m2.mask("a").get(i), "index " + i);
    }

    @Test void alreadyPrunedWeightsAreNeverRankedOrRevived() {
        Map<String, int[]> shapes = Map.of("a", new int[]{10, 10});
        float[] w = new float[100];
        for (int i = 0; i < 100; i++) w[i] = 1 + i;
        BitMask start = BitMask.ones(10, 10);
        for (int i = 50; i < 100; i++) start.set(i / 10, i % 10, false); // upper half pruned
        for (int i = 50; i < 75; i++) w[i] = 0f;      // pruned zeros: smallest |w| if they were ranked
        for (int i = 75; i < 100; i++) w[i] = 1e6f;   // pruned but large: would survive if re-ranked
        Masks current = new Masks(java.util.List.of(new Masks.Layer("a", new int[]{10, 10}, start)));
        Masks next = new LayerwiseMagnitude(new PruningRates(0.2, 0.2, 0.2)).prune(current, Map.of("a", w), 0);
        // rint(0.2 * 50) = 10 of the 50 survivors: values 1..10 at indices 0..9
        int[] kept = next.mask("a").keptIndices();
        assertArrayEquals(java.util.stream.IntStream.range(10, 50).toArray(), kept);
    }

    @Test void convLayersUseTheConvRateAndTheLastLayerTheOutputRate() {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put("conv1.weight", new int[]{8, 3, 3, 3});
        shapes.put("fc1.weight", new int[]{20, 50});
        shapes.put("fc2.weight", new int[]{10, 20});
        Masks m = new LayerwiseMagnitude(new PruningRates(0.2, 0.1, 0.15)).prune(Masks.dense(shapes), TestNets.gaussian(shapes, 3), 0);
        assertEquals(216 - Math.rint(0.15 * 216), m.layer("conv1.weight").remaining());
        assertEquals(1000 - 200, m.layer("fc1.weight").remaining());
        assertEquals(200 - 20, m.layer("fc2.weight").remaining());
    }

    @Test void roundingIsHalfToEven() {
        assertEquals(2, PruningRates.countToPrune(0.5, 5));  // 2.5 -> 2
        assertEquals(4, PruningRates.countToPrune(0.5, 7));  // 3.5 -> 4
        assertEquals(24084, PruningRates.countToPrune(0.2, 120422));
    }

    @Test void rejectsBadRatesAndNames() {
        assertThrows(IllegalArgumentException.class, () -> new PruningRates(0, 0.1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new PruningRates(1, 0.1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new PruningRates(0.2, -0.1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new PruningRates(Double.NaN, 0.1, 0.1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PruningStrategies.create("magic", PruningRates.PAPER));
        assertTrue(e.getMessage().contains("layerwise"), e.getMessage());
    }

    @Test void missingWeightsOrNaNAreClearErrors() {
        Masks m = Masks.dense(Map.of("a", new int[]{2, 2}));
        assertThrows(IllegalArgumentException.class, () -> new LayerwiseMagnitude(PruningRates.PAPER).prune(m, Map.of(), 0));
        float[] nan = {1, Float.NaN, 2, 3};
        assertThrows(IllegalStateException.class, () -> new LayerwiseMagnitude(PruningRates.PAPER).prune(m, Map.of("a", nan), 0));
    }
}
