package lottery.engine.ops;

import lottery.engine.NoGrad;
import lottery.engine.Tensor;
import lottery.kernels.BitMask;

import java.util.SplittableRandom;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Central finite differences against autograd. The forward runs in float, so the difference quotient
 * carries rounding error ≈ ε_f·|L|/h plus truncation O(h²); with h = 1e-2 and O(1) losses both are
 * below 1e-3, hence the tolerance 3e-3 + 2e-2·|g|.
 */
final class GradCheck {
    static final float H = 1e-2f;

    private GradCheck() {}

    static Tensor random(SplittableRandom rng, int... shape) {
        float[] d = new float[Tensor.numel(shape)];
        for (int i = 0; i < d.length; i++) d[i] = (float) (rng.nextDouble() * 2 - 1);
        return Tensor.of(d, shape).requireGrad();
    }

    /** Σ y ⊙ R for a fixed pseudo-random R in y's layout: a scalar whose gradient is R. */
    static Tensor project(Tensor y) {
        SplittableRandom rng = new SplittableRandom(12345);
        float[] r = new float[y.numel()];
        for (int i = 0; i < r.length; i++) r[i] = (float) (rng.nextDouble() * 2 - 1);
        Tensor rt = y.sameLayout(r);
        return Sum.sum(Mul.apply(y, rt, null), null);
    }

    /**
     * Checks d loss / d input for every element of every input; {@code masks[i]} (may be null) marks
     * positions whose gradient must be exactly 0 (pruned weights) and that are not perturbed.
     */
    static void check(Supplier<Tensor> loss, Tensor[] inputs, BitMask[] masks) {
        for (Tensor t : inputs) t.grad = null;
        loss.get().backward();
        for (int k = 0; k < inputs.length; k++) {
            Tensor t = inputs[k];
            BitMask mask = masks == null ? null : masks[k];
            if (t.grad == null) fail("no gradient reached input " + k + " " + t);
            float[] d = t.data();
            for (int i = 0; i < t.numel(); i++) {
                int p = t.offset() + i;
                float analytic = t.grad.data()[t.grad.offset() + i];
                if (mask != null && !mask.get(i)) {
                    assertEquals(0f, analytic, "pruned position " + i + " of input " + k + " must get exactly 0 gradient");
                    continue;
                }
                float saved = d[p];
                double plus, minus;
                try (NoGrad g = NoGrad.enter()) {
                    d[p] = saved + H;
                    plus = loss.get().item();
                    d[p] = saved - H;
                    minus = loss.get().item();
                } finally {
                    d[p] = saved;
                }
                double numeric = (plus - minus) / (2 * H);
                double tol = 3e-3 + 2e-2 * Math.abs(numeric);
                if (Math.abs(numeric - analytic) > tol)
                    fail("input " + k + " element " + i + ": analytic " + analytic + " vs numeric " + numeric);
            }
        }
    }

    static void check(Supplier<Tensor> loss, Tensor... inputs) { check(loss, inputs, null); }
}
