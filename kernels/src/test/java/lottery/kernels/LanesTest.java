package lottery.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class LanesTest {
    /** The scalar twin: the same halving tree on a float[]. */
    static float halvingSum(float[] lanes) {
        float[] v = lanes.clone();
        for (int half = v.length >> 1; half > 0; half >>= 1)
            for (int i = 0; i < half; i++) v[i] = v[i] + v[i + half];
        return v[0];
    }

    @Test void sumFollowsTheHalvingTreeOnEveryWidth() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (VectorSpecies<Float> s : new VectorSpecies[] {FloatVector.SPECIES_128, FloatVector.SPECIES_256, FloatVector.SPECIES_512}) {
            float[] x = new float[s.length()];
            for (int trial = 0; trial < 20_000; trial++) {   // enough calls for the JIT to compile sum
                for (int i = 0; i < x.length; i++) x[i] = (float) (rnd.nextDouble(-1, 1) * Math.pow(10, rnd.nextInt(-3, 4)));
                assertEquals(Float.floatToIntBits(halvingSum(x)), Float.floatToIntBits(Lanes.sum(FloatVector.fromArray(s, x, 0))),
                        s + " trial " + trial);
            }
        }
    }

    @Test void gemmGivesTheSameBitsBeforeAndAfterWarmUp() {
        SplittableRandom rnd = new SplittableRandom(5);
        int m = 20, n = 100, k = 300;
        float[] a = new float[m * k], b = new float[n * k];
        for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextGaussian();
        for (int i = 0; i < b.length; i++) b[i] = (float) rnd.nextGaussian();
        int saved = Threads.count();
        try {
            for (int threads = 1; threads <= 2; threads++) {
                Threads.set(threads);
                float[] first = new float[m * n], again = new float[m * n];
                Gemm.sgemm(false, true, m, n, k, a, 0, k, b, 0, k, 0f, first, 0, n);
                for (int call = 0; call < 3000; call++) {
                    Gemm.sgemm(false, true, m, n, k, a, 0, k, b, 0, k, 0f, again, 0, n);
                    assertArrayEquals(first, again, "threads " + threads + ", call " + call);
                }
            }
        } finally {
            Threads.set(saved);
        }
    }
}
