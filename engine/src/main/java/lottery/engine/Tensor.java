package lottery.engine;

import java.util.Arrays;

/**
 * An n-dimensional float array: shape, strides (in elements), offset into a storage, device.
 * Views (transpose as a stride swap, reshape of contiguous data) share storage.
 * <p>2-D activations have two layouts: row-major {@code [batch, features]} (strides {@code [f, 1]}) and
 * the transposed layout the sparse kernels want, storage {@code [features, batch]} seen through the
 * logical shape {@code [batch, features]} with strides {@code [1, batch]} ({@link #isTransposedLayout}).
 * <p>Autograd state: {@link #requiresGrad}, the gradient {@link #grad} (same shape and strides as this
 * tensor) and the {@link Node} that produced it (null for leaves).
 */
public final class Tensor {
    private final int[] shape;
    private final int[] strides;
    private final int offset;
    private final float[] data;
    private final Device device;

    /** True when gradients flow to this tensor. */
    public boolean requiresGrad;
    /** Accumulated gradient, or null before the first backward reaches this tensor. */
    public Tensor grad;
    /** The op that produced this tensor, or null for a leaf. */
    Node node;

    public Tensor(float[] data, int offset, int[] shape, int[] strides, Device device) {
        if (shape.length != strides.length)
            throw new IllegalArgumentException("Tensor: shape " + Arrays.toString(shape) + " and strides " + Arrays.toString(strides) + " differ in rank");
        this.data = data;
        this.offset = offset;
        this.shape = shape.clone();
        this.strides = strides.clone();
        this.device = device;
    }

    /** A row-major CPU tensor over {@code data} (not copied). */
    public static Tensor of(float[] data, int... shape) {
        if (numel(shape) > data.length)
            throw new IllegalArgumentException("Tensor.of: shape " + Arrays.toString(shape) + " needs " + numel(shape) + " values, got " + data.length);
        return new Tensor(data, 0, shape, rowMajorStrides(shape), Device.CPU);
    }

    public static Tensor zeros(int... shape) { return of(new float[numel(shape)], shape); }

    public static Tensor scalar(float v) { return of(new float[]{v}); }

    /**
     * A 2-D tensor of logical shape [rows, cols] stored transposed: storage is [cols, rows] row-major.
     */
    public static Tensor transposedLayout(float[] storage, int rows, int cols) {
        return new Tensor(storage, 0, new int[]{rows, cols}, new int[]{1, rows}, Device.CPU);
    }

    public static int[] rowMajorStrides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int d = shape.length - 1; d >= 0; d--) { s[d] = acc; acc *= shape[d]; }
        return s;
    }

    public static int numel(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            n *= d;
            if (n > Integer.MAX_VALUE)
                throw new ArithmeticException("a tensor of shape " + Arrays.toString(shape) + " has more than the " + Integer.MAX_VALUE
                        + " elements an array holds");
        }
        return (int) n;
    }

    public int[] shape() { return shape.clone(); }
    public int[] strides() { return strides.clone(); }
    public int dim() { return shape.length; }
    public int size(int d) { return shape[d]; }
    public int stride(int d) { return strides[d]; }
    public int offset() { return offset; }
    public float[] data() { return data; }
    public Device device() { return device; }
    public int numel() { return numel(shape); }
    public Node node() { return node; }

    /** Row-major and gap-free. */
    public boolean isContiguous() {
        int expect = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && strides[d] != expect) return false;
            expect *= shape[d];
        }
        return true;
    }

    /** 2-D, logical [rows, cols], stored as a gap-free [cols, rows] row-major block. */
    public boolean isTransposedLayout() {
        return shape.length == 2 && strides[0] == 1 && strides[1] == shape[0] && shape[0] != 1;
    }

    /** Contiguous in storage (row-major or transposed layout): elementwise ops may run flat over it. */
    public boolean isDense() { return isContiguous() || isTransposedLayout(); }

    /** A tensor with the same shape and strides over another storage (for gradients and outputs). */
    public Tensor sameLayout(float[] storage) {
        return new Tensor(storage, 0, shape, strides, device);
    }

    /** 2-D transpose as a stride swap (no copy, not recorded by autograd). */
    public Tensor t() {
        if (shape.length != 2) throw new IllegalArgumentException("t: expected a 2-D tensor, got shape " + Arrays.toString(shape));
        return new Tensor(data, offset, new int[]{shape[1], shape[0]}, new int[]{strides[1], strides[0]}, device);
    }

    /** A view with a new shape; this tensor must be contiguous (not recorded by autograd). */
    public Tensor view(int... newShape) {
        if (!isContiguous()) throw new IllegalArgumentException("view: tensor of shape " + Arrays.toString(shape) + " is not contiguous");
        if (numel(newShape) != numel())
            throw new IllegalArgumentException("view: cannot view shape " + Arrays.toString(shape) + " as " + Arrays.toString(newShape));
        return new Tensor(data, offset, newShape, rowMajorStrides(newShape), device);
    }

    /** Element at a multi-index. */
    public float get(int... idx) { return data[index(idx)]; }

    public void set(float v, int... idx) { data[index(idx)] = v; }

    private int index(int[] idx) {
        if (idx.length != shape.length) throw new IllegalArgumentException("index rank " + idx.length + " != tensor rank " + shape.length);
        int p = offset;
        for (int d = 0; d < idx.length; d++) {
            if (idx[d] < 0 || idx[d] >= shape[d]) throw new IndexOutOfBoundsException("index " + Arrays.toString(idx) + " outside shape " + Arrays.toString(shape));
            p += idx[d] * strides[d];
        }
        return p;
    }

    /** A row-major copy of the values (any layout). */
    public float[] toArray() {
        float[] out = new float[numel()];
        int[] idx = new int[shape.length];
        for (int i = 0; i < out.length; i++) {
            int p = offset;
            for (int d = 0; d < shape.length; d++) p += idx[d] * strides[d];
            out[i] = data[p];
            for (int d = shape.length - 1; d >= 0; d--) { if (++idx[d] < shape[d]) break; idx[d] = 0; }
        }
        return out;
    }

    /** The single value of a one-element tensor. */
    public float item() {
        if (numel() != 1) throw new IllegalArgumentException("item: tensor of shape " + Arrays.toString(shape) + " has " + numel() + " elements");
        return data[offset];
    }

    /** Marks this leaf as requiring gradients; returns this. */
    public Tensor requireGrad() {
        requiresGrad = true;
        return this;
    }

    /** Runs reverse-mode autograd from this scalar: see {@link Autograd#backward}. */
    public void backward() { Autograd.backward(this); }

    @Override public String toString() {
        return "Tensor" + Arrays.toString(shape) + (isTransposedLayout() ? "ᵀ" : "") + " " + device;
    }

    static String shapes(Tensor a, Tensor b) {
        return Arrays.toString(a.shape) + " and " + Arrays.toString(b.shape);
    }
}
