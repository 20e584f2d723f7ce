package lottery.engine.ops;

import lottery.engine.LinearPath;
import lottery.engine.Tensor;
import lottery.engine.WeightMask;
import lottery.kernels.BitMask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LinearGradTest {
    private static final int[][] SHAPES = {{1, 1, 1}, {3, 7, 5}, {5, 33, 9}, {7, 4, 17}};

    static BitMask randomMask(SplittableRandom rng, int rows, int cols, double keep) {
        BitMask m = new BitMask(rows, cols);
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) m.set(i, j, rng.nextDouble() < keep);
        return m;
    }

    @Test void denseGradientsRowMajorAndTransposedInput() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int[] s : SHAPES) {
            int batch = s[0], in = s[1], out = s[2];
            Tensor x = GradCheck.random(rng, batch, in), w = GradCheck.random(rng, out, in), b = GradCheck.random(rng, out);
            GradCheck.check(() -> GradCheck.project(Linear.apply(x, w, b, null, null)), x, w, b);
            Tensor xT = Relayout.toTransposed(x.t().t(), null, 0);
            Tensor leafT = Tensor.transposedLayout(xT.data().clone(), batch, in).requireGrad();
            GradCheck.check(() -> GradCheck.project(Linear.apply(leafT, w, b, null, null)), leafT, w, b);
        }
    }

    @ParameterizedTest @EnumSource(LinearPath.class)
    void maskedGradientsOnEveryPathAreExactZeroWherePruned(LinearPath path) {
        SplittableRandom rng = new SplittableRandom(2 + path.ordinal());
        for (int[] s : SHAPES) {
            int batch = s[0], in = s[1], out = s[2];
            Tensor x = GradCheck.random(rng, batch, in), w = GradCheck.random(rng, out, in), b = GradCheck.random(rng, out);
            BitMask bits = randomMask(rng, out, in, 0.4);
            bits.applyTo(w.data());
            WeightMask mask = new WeightMask(bits);
            for (boolean transposed : new boolean[]{false, true}) {
                Tensor xin = transposed ? Tensor.transposedLayout(Relayout.toTransposed(x, null, 0).data().clone(), batch, in).requireGrad() : x;
                GradCheck.check(() -> {
                    mask.weightsChanged();
                    return GradCheck.project(Linear.apply(xin, w, b, mask, path, null));
                }, new Tensor[]{xin, w, b}, new BitMask[]{null, bits, null});
            }
        }
    }

    @ParameterizedTest @EnumSource(LinearPath.class)
    void pathsAgreeWithDenseProductOfMaskedWeights(LinearPath path) {
        SplittableRandom rng = new SplittableRandom(7);
        int batch = 6, in = 70, out = 13;
        Tensor x = GradCheck.random(rng, batch, in), w = GradCheck.random(rng, out, in), b = GradCheck.random(rng, out);
        BitMask bits = randomMask(rng, out, in, 0.1);
        bits.applyTo(w.data());
        float[] want = Linear.apply(x, w, b, null, null).toArray();
        float[] got = Linear.apply(x, w, b, new WeightMask(bits), path, null).toArray();
        assertArrayEquals(want, got, 1e-4f);
    }

    @Test void shapeMismatchNamesOpAndShapes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Linear.apply(Tensor.zeros(2, 3), Tensor.zeros(4, 5), null, null, null));
        assertEquals(true, e.getMessage().contains("linear") && e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4, 5]"));
    }
}
