package lottery.nn.train;

import lottery.kernels.BitMask;
import lottery.nn.Module;
import lottery.nn.Parameter;
import lottery.nn.data.Dataset;
import lottery.nn.data.SplitData;
import lottery.nn.models.Models;
import lottery.nn.optim.Schedule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {
    static final int[] SHAPE = {1, 4, 4};

    /** Three Gaussian blobs in 16 dimensions: separable, so a small net reaches high accuracy. */
    static Dataset blobs(String name, int n, long seed) {
        SplittableRandom centres = new SplittableRandom(99), r = new SplittableRandom(seed);
        float[][] c = new float[3][16];
        for (float[] row : c) for (int j = 0; j < 16; j++) row[j] = (float) centres.nextGaussian();
        float[] x = new float[n * 16];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(3);
            for (int j = 0; j < 16; j++) x[i * 16 + j] = c[y[i]][j] + 0.5f * (float) r.nextGaussian();
        }
        return new Dataset(name, x, y, SHAPE, 3);
    }

    static SplitData data() { return new SplitData(blobs("train", 300, 1), blobs("val", 60, 2), blobs("test", 90, 3)); }

    static TrainConfig cfg(int iterations) {
        return new TrainConfig(iterations, 20, "adam", 1e-2, 0, false, 0, Schedule.constant(), 10, 5);
    }

    /**
     * Same seed, same threads: bit-identical loss curve. Run on the sparse path (every layer masked,
     * all weights kept) so the result depends on the engine, trainer, loader and optimizer and on
     * the sparse kernels. A warm-up run comes first: Vector API lane reductions (reduceLanes) may sum
     * in another order before and after JIT compilation, so only compiled runs are compared.
     */
    @Test void sameSeedGivesBitIdenticalLossCurve() {
        lottery.engine.LinearPolicy.set(lottery.engine.LinearPolicy.forced(lottery.engine.LinearPath.SPARSE));
        try {
            maskedCurve(cfg(40));
            maskedCurve(cfg(40));
            List<Float> a = maskedCurve(cfg(40)), b = maskedCurve(cfg(40)), c = maskedCurve(cfg(40).withSeed(6));
            assertEquals(a, b);
            assertTrue(!a.equals(c), "another batch seed gives another curve");
        } finally {
            lottery.engine.LinearPolicy.set(null);
        }
    }

    static List<Float> maskedCurve(TrainConfig cfg) {
        Module m = Models.create("lenet300", SHAPE, 3, 7);
        for (Parameter p : m.parameters()) if (p.prunable()) p.setMask(BitMask.ones(p.maskShape()[0], p.maskShape()[1]));
        List<Float> losses = new ArrayList<>();
        Trainer.train(m, cfg, data(), new TrainListener() {
            @Override public void onStep(int it, float loss) { losses.add(loss); }
        });
        return losses;
    }

    @Test void learnsAndReportsEarlyStop() {
        Module m = Models.create("lenet300", SHAPE, 3, 7);
        List<Integer> hooks = new ArrayList<>();
        TrainResult r = Trainer.train(m, cfg(60), data(), new TrainListener() {
            @Override public void onIteration(int it, Module model) { hooks.add(it); }
        });
        assertEquals(61, hooks.size());
        assertEquals(0, hooks.getFirst());
        assertEquals(6, r.evals().size());
        assertTrue(r.finalTestAccuracy() > 0.9, "test accuracy " + r.finalTestAccuracy());
        EvalPoint best = r.evals().stream().min((p, q) -> Double.compare(p.valLoss(), q.valLoss())).orElseThrow();
        assertEquals(best.iteration(), r.earlyStopIteration());
        assertEquals(best.testAccuracy(), r.earlyStopTestAccuracy());
    }

    @Test void maskedTrainingKeepsPrunedWeightsZeroOnEveryPath() {
        for (lottery.engine.LinearPath path : lottery.engine.LinearPath.values()) {
            lottery.engine.LinearPolicy.set(lottery.engine.LinearPolicy.forced(path));
            try {
                Module m = Models.create("lenet300", SHAPE, 3, 7);
                Parameter w = m.parameter("fc2.weight");
                BitMask mask = new BitMask(100, 300);
                SplittableRandom r = new SplittableRandom(4);
                for (int i = 0; i < 100; i++) for (int j = 0; j < 300; j++) mask.set(i, j, r.nextDouble() < 0.3);
                for (Parameter p : m.parameters()) if (p.prunable() && p != w) p.setMask(BitMask.ones(p.maskShape()[0], p.maskShape()[1]));
                w.setMask(mask);
                TrainResult res = Trainer.train(m, cfg(30), data(), TrainListener.NONE);
                for (int k = 0; k < w.size(); k++) if (!mask.get(k)) assertEquals(0f, w.data()[k]);
                assertTrue(res.finalTestAccuracy() > 0.8, path + ": " + res.finalTestAccuracy());
            } finally {
                lottery.engine.LinearPolicy.set(null);
            }
        }
    }

    @Test void divergenceNamesTheIteration() {
        Module m = Models.create("lenet300", SHAPE, 3, 7);
        m.parameter("fc1.weight").data()[0] = Float.NaN;
        DivergedException e = assertThrows(DivergedException.class, () -> Trainer.train(m, cfg(10), data(), null));
        assertEquals(1, e.iteration());
        assertTrue(e.getMessage().contains("iteration 1"));
    }

    @Test void theta0SnapshotIsADeepCopy() {
        Module m = Models.create("lenet300", SHAPE, 3, 7);
        Map<String, float[]>[] theta0 = new Map[1];
        Trainer.train(m, cfg(5), data(), new TrainListener() {
            @Override public void onIteration(int it, Module model) { if (it == 0) theta0[0] = model.stateCopy(); }
        });
        Module fresh = Models.create("lenet300", SHAPE, 3, 7);
        assertArrayEquals(fresh.parameter("fc1.weight").data(), theta0[0].get("fc1.weight"));
        assertTrue(!java.util.Arrays.equals(m.parameter("fc1.weight").data(), theta0[0].get("fc1.weight")));
    }
}
