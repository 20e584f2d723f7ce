package lottery.engine.ops;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The range-split im2col / col2im against their plain twins, bit for bit, on odd shapes, strides and paddings;
 * ReLU's branch-free backward mask against the comparison it replaces.
 */
class Im2colTest {
    // {c, h, w, kh, kw, stride, pad}
    private static final int[][] CASES = {
            {1, 1, 1, 1, 1, 1, 0}, {3, 7, 5, 3, 3, 1, 1}, {2, 9, 11, 5, 5, 1, 2}, {3, 8, 8, 3, 3, 2, 1}, {1, 13, 7, 4, 2, 3, 2},
            {5, 6, 6, 3, 3, 1, 3}, {2, 5, 9, 1, 3, 2, 0}, {4, 10, 10, 5, 5, 1, 0}, {3, 3, 3, 3, 3, 1, 4}, {1, 17, 3, 2, 3, 4, 1},
    };

    @Test void im2colMatchesItsScalarTwin() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int[] t : CASES) {
            int c = t[0], h = t[1], w = t[2], kh = t[3], kw = t[4], stride = t[5], pad = t[6];
            int oh = Im2col.outSize(h, kh, stride, pad), ow = Im2col.outSize(w, kw, stride, pad), off = 3;
            float[] x = random(off + c * h * w, rnd);
            float[] fast = random(c * kh * kw * oh * ow, rnd), twin = random(fast.length, rnd);   // stale contents must be overwritten
            Im2col.im2col(x, off, c, h, w, kh, kw, stride, pad, fast);
            Im2col.im2colScalar(x, off, c, h, w, kh, kw, stride, pad, twin);
            assertArrayEquals(twin, fast, java.util.Arrays.toString(t));
        }
    }

    @Test void col2imMatchesItsScalarTwin() {
        SplittableRandom rnd = new SplittableRandom(12);
        for (int[] t : CASES) {
            int c = t[0], h = t[1], w = t[2], kh = t[3], kw = t[4], stride = t[5], pad = t[6];
            int oh = Im2col.outSize(h, kh, stride, pad), ow = Im2col.outSize(w, kw, stride, pad), off = 5;
            float[] col = random(c * kh * kw * oh * ow, rnd);
            float[] fast = random(off + c * h * w + 2, rnd), twin = fast.clone();               // accumulates onto what is there
            Im2col.col2im(col, c, h, w, kh, kw, stride, pad, fast, off);
            Im2col.col2imScalar(col, c, h, w, kh, kw, stride, pad, twin, off);
            assertArrayEquals(twin, fast, java.util.Arrays.toString(t));
        }
    }

    private static float[] random(int n, SplittableRandom rnd) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (rnd.nextDouble() * 2 - 1);
        return a;
    }

    @Test void reluBackwardMaskMatchesTheComparison() {
        float[] ys = {0f, -0f, 1e-45f, 1f, Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NaN, -Float.NaN, -1f, Float.NEGATIVE_INFINITY,
                Float.intBitsToFloat(0x7f800001), Float.intBitsToFloat(0xffc00000)};
        for (float y : ys)
            for (float v : new float[]{2.5f, -3f, 0f, Float.NaN})
                assertEquals(Float.floatToRawIntBits(y > 0f ? v : 0f), Float.floatToRawIntBits(Relu.keep(y, v)), "y " + y + ", v " + v);
    }
}
