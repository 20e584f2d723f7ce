package lottery.pruning;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Small fixtures: layer shapes and seeded random weights. */
final class TestNets {
    private TestNets() {}

    /** LeNet-300-100's prunable layers: 784-300-100-10. */
    static Map<String, int[]> lenet300() {
        Map<String, int[]> s = new LinkedHashMap<>();
        s.put("fc1.weight", new int[]{300, 784});
        s.put("fc2.weight", new int[]{100, 300});
        s.put("fc3.weight", new int[]{10, 100});
        return s;
    }

    static Map<String, float[]> gaussian(Map<String, int[]> shapes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, float[]> w = new LinkedHashMap<>();
        shapes.forEach((name, shape) -> {
            int n = 1;
            for (int d : shape) n *= d;
            float[] v = new float[n];
            for (int i = 0; i < n; i++) v[i] = (float) (rng.nextDouble() * 2 - 1);
            w.put(name, v);
        });
        return w;
    }
}
