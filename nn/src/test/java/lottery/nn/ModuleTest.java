package lottery.nn;

import lottery.engine.NoGrad;
import lottery.engine.Tensor;
import lottery.kernels.BitMask;
import lottery.nn.models.Models;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModuleTest {
    @Test void sameSeedGivesBitIdenticalModelsAndOtherSeedsDiffer() {
        for (String name : Models.NAMES) {
            int[] shape = name.startsWith("conv") ? new int[]{3, 8, 8} : new int[]{1, 28, 28};
            Module a = Models.create(name, shape, 10, 42), b = Models.create(name, shape, 10, 42), c = Models.create(name, shape, 10, 43);
            Map<String, float[]> sa = a.stateCopy(), sb = b.stateCopy(), sc = c.stateCopy();
            assertEquals(sa.keySet(), sb.keySet());
            boolean anyDiff = false;
            for (String k : sa.keySet()) {
                assertArrayEquals(sa.get(k), sb.get(k), name + " " + k);
                anyDiff |= !java.util.Arrays.equals(sa.get(k), sc.get(k));
            }
            assertTrue(anyDiff, name + ": another seed must give other weights");
        }
    }

    @Test void lenet300HasThePapersShapesAndGlorotScale() {
        Module m = Models.create("lenet300", new int[]{1, 28, 28}, 10, 0);
        List<Parameter> ps = m.parameters();
        assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"), ps.stream().map(Parameter::name).toList());
        assertArrayEquals(new int[]{300, 784}, ps.get(0).shape());
        assertEquals(266_610, m.parameterCount());
        float[] w = ps.get(0).data();
        double sq = 0;
        for (float v : w) sq += v * v;
        assertEquals(2.0 / (784 + 300), sq / w.length, 0.05 * 2.0 / (784 + 300));
        for (float v : ps.get(1).data()) assertEquals(0f, v);
        assertTrue(ps.get(0).prunable());
        assertFalse(ps.get(1).prunable());
    }

    @Test void forwardShapesOfEveryModel() {
        for (String name : Models.NAMES) {
            int[] shape = name.startsWith("conv") ? new int[]{3, 8, 8} : new int[]{1, 28, 28};
            Module m = Models.create(name, shape, 10, 1);
            try (NoGrad g = NoGrad.enter()) {
                Tensor y = m.forward(Tensor.zeros(2, shape[0] * shape[1] * shape[2]));
                assertArrayEquals(new int[]{2, 10}, y.shape(), name);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Models.create("vgg99", new int[]{1, 28, 28}, 10, 0));
    }

    @Test void stateCopyIsDeepAndLoadStateReappliesMask() {
        Module m = Models.create("lenet300", new int[]{1, 28, 28}, 10, 3);
        Map<String, float[]> theta0 = m.stateCopy();
        Parameter w = m.parameter("fc1.weight");
        assertNotSame(theta0.get("fc1.weight"), w.data());
        w.data()[0] += 1f;
        assertEquals(theta0.get("fc1.weight")[0] + 1f, w.data()[0]);
        BitMask mask = BitMask.ones(300, 784);
        mask.set(0, 0, false);
        w.setMask(mask);
        assertEquals(0f, w.data()[0]);
        m.loadState(theta0);
        assertEquals(0f, w.data()[0], "pruned weights stay 0 after loading θ0");
        assertEquals(theta0.get("fc1.weight")[1], w.data()[1]);
        assertThrows(IllegalArgumentException.class, () -> w.setMask(new BitMask(3, 3)));
    }
}
