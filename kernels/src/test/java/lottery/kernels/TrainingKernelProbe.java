package lottery.kernels;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs the CPU kernels the way training does, in one JVM: the products of LeNet-300-100, LeNet-5 and
 * Conv-2 (forward, backward-data, backward-weights; dense, masked, sparse, N:M 2:4 and 4×4 BSR at density 0.1) on their training shapes
 * at batch 1, 60 and 256, layer after layer, round after round, so C2 sees the same mixed profile a
 * real run does. After a warm-up it measures, per call, the bytes the calling thread allocates
 * (com.sun.management.ThreadMXBean) and prints one line per call: {@code alloc NAME BYTES}, the
 * smallest over the last rounds. {@link KernelJitTest} runs it in a fresh JVM per vector width.
 * <p>Convolutions run per image (im2col + GEMM, as the engine does), so their products do not
 * depend on the batch; the fully connected layers do.
 */
public final class TrainingKernelProbe {
    private record Call(String name, Runnable run) {}

    private final List<Call> calls = new ArrayList<>();
    private final SplittableRandom random = new SplittableRandom(17);

    public static void main(String[] args) {
        long warmupNanos = (long) (Double.parseDouble(args.length > 0 ? args[0] : "6") * 1e9);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Threads.set(threads);
        TrainingKernelProbe probe = new TrainingKernelProbe();
        for (int batch : new int[] {1, 60, 256}) {
            probe.linear("lenet300.fc1", batch, 784, 300);
            probe.linear("lenet300.fc2", batch, 300, 100);
            probe.linear("lenet300.fc3", batch, 100, 10);
            probe.linear("lenet5.fc1", batch, 256, 120);
            probe.linear("lenet5.fc2", batch, 120, 84);
            probe.linear("lenet5.fc3", batch, 84, 10);
            probe.linear("conv2.fc1", batch, 16384, 256);
            probe.linear("conv2.fc2", batch, 256, 256);
            probe.linear("conv2.fc3", batch, 256, 10);
        }
        probe.conv("lenet5.conv1", 6, 25, 784);
        probe.conv("lenet5.conv2", 16, 150, 64);
        probe.conv("conv2.conv1", 64, 27, 1024);
        probe.conv("conv2.conv2", 64, 576, 1024);

        long start = System.nanoTime();
        int rounds = 0;
        while (System.nanoTime() - start < warmupNanos || rounds < 3) {
            for (Call c : probe.calls) c.run.run();
            rounds++;
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] least = new long[probe.calls.size()];
        java.util.Arrays.fill(least, Long.MAX_VALUE);
        for (int r = 0; r < 5; r++)
            for (int i = 0; i < probe.calls.size(); i++) {
                long before = mx.getCurrentThreadAllocatedBytes();
                probe.calls.get(i).run.run();
                least[i] = Math.min(least[i], mx.getCurrentThreadAllocatedBytes() - before);
            }
        System.out.println("rounds " + rounds + " width " + VectorWidth.FLOAT.vectorBitSize() + " threads " + threads);
        for (int i = 0; i < least.length; i++) System.out.println("alloc " + probe.calls.get(i).name + " " + least[i]);
        System.out.println("done");
    }

    /** A fully connected layer: W [out, in], x [batch, in]; dense, masked (density 0.2) and sparse (density 0.036). */
    private void linear(String name, int batch, int in, int out) {
        String id = name + "@" + batch;
        float[] x = data(batch * in), w = data(out * in), y = new float[batch * out];
        float[] dy = data(batch * out), dx = new float[batch * in], dw = new float[out * in];
        BitMask mask = mask(out, in, 0.2), sparseMask = mask(out, in, 0.036);
        add(id + " forward", () -> Gemm.sgemm(false, true, batch, out, in, x, 0, in, w, 0, in, 0f, y, 0, out));
        add(id + " backward-data", () -> Gemm.sgemm(false, false, batch, in, out, dy, 0, out, w, 0, in, 0f, dx, 0, in));
        add(id + " backward-weights", () -> Gemm.sgemm(true, false, out, in, batch, dy, 0, out, x, 0, in, 0f, dw, 0, in));
        add(id + " masked forward", () -> Gemm.sgemmMaskedB(false, true, batch, out, in, x, 0, in, w, 0, in, mask, 0f, y, 0, out));
        add(id + " masked backward-data", () -> Gemm.sgemmMaskedB(false, false, batch, in, out, dy, 0, out, w, 0, in, mask, 0f, dx, 0, in));
        add(id + " masked backward-weights",
                () -> Gemm.sgemmMaskedC(true, false, out, in, batch, dy, 0, out, x, 0, in, 0f, dw, 0, in, mask));
        Csr csr = Csr.of(w, sparseMask);
        float[] xT = data(in * batch), yT = new float[out * batch], dyT = data(out * batch), dxT = new float[in * batch];
        float[] dwValues = new float[csr.values.length];
        add(id + " sparse forward", () -> Sparse.spmmT(csr, xT, batch, 0f, yT));
        add(id + " sparse backward-data", () -> Sparse.spmmTransT(csr, dyT, batch, 0f, dxT));
        add(id + " sparse backward-weights", () -> Sparse.sddmmT(csr, dyT, xT, batch, dwValues));
        NmMatrix nm = NmMatrix.of(w, nmMask(out, in, 2, 4), 2, 4);
        float[] dwNm = new float[nm.values.length];
        add(id + " nm forward", () -> Nm.forwardT(nm, xT, batch, 0f, yT));
        add(id + " nm backward-data", () -> Nm.backwardDataT(nm, dyT, batch, 0f, dxT));
        add(id + " nm backward-weights", () -> Nm.backwardWeightsT(nm, dyT, xT, batch, dwNm));
        if (Bsr.tiles(out, in, 4, 4)) {
            Bsr bsr = Bsr.of(w, blockMask(out, in, 4, 4, 0.1), 4, 4);
            float[] dwBsr = new float[bsr.values.length];
            add(id + " bsr forward", () -> BsrProducts.forwardT(bsr, xT, batch, 0f, yT));
            add(id + " bsr backward-data", () -> BsrProducts.backwardDataT(bsr, dyT, batch, 0f, dxT));
            add(id + " bsr backward-weights", () -> BsrProducts.backwardWeightsT(bsr, dyT, xT, batch, dwBsr));
        }
    }

