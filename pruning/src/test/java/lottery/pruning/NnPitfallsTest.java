package lottery.pruning;

import lottery.engine.Tensor;
import lottery.kernels.BitMask;
import lottery.nn.CrossEntropyLoss;
import lottery.nn.Module;
import lottery.nn.Parameter;
import lottery.nn.models.Models;
import lottery.nn.optim.Adam;
import lottery.nn.optim.Optimizer;
import lottery.nn.optim.Sgd;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** DESIGN §1's pitfalls, on a real (small) network with the real optimizers. */
class NnPitfallsTest {
    static final int FEATURES = 16, CLASSES = 3, BATCH = 8;

    static Module tiny(long seed) { return Models.create("lenet300", new int[]{1, 4, 4}, CLASSES, seed); }

    /** One optimizer step on a seeded random batch. */
    static void step(Module model, Optimizer opt, SplittableRandom rng) {
        float[] x = new float[BATCH * FEATURES];
        int[] y = new int[BATCH];
        for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextDouble();
        for (int i = 0; i < BATCH; i++) y[i] = rng.nextInt(CLASSES);
        opt.zeroGrad();
        Tensor loss = new CrossEntropyLoss().apply(model.forward(Tensor.of(x, BATCH, FEATURES)), y);
        loss.backward();
        opt.step();
    }

    /** Prunes half of every prunable layer by magnitude and installs the masks. */
    static Masks pruneHalf(Module model) {
        Map<String, int[]> shapes = new java.util.LinkedHashMap<>();
        for (Parameter p : model.parameters()) if (p.prunable()) shapes.put(p.name(), p.shape());
        Masks masks = new LayerwiseMagnitude(new PruningRates(0.5, 0.5, 0.5)).prune(Masks.dense(shapes), model.stateCopy(), 0);
        for (Parameter p : model.parameters()) if (p.prunable()) p.setMask(masks.mask(p.name()));
        return masks;
    }

    static void assertPrunedAreZero(Module model, Masks masks, String when) {
        for (Parameter p : model.parameters()) {
            if (!p.prunable()) continue;
            BitMask m = masks.mask(p.name());
            float[] w = p.data();
            for (int i = 0; i < w.length; i++)
                if (!m.get(i)) assertEquals(0f, w[i], p.name() + "[" + i + "] revived " + when);
        }
    }

    @Test void theta0IsADeepCopyAndRewindRestoresItExactly() {
        Module model = tiny(3);
        Map<String, float[]> theta0 = model.stateCopy();
        Map<String, float[]> pristine = tiny(3).stateCopy();
        Optimizer opt = new Adam(model.parameters(), 1e-2);
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 10; i++) step(model, opt, rng);
        assertFalse(java.util.Arrays.equals(pristine.get("fc1.weight"), model.parameter("fc1.weight").data()), "training changed nothing");
        model.parameter("fc2.weight").data()[0] = 42f;                    // mutate trained weights in place
        ImpTest.assertStateEquals(pristine, theta0);                       // θ0 untouched
        model.loadState(theta0);
        ImpTest.assertStateEquals(pristine, model.stateCopy());           // rewind restores θ0 exactly
        model.parameter("fc1.weight").data()[1] = 7f;
        ImpTest.assertStateEquals(pristine, theta0);                       // loading copied, not aliased
    }

    @Test void prunedWeightsStayZeroUnderAdamMomentsAndWeightDecay() {
        Module model = tiny(4);
        Optimizer opt = new Adam(model.parameters(), 1e-2, 0.9, 0.999, 1e-8, 0.1);
        SplittableRandom rng = new SplittableRandom(2);
        for (int i = 0; i < 10; i++) step(model, opt, rng);   // dense steps build up moments everywhere
        Masks masks = pruneHalf(model);                         // same optimizer continues
        for (int i = 0; i < 20; i++) {
            step(model, opt, rng);
            assertPrunedAreZero(model, masks, "after Adam step " + i);
        }
    }

    @Test void prunedWeightsStayZeroUnderSgdMomentumAndWeightDecay() {
        Module model = tiny(5);
        Optimizer opt = new Sgd(model.parameters(), 0.05, 0.9, true, 0.01);
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 10; i++) step(model, opt, rng);
        Masks masks = pruneHalf(model);
        for (int i = 0; i < 20; i++) {
            step(model, opt, rng);
            assertPrunedAreZero(model, masks, "after SGD step " + i);
        }
    }

    @Test void gradientsOfPrunedWeightsAreExactlyZero() {
        Module model = tiny(6);
        Masks masks = pruneHalf(model);
        Optimizer opt = new Sgd(model.parameters(), 0.0, 0, false, 0);   // lr 0: only the gradient matters
        step(model, opt, new SplittableRandom(4));
        for (Parameter p : model.parameters()) {
            if (!p.prunable()) continue;
            BitMask m = masks.mask(p.name());
            float[] g = p.grad();
            boolean anyKeptNonZero = false;
            for (int i = 0; i < g.length; i++) {
                if (!m.get(i)) assertEquals(0f, g[i], p.name() + " gradient at pruned " + i);
                else anyKeptNonZero |= g[i] != 0f;
            }
            assertTrue(anyKeptNonZero, p.name() + ": no gradient at all");
        }
    }
}
