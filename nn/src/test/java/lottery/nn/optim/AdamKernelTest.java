package lottery.nn.optim;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class AdamKernelTest {
    @Test void simdMatchesScalarTwinExactlyOnOddSizesBothWidthsDenseAndKept() {
        SplittableRandom r = new SplittableRandom(5);
        for (VectorSpecies<Float> s : java.util.List.of(FloatVector.SPECIES_PREFERRED, FloatVector.SPECIES_256, FloatVector.SPECIES_128))
            for (int n : new int[]{1, 7, 33, 257, 1003}) {
                float[][] a = new float[4][n];
                for (float[] x : a) for (int i = 0; i < n; i++) x[i] = (float) r.nextGaussian();
                for (int i = 0; i < n; i++) a[3][i] = Math.abs(a[3][i]);   // v >= 0
                int[] kept = java.util.stream.IntStream.range(0, n).filter(i -> i % 3 != 1).toArray();
                for (int[] k : new int[][]{null, kept})
                    for (boolean zero : new boolean[]{false, true}) {
                        float[][] x = copy(a), y = copy(a);
                        int cnt = k == null ? n : k.length;
                        AdamKernel.update(s, x[0], x[1], x[2], x[3], k, cnt, 0.9f, 0.999f, 1.1e-3f, 3.2f, 1e-8f, 1e-2f, zero);
                        AdamKernel.scalar(y[0], y[1], y[2], y[3], k, cnt, 0.9f, 0.999f, 1.1e-3f, 3.2f, 1e-8f, 1e-2f, zero);
                        for (int q = 0; q < 4; q++) assertArrayEquals(y[q], x[q], s + " n=" + n + " array " + q);
                    }
            }
    }

    private static float[][] copy(float[][] a) {
        float[][] c = new float[a.length][];
        for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
        return c;
    }
}
