package lottery.engine.ops;

import lottery.engine.LinearPath;
import lottery.engine.NoGrad;
import lottery.engine.Tensor;
import lottery.engine.WeightMask;
import lottery.kernels.BitMask;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OpsGradTest {
    /** Values at least 0.05 away from 0 so ReLU's kink is outside the finite-difference step. */
    static Tensor awayFromZero(SplittableRandom rng, int... shape) {
        Tensor t = GradCheck.random(rng, shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = Math.copySign(0.05f + Math.abs(d[i]), d[i]);
        return t;
    }

    /** Distinct values spaced ≥ 0.05 so a max window never changes under the step. */
    static Tensor distinct(SplittableRandom rng, int... shape) {
        Tensor t = Tensor.zeros(shape).requireGrad();
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = 0.05f * i - 0.025f * d.length;
        for (int i = d.length - 1; i > 0; i--) { int j = rng.nextInt(i + 1); float v = d[i]; d[i] = d[j]; d[j] = v; }
        return t;
    }

    @Test void relu() {
        SplittableRandom rng = new SplittableRandom(3);
        Tensor x = awayFromZero(rng, 7, 5);
        GradCheck.check(() -> GradCheck.project(Relu.apply(x, null)), x);
    }

    @Test void addMulSumMean() {
        SplittableRandom rng = new SplittableRandom(4);
        Tensor a = GradCheck.random(rng, 3, 11), b = GradCheck.random(rng, 3, 11);
        GradCheck.check(() -> GradCheck.project(Add.apply(a, b, null)), a, b);
        GradCheck.check(() -> GradCheck.project(Mul.apply(a, b, null)), a, b);
        GradCheck.check(() -> Sum.mean(Mul.apply(a, a, null), null), a);
        GradCheck.check(() -> Sum.sum(Add.apply(a, a, null), null), a);
    }

    @Test void reshapeAndRelayout() {
        SplittableRandom rng = new SplittableRandom(5);
        Tensor x = GradCheck.random(rng, 2, 3, 5);
        GradCheck.check(() -> GradCheck.project(Reshape.flatten(x, null)), x);
        Tensor m = GradCheck.random(rng, 4, 9);
        GradCheck.check(() -> GradCheck.project(Relayout.toRowMajor(Relayout.toTransposed(m, null, 0), null, 2)), m);
    }

    @Test void dropoutWithFixedSeed() {
        SplittableRandom rng = new SplittableRandom(6);
        Tensor x = GradCheck.random(rng, 5, 8);
        GradCheck.check(() -> GradCheck.project(Dropout.apply(x, 0.3f, new SplittableRandom(9), null)), x);
    }

    @Test void softmaxCrossEntropyBothLayouts() {
        SplittableRandom rng = new SplittableRandom(7);
        int[] labels = {0, 3, 2, 4, 1, 4, 0};
        Tensor z = GradCheck.random(rng, 7, 5);
        GradCheck.check(() -> SoftmaxCrossEntropy.apply(z, labels, 0, null), z);
        Tensor zT = Tensor.transposedLayout(Relayout.toTransposed(z, null, 0).data().clone(), 7, 5).requireGrad();
        GradCheck.check(() -> SoftmaxCrossEntropy.apply(zT, labels, 0, null), zT);
    }

    @Test void softmaxCrossEntropyIsStableForHugeLogits() {
        Tensor z = Tensor.of(new float[]{1000f, 0f, -1000f, 5000f}, 2, 2);
        float loss = SoftmaxCrossEntropy.apply(z, new int[]{0, 0}, 0, null).item();
        assertEquals(3000f, loss, 1e-3f);   // (0 + 6000) / 2
    }

    @Test void conv2dWithPaddingStrideAndMask() {
        SplittableRandom rng = new SplittableRandom(8);
        int[][] cases = {{2, 3, 7, 6, 4, 3, 1, 1}, {1, 2, 5, 5, 3, 2, 2, 0}, {2, 1, 6, 7, 2, 3, 1, 2}};
        for (int[] c : cases) {
            Tensor x = GradCheck.random(rng, c[0], c[1], c[2], c[3]);
            Tensor w = GradCheck.random(rng, c[4], c[1], c[5], c[5]), b = GradCheck.random(rng, c[4]);
            int stride = c[6], pad = c[7];
            GradCheck.check(() -> GradCheck.project(Conv2d.apply(x, w, b, null, stride, pad, null)), x, w, b);
            BitMask bits = LinearGradTest.randomMask(rng, c[4], c[1] * c[5] * c[5], 0.5);
            bits.applyTo(w.data());
            WeightMask mask = new WeightMask(bits);
            GradCheck.check(() -> GradCheck.project(Conv2d.apply(x, w, b, mask, stride, pad, null)),
                    new Tensor[]{x, w, b}, new BitMask[]{null, bits, null});
            for (LinearPath path : LinearPath.values())
                GradCheck.check(() -> {
                    mask.weightsChanged();                              // the sparse path caches W's values in its CSR
                    return GradCheck.project(Conv2d.apply(x, w, b, mask, path, stride, pad, null));
                }, new Tensor[]{x, w, b}, new BitMask[]{null, bits, null});
        }
    }

    @Test void sparseConvMatchesDenseConvAndKeepsPrunedGradientsZero() {
        SplittableRandom rng = new SplittableRandom(9);
        int n = 3, c = 3, h = 9, wd = 7, oc = 5, k = 3;
        Tensor x0 = GradCheck.random(rng, n, c, h, wd), w0 = GradCheck.random(rng, oc, c, k, k), b0 = GradCheck.random(rng, oc);
        BitMask bits = LinearGradTest.randomMask(rng, oc, c * k * k, 0.2);
        bits.applyTo(w0.data());
        float[][] out = new float[2][], dw = new float[2][], dx = new float[2][];
        LinearPath[] paths = {LinearPath.DENSE, LinearPath.SPARSE};
        for (int p = 0; p < 2; p++) {
            Tensor x = Tensor.of(x0.data().clone(), x0.shape()).requireGrad(), w = Tensor.of(w0.data().clone(), w0.shape()).requireGrad();
            Tensor b = Tensor.of(b0.data().clone(), b0.shape()).requireGrad();
            Tensor y = Conv2d.apply(x, w, b, new WeightMask(bits), paths[p], 1, 1, null);
            out[p] = y.data().clone();
            Sum.sum(Mul.apply(y, y, null), null).backward();
            dw[p] = w.grad.data().clone();
            dx[p] = x.grad.data().clone();
        }
        for (int i = 0; i < out[0].length; i++) assertEquals(out[0][i], out[1][i], 1e-4f, "y " + i);
        for (int i = 0; i < dx[0].length; i++) assertEquals(dx[0][i], dx[1][i], 1e-3f, "dx " + i);
        for (int i = 0; i < dw[0].length; i++) {
            assertEquals(dw[0][i], dw[1][i], 1e-3f, "dW " + i);
            if (!bits.get(i / (c * k * k), i % (c * k * k))) assertEquals(0f, dw[1][i], "pruned dW " + i);
        }
    }

    @Test void pools() {
        SplittableRandom rng = new SplittableRandom(9);
        Tensor x = distinct(rng, 2, 3, 7, 6);
        GradCheck.check(() -> GradCheck.project(Pool2d.maxPool(x, 2, 2, null)), x);
        GradCheck.check(() -> GradCheck.project(Pool2d.maxPool(x, 3, 1, null)), x);
        GradCheck.check(() -> GradCheck.project(Pool2d.avgPool(x, 2, 2, null)), x);
        GradCheck.check(() -> GradCheck.project(Pool2d.avgPool(x, 3, 2, null)), x);
    }

    @Test void noGradRecordsNothing() {
        Tensor x = Tensor.of(new float[]{1, -2, 3, -4}, 2, 2).requireGrad();
        try (NoGrad g = NoGrad.enter()) {
            Tensor y = Relu.apply(x, null);
            assertNull(y.node());
            assertEquals(false, y.requiresGrad);
        }
        assertThrows(IllegalArgumentException.class, () -> Sum.sum(Tensor.zeros(2), null).backward());
    }

    @Test void sharedInputAccumulatesAcrossBranches() {
        // L = Σ relu(x) + Σ x·x  -> dL/dx = [x>0] + 2x, x reached by two paths
        Tensor x = Tensor.of(new float[]{1.5f, -0.5f, 2f}, 1, 3).requireGrad();
        Tensor l = Add.apply(Sum.sum(Relu.apply(x, null), null), Sum.sum(Mul.apply(x, x, null), null), null);
        l.backward();
        float[] g = x.grad.toArray();
        assertEquals(1f + 3f, g[0], 1e-6f);
        assertEquals(-1f, g[1], 1e-6f);
        assertEquals(1f + 4f, g[2], 1e-6f);
    }
}
