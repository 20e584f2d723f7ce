package lottery.nn.io;

import java.util.Arrays;

/**
 * One tensor entry of a safetensors header: its dtype, shape and byte range
 * {@code [begin, end)} relative to the start of the data buffer.
 */
public record TensorInfo(String name, DType dtype, int[] shape, long begin, long end) {
    public TensorInfo {
        shape = shape.clone();
    }

    @Override public int[] shape() { return shape.clone(); }

    /** Number of elements: the product of the shape (1 for a scalar, shape []). */
    public long elements() { return elements(shape); }

    public long byteSize() { return end - begin; }

    static long elements(int[] shape) {
        long n = 1;
        for (int d : shape) n = Math.multiplyExact(n, (long) d);
        return n;
    }

    @Override public boolean equals(Object o) {
        return o instanceof TensorInfo t && t.name.equals(name) && t.dtype == dtype
                && Arrays.equals(t.shape, shape) && t.begin == begin && t.end == end;
    }

    @Override public int hashCode() { return name.hashCode() * 31 + Arrays.hashCode(shape); }

    @Override public String toString() {
        return name + ": " + dtype + " " + Arrays.toString(shape) + " @[" + begin + ", " + end + ")";
    }
}
