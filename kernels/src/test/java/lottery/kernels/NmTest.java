package lottery.kernels;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The N:M kernels against their scalar twins on odd shapes, batches around the vector width, padding and beta. */
class NmTest {
    private final SplittableRandom rng = new SplittableRandom(42);

    private float[] data(int len) {
        float[] a = new float[len];
        for (int i = 0; i < len; i++) a[i] = (float) (rng.nextDouble() * 2 - 1);
        return a;
    }

    /** A mask whose groups of m keep exactly n (fewer in a short last group, and some groups below n to exercise padding). */
    private BitMask nmMask(int rows, int cols, int n, int m) {
        BitMask mask = new BitMask(rows, cols);
        for (int i = 0; i < rows; i++)
            for (int g0 = 0; g0 < cols; g0 += m) {
                int len = Math.min(m, cols - g0), keep = Math.min(n, len) - (rng.nextInt(5) == 0 ? 1 : 0);
                int[] pick = java.util.stream.IntStream.range(0, len).toArray();
                for (int t = 0; t < keep; t++) {
                    int j = t + rng.nextInt(len - t), s = pick[t]; pick[t] = pick[j]; pick[j] = s;
                    mask.set(i, g0 + pick[t], true);
                }
            }
        return mask;
    }

    private static void close(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++)
            assertEquals(expected[i], actual[i], 1e-4f * (1 + Math.abs(expected[i])), what + " at " + i);
    }

    @Test void theCompressedFormatHoldsExactlyTheKeptWeights() {
        int rows = 5, cols = 13;
        BitMask mask = nmMask(rows, cols, 2, 4);
        float[] w = data(rows * cols);
        NmMatrix a = NmMatrix.of(w, mask, 2, 4);
        assertEquals(4 * 2, a.k);
        float[] back = new float[rows * cols];
        a.scatter(a.values, back);
        mask.applyTo(w);
        assertArrayEquals(w, back);
        for (int e = 0; e < a.values.length; e++) if (a.denseIndex[e] < 0) assertEquals(0f, a.values[e]);
        assertTrue(NmMatrix.maxPerGroup(mask, 4) <= 2);
        assertThrows(IllegalArgumentException.class, () -> NmMatrix.of(w, BitMask.ones(rows, cols), 2, 4));
    }

    @Test void allThreeProductsMatchTheScalarTwinOnOddShapes() {
        int[][] shapes = {{1, 1}, {3, 7}, {10, 100}, {7, 37}, {30, 78}, {6, 27}};
        int[][] patterns = {{2, 4}, {1, 4}, {1, 8}, {4, 8}, {3, 5}};
        for (int[] s : shapes)
            for (int[] p : patterns)
                for (int batch : new int[]{1, 3, 7, 8, 9, 16, 31, 33, 60, 67, 129}) {
                    String id = s[0] + "x" + s[1] + " " + p[0] + ":" + p[1] + " batch " + batch;
                    int out = s[0], in = s[1];
                    NmMatrix w = NmMatrix.of(data(out * in), nmMask(out, in, p[0], p[1]), p[0], p[1]);
                    float[] xT = data(in * batch), dyT = data(out * batch);
                    float beta = batch % 2 == 0 ? 0f : 0.5f;
                    float[] y0 = data(out * batch), y1 = y0.clone();
                    ScalarNm.forwardT(w, xT, batch, beta, y0);
                    Nm.forwardT(w, xT, batch, beta, y1);
                    close(y0, y1, "forward " + id);
                    float[] dx0 = data(in * batch), dx1 = dx0.clone();
                    ScalarNm.backwardDataT(w, dyT, batch, beta, dx0);
                    Nm.backwardDataT(w, dyT, batch, beta, dx1);
                    close(dx0, dx1, "backward-data " + id);
                    float[] dw0 = new float[w.values.length], dw1 = new float[w.values.length];
                    ScalarNm.backwardWeightsT(w, dyT, xT, batch, dw0);
                    Nm.backwardWeightsT(w, dyT, xT, batch, dw1);
                    close(dw0, dw1, "backward-weights " + id);
                }
    }

    @Test void theScalarTwinIsTheDenseProductOfTheMaskedWeights() {
        int out = 9, in = 22, batch = 5;
        BitMask mask = nmMask(out, in, 2, 4);
        float[] w = data(out * in);
        NmMatrix a = NmMatrix.of(w, mask, 2, 4);
        mask.applyTo(w);
        float[] xT = data(in * batch), dyT = data(out * batch);
        float[] y = new float[out * batch], dx = new float[in * batch], dwc = new float[a.values.length];
        ScalarNm.forwardT(a, xT, batch, 0f, y);
        ScalarNm.backwardDataT(a, dyT, batch, 0f, dx);
        ScalarNm.backwardWeightsT(a, dyT, xT, batch, dwc);
        float[] dw = new float[out * in];
        a.scatter(dwc, dw);
        for (int o = 0; o < out; o++)
            for (int b = 0; b < batch; b++) {
                double s = 0;
                for (int i = 0; i < in; i++) s += w[o * in + i] * xT[i * batch + b];
                assertEquals(s, y[o * batch + b], 1e-5);
            }
        for (int i = 0; i < in; i++)
            for (int b = 0; b < batch; b++) {
                double s = 0;
                for (int o = 0; o < out; o++) s += w[o * in + i] * dyT[o * batch + b];
                assertEquals(s, dx[i * batch + b], 1e-5);
            }
        for (int o = 0; o < out; o++)
            for (int i = 0; i < in; i++) {
                double s = 0;
                for (int b = 0; b < batch; b++) s += dyT[o * batch + b] * xT[i * batch + b];
                assertEquals(mask.get(o, i) ? s : 0, dw[o * in + i], 1e-5, "dw only at kept positions");
            }
    }
}
