package lottery.kernels.cuda;

import java.lang.foreign.MemorySegment;

import static lottery.kernels.cuda.HostKernels.bit;
import static lottery.kernels.cuda.HostKernels.get;
import static lottery.kernels.cuda.HostKernels.geti;
import static lottery.kernels.cuda.HostKernels.maskBytes;
import static lottery.kernels.cuda.HostKernels.set;

/** elementwise.cu and optim.cu in Java. Grid-stride kernels cover every element whatever the grid. */
final class HostElementwise {
    private HostElementwise() {}

    static void run(HostKernels.Mem m, String kernel, long threads) {
        switch (kernel) {
            case "lottery_fill" -> { int n = m.i(0); MemorySegment x = m.q(2, 4L * n); for (int i = 0; i < n; i++) set(x, i, m.f(1)); }
            case "lottery_add", "lottery_mul" -> {
                int n = m.i(0);
                MemorySegment a = m.q(1, 4L * n), b = m.q(2, 4L * n), out = m.q(3, 4L * n);
                boolean add = kernel.equals("lottery_add");
                for (int i = 0; i < n; i++) set(out, i, add ? get(a, i) + get(b, i) : get(a, i) * get(b, i));
            }
            case "lottery_axpy" -> {
                int n = m.i(0);
                MemorySegment x = m.q(2, 4L * n), y = m.q(3, 4L * n);
                for (int i = 0; i < n; i++) set(y, i, Math.fma(m.f(1), get(x, i), get(y, i)));
            }
            case "lottery_scale" -> {
                int n = m.i(0);
                MemorySegment x = m.q(2, 4L * n);
                for (int i = 0; i < n; i++) set(x, i, get(x, i) * m.f(1));
            }
            case "lottery_relu" -> {
                int n = m.i(0);
                MemorySegment x = m.q(1, 4L * n), y = m.q(2, 4L * n);
                for (int i = 0; i < n; i++) set(y, i, get(x, i) > 0f ? get(x, i) : 0f);
            }
            case "lottery_relu_backward" -> {
                int n = m.i(0);
                MemorySegment x = m.q(1, 4L * n), dy = m.q(2, 4L * n), dx = m.q(3, 4L * n);
                for (int i = 0; i < n; i++) set(dx, i, get(x, i) > 0f ? get(dy, i) : 0f);
            }
            case "lottery_bias_add" -> {
                int rows = m.i(0), cols = m.i(1);
                MemorySegment bias = m.q(2, 4L * cols), y = m.q(3, 4L * rows * cols);
                for (long i = 0; i < (long) rows * cols; i++) set(y, i, get(y, i) + get(bias, i % cols));
            }
            case "lottery_mask_apply" -> {
                int rows = m.i(0), cols = m.i(1), words = m.i(3);
                MemorySegment mask = m.q(2, maskBytes(rows, words)), x = m.q(4, 4L * rows * cols);
                for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) if (!bit(mask, words, r, c)) set(x, (long) r * cols + c, 0f);
            }
            case "lottery_sum_rows", "lottery_sum_cols" -> sum(m, kernel.equals("lottery_sum_rows"), threads);
            case "lottery_softmax_xent" -> softmaxXent(m, threads / 32);
            default -> throw new CudaException("host driver: no Java twin for kernel " + kernel);
        }
    }

    /** lottery_sum_rows: out[c] = Σ_r x[r, c] (one thread per column); lottery_sum_cols: out[r] = Σ_c x[r, c] (one warp per row). */
    private static void sum(HostKernels.Mem m, boolean overRows, long threads) {
        int rows = m.i(0), cols = m.i(1);
        float beta = m.f(3);
        MemorySegment x = m.q(2, 4L * rows * cols), out = m.q(4, 4L * (overRows ? cols : rows));
        long outputs = Math.min(overRows ? cols : rows, overRows ? threads : threads / 32);
        for (int o = 0; o < outputs; o++) {
            float s = 0f;
            for (int q = 0; q < (overRows ? rows : cols); q++) s += get(x, overRows ? (long) q * cols + o : (long) o * cols + q);
            set(out, o, beta == 0f ? s : Math.fma(beta, get(out, o), s));
        }
    }

    /** lottery_softmax_xent: one warp per row; a label outside [0, classes) gives NaN loss. */
    private static void softmaxXent(HostKernels.Mem m, long warps) {
        int batch = m.i(0), classes = m.i(1);
        float gradScale = m.f(4);
        MemorySegment z = m.q(2, 4L * batch * classes), labels = m.q(3, 4L * batch), loss = m.q(5, 4L * batch);
        MemorySegment d = m.p(6, 4L * batch * classes);
        long rows = Math.min(batch, warps);
        for (int b = 0; b < rows; b++) {
            long row = (long) b * classes;
            float mx = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) mx = Math.max(mx, get(z, row + j));
            float s = 0f;
            for (int j = 0; j < classes; j++) s += (float) Math.exp(get(z, row + j) - mx);
            int label = geti(labels, b);
            boolean valid = label >= 0 && label < classes;
            set(loss, b, valid ? (float) Math.log(s) - (get(z, row + label) - mx) : Float.NaN);
            if (d != null)
                for (int j = 0; j < classes; j++)
                    set(d, row + j, gradScale * ((float) Math.exp(get(z, row + j) - mx) / s - (j == label ? 1f : 0f)));
        }
    }

    /** optim.cu: lottery_adam and lottery_sgd_momentum; a pruned position is neither read nor written. */
    static void optimizer(HostKernels.Mem m, boolean adam) {
        int rows = m.i(0), cols = m.i(1), words = m.i(3);
        long n = (long) rows * cols;
        MemorySegment mask = m.p(2, maskBytes(rows, words)), w = m.q(4, 4 * n), g = m.q(5, 4 * n), s1 = m.q(6, 4 * n);
        MemorySegment s2 = adam ? m.q(7, 4 * n) : null;
        for (long i = 0; i < n; i++) {
            if (mask != null && !bit(mask, words, i / cols, i % cols)) continue;
            if (adam) {
                float lr = m.f(8), b1 = m.f(9), b2 = m.f(10), eps = m.f(11), c1 = m.f(12), c2 = m.f(13), wd = m.f(14);
                float gi = get(g, i) + wd * get(w, i);
                float mi = b1 * get(s1, i) + (1f - b1) * gi, vi = b2 * get(s2, i) + (1f - b2) * gi * gi;
                set(s1, i, mi);
                set(s2, i, vi);
                set(w, i, get(w, i) - lr * (mi / c1) / ((float) Math.sqrt(vi / c2) + eps));
            } else {
                float lr = m.f(7), mu = m.f(8), wd = m.f(9);
                float gi = get(g, i) + wd * get(w, i), bi = mu * get(s1, i) + gi;
                set(s1, i, bi);
                set(w, i, get(w, i) - lr * bi);
            }
        }
    }
}
