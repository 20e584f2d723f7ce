package lottery.pruning;

import lottery.nn.Parameter;
import lottery.nn.data.Dataset;
import lottery.nn.data.SplitData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** IMP through the real nn adapter and Trainer on a tiny synthetic problem (4×4 inputs, 3 classes). */
class NnImpTest {
    @TempDir Path out;

    static Dataset dataset(String name, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * 16];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(3);
            for (int j = 0; j < 16; j++) x[i * 16 + j] = (float) (rng.nextGaussian() * 0.5 + (j % 3 == y[i] ? 1 : 0));
        }
        return new Dataset(name, x, y, new int[]{1, 4, 4}, 3);
    }

    static SplitData data() { return new SplitData(dataset("train", 240, 1), dataset("val", 60, 2), dataset("test", 60, 3)); }

    static ExperimentConfig config(String optimizer, double weightDecay, String rewind, int levels, List<Arm> arms) {
        return new ExperimentConfig("lenet300", "mnist", "layerwise", 0.5, 0.2, 0.15, rewind, 40, 16, optimizer, 1e-2, 0.9,
                weightDecay, 10, 5, levels, 1, arms);
    }

    @Test void aLevelOfTrainingKeepsPrunedWeightsAtZeroUnderAdamAndWeightDecay() {
        for (String optimizer : List.of("adam", "sgd")) {
            NnNetworks networks = new NnNetworks(config(optimizer, 0.05, "init", 1, null), data());
            Network net = networks.create(11);
            Map<String, int[]> shapes = new java.util.LinkedHashMap<>();
            for (String name : net.prunable()) shapes.put(name, net.shapes().get(name));
            Masks masks = new LayerwiseMagnitude(new PruningRates(0.5, 0.5, 0.5)).prune(Masks.dense(shapes), net.state(), 0);
            net.setMasks(masks);
            List<Map<String, float[]>> snapshots = new ArrayList<>();
            net.train(3, new TrainHooks() {
                @Override public int snapshotAt() { return 20; }
                @Override public void onSnapshot(Map<String, float[]> state) { snapshots.add(state); }
            });
            assertEquals(1, snapshots.size());
            for (Map<String, float[]> state : List.of(net.state(), snapshots.getFirst()))
                for (Masks.Layer l : masks.layers()) {
                    float[] w = state.get(l.name());
                    for (int i = 0; i < w.length; i++)
                        if (!l.mask().get(i)) assertEquals(0f, w[i], optimizer + ": " + l.name() + "[" + i + "] revived");
                }
            for (Parameter p : ((NnNetwork) net).module().parameters())
                if (p.prunable()) assertEquals(masks.layer(p.name()).remaining(), p.mask().count());
        }
    }

    /**
     * The path IMP takes for a level rewound to θk, with the mask all ones and plain SGD (a fresh SGD
     * without momentum is the same optimizer as a continued one): it reproduces the dense level 0's
     * steps k..T bit for bit, weights and evaluations.
     */
    @Test void aLevelRewoundToThetaKWithAllOnesMasksIsTheDenseRunFromK() throws IOException {
        ExperimentConfig c = new ExperimentConfig("lenet300", "mnist", "layerwise", 0.5, 0.2, 0.15, "12it", 40, 16, "sgd", 0.05, 0,
                0, 10, 5, 0, 1, null);
        NnNetworks networks = new NnNetworks(c, data());
        new Imp(c, networks, ExperimentStore.open(out.resolve("warm-up"), c), ImpListener.NONE).run();
        ExperimentStore store = ExperimentStore.open(out, c);
        new Imp(c, networks, store, ImpListener.NONE).run();

        Network net = networks.create(Seeds.derive(5, "init", 0));
        net.setMasks(Masks.dense(((NnNetwork) net).prunableShapes()));
        net.load(TensorFiles.readWeights(store.thetaKFile(0)));
        TrainOutcome resumed = net.train(Seeds.derive(5, "data", "ticket", 0, 0), 12, new TrainHooks() {});
        ImpTest.assertStateEquals(store.readWeights(Arm.TICKET, 0, 0), net.state());
        long remaining = store.readMasks(Arm.TICKET, 0, 0).weightsRemaining();
        List<String> dense = java.nio.file.Files.readAllLines(store.levelDir(Arm.TICKET, 0, 0).resolve("metrics.csv"));
        List<String> mine = MetricsCsv.format(resumed, remaining).lines().toList();
        // evaluations at 20, 30, 40 (10 came before k); the first one's mean training loss covers steps 13..20 only
        assertEquals(dense.subList(3, dense.size()), mine.subList(2, mine.size()));
        assertEquals(dense.get(2).replaceFirst(",[^,]*", ""), mine.get(1).replaceFirst(",[^,]*", ""));
    }

    @Test void twoEpochsOfTheFiftyFiveThousandSplitAtBatchSixtyAre1832Iterations() {
        ExperimentConfig c = new ExperimentConfig("lenet300", "mnist", "layerwise", 0.2, 0.1, 0.15, "2ep", 2000, 60, "adam", 1e-3, 0.9,
                0, 100, 0, 1, 1, null);
        NnNetworks networks = new NnNetworks(c, new SplitData(dataset("train", 55_000, 1), dataset("val", 60, 2), dataset("test", 60, 3)));
        assertEquals(916, networks.iterationsPerEpoch(), "the loader drops the last partial batch of 40");
        assertEquals(1832, c.rewindPoint().iteration(networks.iterationsPerEpoch()));
    }

    @Test void impEndToEndOnTheRealNetworkResumesIdentically() throws IOException {
        ExperimentConfig c = config("adam", 0, "10it", 2, Arm.parseList("reinit,random,finetune"));
        List<LevelResult> a = new Imp(c, new NnNetworks(c, data()), ExperimentStore.open(out.resolve("a"), c), ImpListener.NONE).run();
        assertEquals(1 + 2 * 4, a.size());
        assertEquals(a.get(0).weightsRemaining() - Math.round(0.5 * 4800) - Math.round(0.5 * 30000) - Math.round(0.2 * 300),
                a.get(1).weightsRemaining());
        for (LevelResult r : a) assertTrue(r.earlyStopTestAccuracy() > 0.5, r.toString()); // learnable: chance is 1/3

        // interrupted after the first two levels, then resumed: the same numbers
        ExperimentStore b = ExperimentStore.open(out.resolve("b"), c);
        new Imp(c.withExtent(1, 1, List.of(Arm.TICKET)), new NnNetworks(c, data()), b, ImpListener.NONE).run();
        List<LevelResult> resumed = new Imp(c, new NnNetworks(c, data()), b, ImpListener.NONE).run();
        assertEquals(ImpTest.comparable(a), ImpTest.comparable(resumed));

        // every saved model says how its inputs were normalised
        ExperimentStore store = ExperimentStore.open(out.resolve("a"), c);
        for (Path f : List.of(store.theta0File(0), store.thetaKFile(0), store.weightsFile(Arm.REINIT, 0, 2)))
            try (var r = lottery.nn.io.Safetensors.open(f)) {
                assertEquals("none", r.metadata().get(lottery.nn.data.InputNormalization.KEY_KIND), f.toString());
                assertEquals("1,4,4", r.metadata().get(lottery.nn.data.InputNormalization.KEY_SHAPE), f.toString());
            }
    }
}
