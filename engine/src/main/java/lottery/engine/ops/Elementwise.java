package lottery.engine.ops;

import lottery.engine.Tensor;

import java.util.Arrays;

/** Shape and layout checks shared by elementwise ops. */
final class Elementwise {
    private Elementwise() {}

    static void requireDense(String op, Tensor x) {
        if (!x.isDense()) throw new IllegalArgumentException(op + ": " + x + " must be contiguous (row-major or transposed layout)");
    }

    static void requireSame(String op, Tensor a, Tensor b) {
        if (!Arrays.equals(a.shape(), b.shape()) || !Arrays.equals(a.strides(), b.strides()))
            throw new IllegalArgumentException(op + ": shapes/layouts " + a + " and " + b + " differ");
        if (a.device() != b.device()) throw new IllegalArgumentException(op + ": device mismatch, " + a + " vs " + b);
        requireDense(op, a);
        requireDense(op, b);
    }
}
