package lottery.nn.optim;

import lottery.kernels.BitMask;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The SIMD Adam kernels against their scalar twin, at the kernel's own constant width (512 bits on AVX-512, 256 on AVX2). */
class AdamKernelTest {
    private static final float B1 = 0.9f, B2 = 0.999f, C1 = 1.1e-3f, C2 = 3.2f, EPS = 1e-8f, WD = 1e-2f;

    @Test void simdMatchesScalarTwinExactlyOnOddSizesDenseAndKept() {
        SplittableRandom r = new SplittableRandom(5);
        for (int n : new int[]{1, 7, 33, 257, 1003}) {
            float[][] a = state(r, n);
            int[] kept = IntStream.range(0, n).filter(i -> i % 3 != 1).toArray();
            for (int[] k : new int[][]{null, kept})
                for (boolean zero : new boolean[]{false, true}) {
                    float[][] x = copy(a), y = copy(a);
                    int cnt = k == null ? n : k.length;
                    AdamKernel.update(x[0], x[1], x[2], x[3], k, cnt, B1, B2, C1, C2, EPS, WD, zero);
                    AdamKernel.scalar(y[0], y[1], y[2], y[3], k, cnt, B1, B2, C1, C2, EPS, WD, zero);
                    for (int q = 0; q < 4; q++) assertArrayEquals(y[q], x[q], AdamKernel.SPECIES + " n=" + n + " array " + q);
                }
        }
    }

    /**
     * The lane-masked kernel equals the scalar loop over the mask's kept indices bit for bit, on odd shapes, and never
     * writes a pruned position, even where the gradient and state hold garbage there.
     */
    @Test void laneMaskedUpdateMatchesKeptScalarAndLeavesPrunedPositionsAlone() {
        SplittableRandom r = new SplittableRandom(11);
        for (int[] shape : new int[][]{{1, 1}, {7, 7}, {3, 33}, {33, 16}, {5, 300}, {2, 1003}, {3, 784}})
            for (double density : new double[]{0.05, 0.5, 0.97}) {
                int rows = shape[0], cols = shape[1], n = rows * cols;
                BitMask mask = new BitMask(rows, cols);
                for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) mask.set(i, j, r.nextDouble() < density);
                float[][] a = state(r, n);
                int[] kept = mask.keptIndices();
                for (boolean zero : new boolean[]{false, true}) {
                    float[][] x = copy(a), y = copy(a);
                    AdamKernel.updateMasked(x[0], x[1], x[2], x[3], mask, B1, B2, C1, C2, EPS, WD, zero);
                    AdamKernel.scalar(y[0], y[1], y[2], y[3], kept, kept.length, B1, B2, C1, C2, EPS, WD, zero);
                    String what = AdamKernel.SPECIES + " " + rows + "x" + cols + " density " + density;
                    for (int q = 0; q < 4; q++) assertArrayEquals(y[q], x[q], what + " array " + q);
                    for (int i = 0; i < n; i++)
                        if (!mask.get(i)) for (int q = 0; q < 4; q++) assertEquals(a[q][i], x[q][i], what + " pruned " + i);
                }
            }
    }

    /** w, g, m, v with Gaussian entries (v made non-negative). */
    private static float[][] state(SplittableRandom r, int n) {
        float[][] a = new float[4][n];
        for (float[] x : a) for (int i = 0; i < n; i++) x[i] = (float) r.nextGaussian();
        for (int i = 0; i < n; i++) a[3][i] = Math.abs(a[3][i]);
        return a;
    }

    private static float[][] copy(float[][] a) {
        float[][] c = new float[a.length][];
        for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
        return c;
    }
}
