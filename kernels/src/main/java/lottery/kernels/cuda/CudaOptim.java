package lottery.kernels.cuda;

import static lottery.kernels.cuda.CudaKernels.need;

/**
 * Mask-aware optimizer steps on a device parameter w: [rows, cols] (kernels in optim.cu).
 * Where the mask is 0 nothing is read or written: pruned weights and their optimizer state
 * stay exactly as they are (0), so momentum, moments and weight decay cannot revive them.
 * A null mask updates every element.
 */
public final class CudaOptim {
    private CudaOptim() {}

    /**
     * One Adam step t (1-based): g' = g + weightDecay·w, m = β1·m + (1−β1)·g', v = β2·v + (1−β2)·g'²,
     * w −= lr·(m/(1−β1^t)) / (sqrt(v/(1−β2^t)) + eps).
     */
    public static void adam(int rows, int cols, DeviceMask mask, DeviceBuffer w, DeviceBuffer g, DeviceBuffer m, DeviceBuffer v,
                            float lr, float beta1, float beta2, float eps, long step, float weightDecay) {
        if (step < 1) throw new IllegalArgumentException("Adam step counts from 1, got " + step);
        long n = check(rows, cols, mask, w, g, m, v);
        float c1 = (float) (1 - Math.pow(beta1, step)), c2 = (float) (1 - Math.pow(beta2, step));
        if (n > 0) new Launch().i(rows).i(cols).mask(mask)
                .p(w).p(g).p(m).p(v)
                .f(lr).f(beta1).f(beta2).f(eps).f(c1).f(c2).f(weightDecay)
                .run(w.context(), "lottery_adam", Launch.strideBlocks(n));
    }

    /** SGD with momentum: g' = g + weightDecay·w, buf = momentum·buf + g', w −= lr·buf. */
    public static void sgdMomentum(int rows, int cols, DeviceMask mask, DeviceBuffer w, DeviceBuffer g, DeviceBuffer buf,
                                   float lr, float momentum, float weightDecay) {
        long n = check(rows, cols, mask, w, g, buf, buf);
        if (n > 0) new Launch().i(rows).i(cols).mask(mask)
                .p(w).p(g).p(buf).f(lr).f(momentum).f(weightDecay)
                .run(w.context(), "lottery_sgd_momentum", Launch.strideBlocks(n));
    }

    private static long check(int rows, int cols, DeviceMask mask, DeviceBuffer... buffers) {
        if (rows < 0 || cols < 0) throw new IllegalArgumentException("negative parameter shape [" + rows + ", " + cols + "]");
        if (mask != null && (mask.rows != rows || mask.cols != cols))
            throw new IllegalArgumentException("mask [" + mask.rows + ", " + mask.cols + "] does not match the parameter [" + rows
                    + ", " + cols + "]");
        long n = (long) rows * cols;
        for (DeviceBuffer b : buffers) need("optimizer buffer", b, n);
        return n;
    }
}
