package lottery.engine.cuda;

import lottery.engine.Backend;
import lottery.engine.Device;
import lottery.engine.Tensor;
import lottery.kernels.BitMask;
import lottery.kernels.Csr;
import lottery.kernels.cuda.Cuda;
import lottery.kernels.cuda.CudaContext;
import lottery.kernels.cuda.CudaKernels;
import lottery.kernels.cuda.DeviceBuffer;
import lottery.kernels.cuda.DeviceCsr;
import lottery.kernels.cuda.DeviceMask;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link Backend} primitives on the GPU. Tensors keep their float[] storage on the host (the
 * engine has no device storage yet), so each call stages the storage range an operand spans into
 * device buffers from the caching allocator (no cuMemAlloc in steady state), runs the project's
 * kernel, and copies the output range back. CSR structures are uploaded once per {@link Csr}
 * (their pattern is fixed) and only their values on every call; an output is uploaded only when the
 * kernel reads it (beta ≠ 0, or gaps between its rows). Results equal {@code CpuBackend}'s
 * up to float rounding; speed is bound by the copies until tensors can live on the device.
 */
public final class CudaBackend implements Backend {
    private static volatile CudaBackend instance;

    private final CudaContext ctx;
    /** Device copies of CSR patterns, least recently used first; closed on eviction. */
    private final Map<Csr, DeviceCsr> patterns = new LinkedHashMap<>(16, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<Csr, DeviceCsr> eldest) {
            if (size() <= MAX_PATTERNS) return false;
            eldest.getValue().close();
            return true;
        }
    };
    private static final int MAX_PATTERNS = 64;

    private CudaBackend(CudaContext ctx) { this.ctx = ctx; }

    /** The process-wide GPU backend; {@link UnsupportedOperationException} with the probe's reason without CUDA. */
    public static CudaBackend get() {
        if (instance == null) {
            synchronized (CudaBackend.class) {
                if (instance == null) instance = new CudaBackend(CudaContext.shared());
            }
        }
        return instance;
    }

    /** Whether {@link #get()} can succeed; {@link Cuda#reason()} says why not. */
    public static boolean available() { return Cuda.available(); }

    @Override public Device device() { return Device.CUDA; }

    @Override public synchronized void matmul(Tensor a, Tensor b, float beta, Tensor c) {
        check("matmul", a, b, c);
        if (!rowMajor(c)) { matmul(b.t(), a.t(), beta, c.t()); return; }
        gemm(a, b, null, beta, c, null);
    }

    @Override public synchronized void matmulMaskedB(Tensor a, Tensor b, BitMask mask, float beta, Tensor c) {
        check("matmulMaskedB", a, b, c);
        if (!rowMajor(c)) throw new IllegalArgumentException("matmulMaskedB: output must be row-major, got " + c);
        Operand B = new Operand(b);
        int storedRows = B.trans ? b.size(1) : b.size(0), storedCols = B.trans ? b.size(0) : b.size(1);
        if (mask.rows != storedRows || mask.cols != storedCols)
            throw new IllegalArgumentException("matmulMaskedB: mask " + mask + " does not match stored B [" + storedRows + ", " + storedCols + "]");
        gemm(a, b, mask, beta, c, null);
    }

    @Override public synchronized void matmulMaskedC(Tensor a, Tensor b, float beta, Tensor c, BitMask mask) {
        check("matmulMaskedC", a, b, c);
        if (!rowMajor(c)) throw new IllegalArgumentException("matmulMaskedC: output must be row-major, got " + c);
        if (mask.rows != c.size(0) || mask.cols != c.size(1))
            throw new IllegalArgumentException("matmulMaskedC: mask " + mask + " does not match output " + c);
        gemm(a, b, null, beta, c, mask);
    }

    @Override public synchronized void spmmT(Csr w, Tensor xT, float beta, Tensor yT) {
        checkT("spmmT", xT, w.cols, yT, w.rows);
        int batch = xT.size(0);
        DeviceCsr dw = pattern(w);
        try (DeviceBuffer x = stage(xT.data(), 0, batch * w.cols); DeviceBuffer y = output(yT.data(), 0, batch * w.rows, beta != 0f)) {
            CudaKernels.spmmT(dw, x, batch, beta, y);
            y.download(0, yT.data(), 0, batch * w.rows);
        }
    }

    @Override public synchronized void spmmTransT(Csr w, Tensor dyT, float beta, Tensor dxT) {
        checkT("spmmTransT", dyT, w.rows, dxT, w.cols);
        int batch = dyT.size(0);
        DeviceCsr dw = pattern(w);
        try (DeviceBuffer dy = stage(dyT.data(), 0, batch * w.rows); DeviceBuffer dx = output(dxT.data(), 0, batch * w.cols, beta != 0f)) {
            CudaKernels.spmmTransT(dw, dy, batch, beta, dx);
            dx.download(0, dxT.data(), 0, batch * w.cols);
        }
    }

    @Override public synchronized void sddmmT(Csr pattern, Tensor dyT, Tensor xT, float[] dw) {
        checkT("sddmmT", dyT, pattern.rows, xT, pattern.cols);
        if (dw.length < pattern.nnz()) throw new IllegalArgumentException("sddmmT: dw holds " + dw.length + " values, the pattern has " + pattern.nnz());
        int batch = dyT.size(0);
        DeviceCsr p = patternOnly(pattern);
        try (DeviceBuffer dy = stage(dyT.data(), 0, batch * pattern.rows); DeviceBuffer x = stage(xT.data(), 0, batch * pattern.cols);
             DeviceBuffer out = ctx.allocateFloats(pattern.nnz())) {
            CudaKernels.sddmmT(p, dy, x, batch, out);
            out.download(0, dw, 0, pattern.nnz());
        }
    }

    // ---- staging ---------------------------------------------------------------------------------

    private void gemm(Tensor a, Tensor b, BitMask maskB, float beta, Tensor c, BitMask maskC) {
        Operand A = new Operand(a), B = new Operand(b);
        int m = a.size(0), n = b.size(1), k = a.size(1), ldc = ldc(c);
        if (m == 0 || n == 0) return;
        if (k == 0) { scaleOnHost(beta, c, maskC); return; }
        int aLen = span(a), bLen = span(b), cLen = span(c);
        try (DeviceBuffer da = stage(a.data(), a.offset(), aLen); DeviceBuffer db = stage(b.data(), b.offset(), bLen);
             // with beta 0 the kernel writes every element of a gap-free C without reading it
             DeviceBuffer dc = output(c.data(), c.offset(), cLen, beta != 0f || cLen != (long) m * n);
             DeviceMask mb = maskB == null ? null : DeviceMask.upload(ctx, maskB);
             DeviceMask mc = maskC == null ? null : DeviceMask.upload(ctx, maskC)) {
            CudaKernels.sgemm(A.trans, B.trans, m, n, k, 1f, da, 0, A.ld, db, 0, B.ld, mb, beta, dc, 0, ldc, mc);
            dc.download(0, c.data(), c.offset(), cLen);
        }
    }

    /** c = beta · c (0 where maskC is 0): the product of an empty inner dimension, no device work. */
    private static void scaleOnHost(float beta, Tensor c, BitMask maskC) {
        float[] d = c.data();
        for (int i = 0; i < c.size(0); i++)
            for (int j = 0; j < c.size(1); j++) {
                int at = c.offset() + i * c.stride(0) + j * c.stride(1);
                d[at] = maskC != null && !maskC.get(i, j) ? 0f : beta == 0f ? 0f : beta * d[at];
            }
    }

    /** A device copy of host[off .. off+len). */
    private DeviceBuffer stage(float[] host, int off, int len) {
        DeviceBuffer d = ctx.allocateFloats(len);
        d.upload(host, off, 0, len);
        return d;
    }

    /** A device buffer for host[off .. off+len), loaded with its contents only when the kernel reads them. */
    private DeviceBuffer output(float[] host, int off, int len, boolean load) {
        return load ? stage(host, off, len) : ctx.allocateFloats(len);
    }

    /** The pattern with current values (structure uploaded once per Csr). */
    private DeviceCsr pattern(Csr w) {
        DeviceCsr d = patternOnly(w);
        d.uploadValues(w.values);
        return d;
    }

    private DeviceCsr patternOnly(Csr w) {
        DeviceCsr d = patterns.get(w);
        if (d == null) {
            d = DeviceCsr.upload(ctx, w);
            patterns.put(w, d);
        }
        return d;
    }

    /** Number of storage elements from the tensor's offset to its last element (0 when empty). */
    static int span(Tensor t) {
        if (t.numel() == 0) return 0;
        long last = 0;
        for (int d = 0; d < t.dim(); d++) last += (long) (t.size(d) - 1) * t.stride(d);
        return Math.toIntExact(last + 1);
    }

    /** A 2-D operand as (trans, leading dimension) over its storage, as the CPU backend reads it. */
    private static final class Operand {
        final boolean trans;
        final int ld;

        Operand(Tensor t) {
            int rows = t.size(0), cols = t.size(1);
            if (rows == 1) { trans = false; ld = Math.max(1, cols); }
            else if (t.stride(1) == 1 || cols == 1) { trans = false; ld = Math.max(t.stride(0), Math.max(1, cols)); }
            else if (t.stride(0) == 1) { trans = true; ld = t.stride(1); }
            else throw new IllegalArgumentException("matmul: operand " + t + " has no unit stride");
        }
    }

    private static int ldc(Tensor c) { return c.size(0) == 1 ? Math.max(c.stride(0), Math.max(1, c.size(1))) : c.stride(0); }

    private static boolean rowMajor(Tensor c) { return c.size(0) == 1 || c.stride(1) == 1; }

    private static void check(String op, Tensor a, Tensor b, Tensor c) {
        if (a.dim() != 2 || b.dim() != 2 || c.dim() != 2 || a.size(1) != b.size(0) || c.size(0) != a.size(0) || c.size(1) != b.size(1))
            throw new IllegalArgumentException(op + ": shapes " + Arrays.toString(a.shape()) + " · " + Arrays.toString(b.shape())
                    + " -> " + Arrays.toString(c.shape()) + " do not match");
    }

    private static void checkT(String op, Tensor in, int inFeatures, Tensor out, int outFeatures) {
        if (!in.isTransposedLayout() && in.size(0) != 1 || in.offset() != 0 || in.size(1) != inFeatures
                || out.offset() != 0 || !out.isTransposedLayout() && out.size(0) != 1 || out.size(1) != outFeatures || out.size(0) != in.size(0))
            throw new IllegalArgumentException(op + ": expected transposed-layout activations [batch, " + inFeatures + "] and [batch, "
                    + outFeatures + "], got " + Arrays.toString(in.shape()) + " and " + Arrays.toString(out.shape()));
    }
}
