package lottery.kernels.cuda;

import static lottery.kernels.cuda.CudaKernels.need;

/**
 * Elementwise ops, row/column sums and the softmax cross-entropy on device buffers
 * (kernels in elementwise.cu). n counts elements; shapes are row-major [rows, cols].
 */
public final class CudaElementwise {
    private CudaElementwise() {}

    /** x[0..n) = value. */
    public static void fill(long n, float value, DeviceBuffer x) {
        need("x", x, n);
        if (n > 0) new Launch().i(count(n)).f(value).p(x).run(x.context(), "lottery_fill", Launch.strideBlocks(n));
    }

    /** out = a + b. */
    public static void add(long n, DeviceBuffer a, DeviceBuffer b, DeviceBuffer out) { binary("lottery_add", n, a, b, out); }

    /** out = a ⊙ b. */
    public static void mul(long n, DeviceBuffer a, DeviceBuffer b, DeviceBuffer out) { binary("lottery_mul", n, a, b, out); }

    /** y = alpha·x + y. */
    public static void axpy(long n, float alpha, DeviceBuffer x, DeviceBuffer y) {
        need("x", x, n);
        need("y", y, n);
        if (n > 0) new Launch().i(count(n)).f(alpha).p(x).p(y).run(y.context(), "lottery_axpy", Launch.strideBlocks(n));
    }

    /** x = alpha·x. */
    public static void scale(long n, float alpha, DeviceBuffer x) {
        need("x", x, n);
        if (n > 0) new Launch().i(count(n)).f(alpha).p(x).run(x.context(), "lottery_scale", Launch.strideBlocks(n));
    }

    /** y = max(x, 0). */
    public static void relu(long n, DeviceBuffer x, DeviceBuffer y) {
        need("x", x, n);
        need("y", y, n);
        if (n > 0) new Launch().i(count(n)).p(x).p(y).run(y.context(), "lottery_relu", Launch.strideBlocks(n));
    }

    /** dx = dy where x &gt; 0, else 0 (x: the forward input). */
    public static void reluBackward(long n, DeviceBuffer x, DeviceBuffer dy, DeviceBuffer dx) {
        binary("lottery_relu_backward", n, x, dy, dx);
    }

    /** y[r, c] += bias[c]; y: [rows, cols]. */
    public static void biasAdd(int rows, int cols, DeviceBuffer bias, DeviceBuffer y) {
        need("bias", bias, cols);
        need("y", y, (long) rows * cols);
        long n = (long) rows * cols;
        if (n > 0) new Launch().i(rows).i(cols).p(bias).p(y).run(y.context(), "lottery_bias_add", Launch.strideBlocks(n));
    }

    /** x = 0 where the mask is 0; x: [mask.rows, mask.cols]. */
    public static void maskApply(DeviceMask mask, DeviceBuffer x) {
        long n = (long) mask.rows * mask.cols;
        need("x", x, n);
        if (n > 0) new Launch().i(mask.rows).i(mask.cols).mask(mask).p(x)
                .run(x.context(), "lottery_mask_apply", Launch.strideBlocks(n));
    }

    /** out[c] = Σ_r x[r, c] + beta·out[c] (the bias gradient); x: [rows, cols], out: [cols]. */
    public static void sumRows(int rows, int cols, DeviceBuffer x, float beta, DeviceBuffer out) {
        need("x", x, (long) rows * cols);
        need("out", out, cols);
        if (cols > 0) new Launch().i(rows).i(cols).p(x).f(beta).p(out).run(out.context(), "lottery_sum_rows", Launch.blocks(cols));
    }

    /** out[r] = Σ_c x[r, c] + beta·out[r]; x: [rows, cols], out: [rows]. */
    public static void sumCols(int rows, int cols, DeviceBuffer x, float beta, DeviceBuffer out) { sumCols(rows, cols, x, beta, out, 0); }

    /** out[outOff + r] = Σ_c x[r, c] + beta·out[outOff + r] (e.g. one slot of a loss log). */
    public static void sumCols(int rows, int cols, DeviceBuffer x, float beta, DeviceBuffer out, long outOff) {
        need("x", x, (long) rows * cols);
        need("out", out, outOff + rows);
        if (rows > 0) new Launch().i(rows).i(cols).p(x).f(beta).p(out, outOff).run(out.context(), "lottery_sum_cols",
                Launch.blocks(32L * rows));
    }

    /**
     * Softmax cross-entropy: loss[b] = logsumexp(logits[b, :]) − logits[b, label[b]], and, when
     * dlogits is not null, dlogits = gradScale·(softmax(logits) − onehot(labels)).
     * logits: [batch, classes], labels: int [batch], loss: [batch]. A label outside [0, classes) gives NaN.
     */
    public static void softmaxCrossEntropy(int batch, int classes, DeviceBuffer logits, DeviceBuffer labels, float gradScale,
                                           DeviceBuffer loss, DeviceBuffer dlogits) {
        softmaxCrossEntropy(batch, classes, logits, 0, labels, 0, gradScale, loss, dlogits);
    }

    /** The same with logits from element {@code logitsOff} and labels (4-byte ints) from element {@code labelsOff} of their buffers. */
    public static void softmaxCrossEntropy(int batch, int classes, DeviceBuffer logits, long logitsOff, DeviceBuffer labels, long labelsOff,
                                           float gradScale, DeviceBuffer loss, DeviceBuffer dlogits) {
        if (classes < 1) throw new IllegalArgumentException("softmax cross-entropy needs at least one class, got " + classes);
        need("logits", logits, logitsOff + (long) batch * classes);
        need("labels", labels, labelsOff + batch);
        need("loss", loss, batch);
        if (dlogits != null) need("dlogits", dlogits, (long) batch * classes);
        if (batch > 0) new Launch().i(batch).i(classes).p(logits, logitsOff).p(labels, labelsOff).f(gradScale)
                .p(loss).p(dlogits).run(loss.context(), "lottery_softmax_xent", Launch.blocks(32L * batch));
    }

    private static void binary(String kernel, long n, DeviceBuffer a, DeviceBuffer b, DeviceBuffer out) {
        need("a", a, n);
        need("b", b, n);
        need("out", out, n);
        if (n > 0) new Launch().i(count(n)).p(a).p(b).p(out).run(out.context(), kernel, Launch.strideBlocks(n));
    }

    static int count(long n) {
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException(n + " elements exceed the kernels' int range");
        return (int) n;
    }
}
