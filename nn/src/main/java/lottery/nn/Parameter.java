package lottery.nn;

import lottery.engine.Tensor;
import lottery.engine.WeightMask;
import lottery.kernels.BitMask;

import java.util.Arrays;

/**
 * A named trainable tensor with an optional pruning mask. Invariant: while a mask is installed, the
 * pruned weights and their gradient are exactly 0 (kernels, gradients and optimizers keep it so).
 * Whoever writes {@link #data()} directly must call {@link #weightsChanged()} afterwards.
 */
public final class Parameter {
    private final String name;
    private final int[] shape;
    private final boolean prunable;
    private final Tensor value;
    private WeightMask mask;
    private int maskVersion;

    public Parameter(String name, int[] shape, boolean prunable) {
        this.name = name;
        this.shape = shape.clone();
        this.prunable = prunable;
        this.value = Tensor.zeros(shape).requireGrad();
        this.value.grad = Tensor.zeros(shape);
    }

    /** Unique within the model, e.g. "fc1.weight". */
    public String name() { return name; }

    /** Linear weight: [out, in]; Conv2d weight: [outC, inC, kh, kw]; bias: [n]. */
    public int[] shape() { return shape.clone(); }

    public int size() { return value.numel(); }

    /** Live dense row-major values; optimizers update them in place. */
    public float[] data() { return value.data(); }

    /** Live gradient, same layout as {@link #data()}. */
    public float[] grad() { return value.grad.data(); }

    /** The autograd leaf holding the values. */
    public Tensor tensor() { return value; }

    /** True for Linear/Conv weights, false for biases. */
    public boolean prunable() { return prunable; }

    /** The mask, shape [shape[0], product(shape[1..])], or null when dense. Do not modify it. */
    public BitMask mask() { return mask == null ? null : mask.bits(); }

    /** The mask with its kernel-side caches, or null. */
    public WeightMask weightMask() { return mask; }

    /** Incremented by every {@link #setMask}; optimizers use it to clear state at newly pruned positions. */
    public int maskVersion() { return maskVersion; }

    /** Rows and columns of the mask view of this parameter. */
    public int[] maskShape() {
        int rows = shape.length == 0 ? 1 : shape[0];
        return new int[]{rows, size() / Math.max(1, rows)};
    }

    /** Installs a copy of {@code m} (null removes the mask) and zeroes the pruned weights and gradients. */
    public void setMask(BitMask m) {
        if (m == null) mask = null;
        else {
            int[] ms = maskShape();
            if (m.rows != ms[0] || m.cols != ms[1])
                throw new IllegalArgumentException("setMask: mask " + m + " does not fit parameter " + name + " " + Arrays.toString(shape)
                        + " (want [" + ms[0] + ", " + ms[1] + "])");
            mask = new WeightMask(m.copy());
            m.applyTo(data());
            m.applyTo(grad());
        }
        maskVersion++;
        weightsChanged();
    }

    /** Call after writing {@link #data()}: re-zeroes pruned weights and refreshes kernel caches. */
    public void weightsChanged() {
        if (mask != null) {
            mask.bits().applyTo(data());
            mask.weightsChanged();
        }
    }

    /** Marks values changed by an optimizer that kept pruned weights at 0 (O(1)). */
    public void valuesUpdated() {
        if (mask != null) mask.weightsChanged();
    }

    /** Zeroes the gradient (only kept positions when masked: the rest is 0 already). */
    public void zeroGrad() {
        float[] g = grad();
        if (mask == null) Arrays.fill(g, 0f);
        else for (int i : mask.kept()) g[i] = 0f;
    }

    @Override public String toString() { return "Parameter " + name + " " + Arrays.toString(shape) + (mask == null ? "" : " " + mask.bits()); }
}