    /** One image of a convolution lowered by im2col: W [oc, ckk], col [ckk, hw], y [oc, hw]. */
    private void conv(String name, int oc, int ckk, int hw) {
        float[] w = data(oc * ckk), col = data(ckk * hw), y = new float[oc * hw], dy = data(oc * hw);
        float[] dcol = new float[ckk * hw], dw = new float[oc * ckk];
        BitMask mask = mask(oc, ckk, 0.2);
        add(name + " forward", () -> Gemm.sgemm(false, false, oc, hw, ckk, w, 0, ckk, col, 0, hw, 0f, y, 0, hw));
        add(name + " backward-data", () -> Gemm.sgemm(true, false, ckk, hw, oc, w, 0, ckk, dy, 0, hw, 0f, dcol, 0, hw));
        add(name + " backward-weights", () -> Gemm.sgemm(false, true, oc, ckk, hw, dy, 0, hw, col, 0, hw, 1f, dw, 0, ckk));
        add(name + " masked backward-weights",
                () -> Gemm.sgemmMaskedC(false, true, oc, ckk, hw, dy, 0, hw, col, 0, hw, 1f, dw, 0, ckk, mask));
        // the sparse conv path: col [ckk, hw] is the transposed layout of the lowered activations, hw the "batch"
        Csr csr = Csr.of(w, mask(oc, ckk, 0.1));
        float[] dwValues = new float[csr.nnz()];
        add(name + " sparse forward", () -> Sparse.spmmT(csr, col, hw, 0f, y));
        add(name + " sparse backward-data", () -> Sparse.spmmTransT(csr, dy, hw, 0f, dcol));
        add(name + " sparse backward-weights", () -> Sparse.sddmmT(csr, dy, col, hw, dwValues));
        if (Bsr.tiles(oc, ckk, 4, 4)) {                 // col [ckk, hw] is the transposed layout the BSR kernels take
            Bsr bsr = Bsr.of(w, blockMask(oc, ckk, 4, 4, 0.1), 4, 4);
            float[] dwBsr = new float[bsr.values.length];
            add(name + " bsr forward", () -> BsrProducts.forwardT(bsr, col, hw, 0f, y));
            add(name + " bsr backward-data", () -> BsrProducts.backwardDataT(bsr, dy, hw, 0f, dcol));
            add(name + " bsr backward-weights", () -> BsrProducts.backwardWeightsT(bsr, dy, col, hw, dwBsr));
        }
    }

    private void add(String name, Runnable run) { calls.add(new Call(name, run)); }

    private float[] data(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (random.nextDouble() * 2 - 1);
        return a;
    }

    /** An N:M mask: in every group of m columns, n chosen at random (fewer in a short last group). */
    private BitMask nmMask(int rows, int cols, int n, int m) {
        BitMask mask = new BitMask(rows, cols);
        for (int i = 0; i < rows; i++)
            for (int g0 = 0; g0 < cols; g0 += m) {
                int len = Math.min(m, cols - g0);
                for (int kept = 0; kept < Math.min(n, len); ) {
                    int j = g0 + random.nextInt(len);
                    if (!mask.get(i, j)) { mask.set(i, j, true); kept++; }
                }
            }
        return mask;
    }

    /** Whole r×c blocks, each kept with probability {@code density}. */
    private BitMask blockMask(int rows, int cols, int r, int c, double density) {
        BitMask m = new BitMask(rows, cols);
        for (int i0 = 0; i0 < rows; i0 += r)
            for (int j0 = 0; j0 < cols; j0 += c)
                if (random.nextDouble() < density)
                    for (int i = i0; i < i0 + r; i++) for (int j = j0; j < j0 + c; j++) m.set(i, j, true);
        return m;
    }

    private BitMask mask(int rows, int cols, double density) {
        BitMask m = new BitMask(rows, cols);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) m.set(i, j, random.nextDouble() < density);
        return m;
    }
}
