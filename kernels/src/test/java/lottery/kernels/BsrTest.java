package lottery.kernels;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The BSR kernels against their scalar twins on odd shapes and batches, every block shape the kernels specialise. */
class BsrTest {
    private final SplittableRandom rng = new SplittableRandom(7);

    private float[] data(int len) {
        float[] a = new float[len];
        for (int i = 0; i < len; i++) a[i] = (float) (rng.nextDouble() * 2 - 1);
        return a;
    }

    /** Whole r×c blocks kept with probability {@code density}; with {@code holes}, some kept weights inside kept blocks pruned. */
    private BitMask blockMask(int rows, int cols, int r, int c, double density, boolean holes) {
        BitMask m = new BitMask(rows, cols);
        for (int i0 = 0; i0 < rows; i0 += r)
            for (int j0 = 0; j0 < cols; j0 += c)
                if (rng.nextDouble() < density)
                    for (int i = i0; i < i0 + r; i++)
                        for (int j = j0; j < j0 + c; j++) m.set(i, j, !holes || rng.nextInt(4) > 0);
        return m;
    }

    private static void close(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++)
            assertEquals(expected[i], actual[i], 1e-4f * (1 + Math.abs(expected[i])), what + " at " + i);
    }

    @Test void allThreeProductsMatchTheScalarTwinOnOddShapes() {
        int[][] blocks = {{4, 4}, {1, 8}, {8, 1}, {16, 1}, {2, 3}, {12, 2}};
        for (int[] blk : blocks)
            for (int[] mult : new int[][]{{1, 1}, {3, 5}, {5, 2}})
                for (int batch : new int[]{1, 5, 8, 15, 16, 17, 33, 60, 70}) {
                    int r = blk[0], c = blk[1], out = r * mult[0], in = c * mult[1];
                    String id = r + "x" + c + " blocks, W [" + out + ", " + in + "], batch " + batch;
                    Bsr w = Bsr.of(data(out * in), blockMask(out, in, r, c, 0.6, batch % 3 == 0), r, c);
                    float[] xT = data(in * batch), dyT = data(out * batch);
                    float beta = batch % 2 == 0 ? 0f : -0.75f;
                    float[] y0 = data(out * batch), y1 = y0.clone();
                    ScalarBsr.forwardT(w, xT, batch, beta, y0);
                    BsrProducts.forwardT(w, xT, batch, beta, y1);
                    close(y0, y1, "forward " + id);
                    float[] dx0 = data(in * batch), dx1 = dx0.clone();
                    ScalarBsr.backwardDataT(w, dyT, batch, beta, dx0);
                    BsrProducts.backwardDataT(w, dyT, batch, beta, dx1);
                    close(dx0, dx1, "backward-data " + id);
                    float[] dw0 = new float[w.values.length], dw1 = new float[w.values.length];
                    ScalarBsr.backwardWeightsT(w, dyT, xT, batch, dw0);
                    BsrProducts.backwardWeightsT(w, dyT, xT, batch, dw1);
                    close(dw0, dw1, "backward-weights " + id);
                }
    }

    @Test void theScalarTwinIsTheDenseProductOfTheMaskedWeights() {
        int out = 8, in = 12, batch = 3;
        BitMask mask = blockMask(out, in, 4, 4, 0.5, true);
        float[] w = data(out * in);
        Bsr a = Bsr.of(w, mask, 4, 4);
        mask.applyTo(w);
        float[] xT = data(in * batch), dyT = data(out * batch);
        float[] y = new float[out * batch], dx = new float[in * batch], dwb = new float[a.values.length], dw = new float[out * in];
        ScalarBsr.forwardT(a, xT, batch, 0f, y);
        ScalarBsr.backwardDataT(a, dyT, batch, 0f, dx);
        ScalarBsr.backwardWeightsT(a, dyT, xT, batch, dwb);
        a.scatter(dwb, dw);
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

    @Test void structureIsRecognisedAndUntiledShapesAreRefused() {
        BitMask whole = blockMask(8, 12, 4, 4, 0.5, false);
        assertTrue(Bsr.blockStructured(whole, 4, 4));
        assertTrue(Bsr.blockStructured(whole, 2, 2));
        BitMask broken = whole.copy();
        broken.set(0, 0, !broken.get(0, 0));
        assertFalse(Bsr.blockStructured(broken, 4, 4));
        assertFalse(Bsr.blockStructured(BitMask.ones(10, 100), 4, 4));
        assertThrows(IllegalArgumentException.class, () -> Bsr.of(new float[1000], BitMask.ones(10, 100), 4, 4));
        Bsr a = Bsr.of(data(96), whole, 4, 4);
        assertEquals(whole.count(), (long) a.blocks() * 16);
    }
}
