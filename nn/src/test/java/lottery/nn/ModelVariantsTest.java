package lottery.nn;

import lottery.engine.NoGrad;
import lottery.engine.Tensor;
import lottery.nn.models.Models;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The dropout variants, --dropout on any model, and the truncated-normal init. */
class ModelVariantsTest {
    static List<Dropout> dropouts(Module m) {
        List<Dropout> out = new ArrayList<>();
        if (m instanceof Dropout d) out.add(d);
        for (Module c : m.children()) out.addAll(dropouts(c));
        return out;
    }

    @Test void theDropoutVariantsPutHalfDropoutAfterEachHiddenFcLayerAndShareTheBaseWeights() {
        int[] shape = {3, 8, 8};
        for (String base : List.of("conv2", "conv4", "conv6")) {
            Module b = Models.create(base, shape, 10, 4), d = Models.create(base + "-dropout", shape, 10, 4);
            assertEquals(0.5, Models.defaultDropout(base + "-dropout"));
            assertTrue(dropouts(b).isEmpty());
            List<Dropout> ds = dropouts(d);
            assertEquals(2, ds.size(), base);
            for (Dropout x : ds) assertEquals(0.5f, x.p());
            List<Module> layers = ((Sequential) d).layers();
            int fc3 = layers.size() - 1;
            assertInstanceOf(Dropout.class, layers.get(fc3 - 1), "dropout right before the output layer");
            assertInstanceOf(ReLU.class, layers.get(fc3 - 2));
            b.stateCopy().forEach((k, v) -> assertArrayEquals(v, d.stateCopy().get(k), k));
        }
    }

    @Test void aDropoutConvNetTrains() {
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[40 * 192];
        int[] y = new int[40];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        for (int i = 0; i < y.length; i++) y[i] = i % 10;
        lottery.nn.data.Dataset d = new lottery.nn.data.Dataset("d", x, y, new int[]{3, 8, 8}, 10);
        Module m = Models.create("conv2-dropout", new int[]{3, 8, 8}, 10, 2);
        var cfg = new lottery.nn.train.TrainConfig(6, 8, "adam", 1e-3, 0, false, 0, null, 3, 1);
        var res = lottery.nn.train.Trainer.train(m, cfg, new lottery.nn.data.SplitData(d, d, d), null);
        assertEquals(2, res.evals().size());
        for (var e : res.evals()) assertTrue(Double.isFinite(e.trainLoss()) && Double.isFinite(e.valLoss()), e.toString());
    }

    @Test void dropoutOnAnyModelActsInTrainingOnlyAndAtTheRightRate() {
        Module m = Models.create("lenet300", new int[]{1, 28, 28}, 10, 1, new Models.Options(0.25, Init.GLOROT_NORMAL));
        assertEquals(2, dropouts(m).size());
        Tensor x = Tensor.zeros(60, 784);
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < x.numel(); i++) x.data()[i] = (float) r.nextDouble();
        try (NoGrad g = NoGrad.enter()) {
            float[] a = m.forward(x).data().clone(), b = m.forward(x).data().clone();
            assertFalse(java.util.Arrays.equals(a, b), "two training steps draw two masks");
            m.eval();
            float[] c = m.forward(x).data().clone(), e = m.forward(x).data().clone();
            assertArrayEquals(c, e, "eval mode is deterministic");
        }
        Dropout d = new Dropout("d", 0.25f, 9);
        Tensor ones = Tensor.zeros(100, 100);
        java.util.Arrays.fill(ones.data(), 1f);
        int kept = 0;
        try (NoGrad g = NoGrad.enter()) {
            for (float v : d.forward(ones).data()) if (v != 0f) { kept++; assertEquals(1f / 0.75f, v, 1e-6f); }
        }
        assertEquals(7500, kept, 300, "about 75% kept, scaled by 1/0.75");
        assertThrows(IllegalArgumentException.class, () -> new Models.Options(1.0, Init.GLOROT_NORMAL));
    }

    @Test void truncatedNormalStaysWithinTwoStdAndKeepsTheGlorotVariance() {
        float[] w = new float[200_000];
        Init.GLOROT_TRUNCATED_NORMAL.fill(w, 784, 300, new SplittableRandom(5));
        double var = 2.0 / (784 + 300), s = Math.sqrt(var) / 0.87962566103423978, sq = 0;
        for (float v : w) {
            assertTrue(Math.abs(v) <= 2 * s + 1e-7, "outside two std: " + v);
            sq += v * v;
        }
        assertEquals(var, sq / w.length, 0.01 * var);
        float[] plain = new float[200_000];
        Init.GLOROT_NORMAL.fill(plain, 784, 300, new SplittableRandom(5));
        double max = 0;
        for (float v : plain) max = Math.max(max, Math.abs(v));
        assertTrue(max > 2 * s, "the plain normal has tails beyond two (truncation) std");
        assertEquals(Init.GLOROT_TRUNCATED_NORMAL, Init.parse("glorot-truncated"));
        assertEquals("kaiming-uniform", Init.KAIMING_UNIFORM.id());
        assertThrows(IllegalArgumentException.class, () -> Init.parse("orthogonal"));
    }
}
