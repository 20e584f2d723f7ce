package lottery.engine.cuda;

import lottery.engine.Backend;
import lottery.engine.Device;
import lottery.engine.Tensor;
import lottery.kernels.BitMask;
import lottery.kernels.Csr;
import lottery.kernels.cuda.CudaContext;
import lottery.kernels.cuda.CudaKernels;
import lottery.kernels.cuda.DeviceBuffer;
import lottery.kernels.cuda.DeviceCsr;
import lottery.kernels.cuda.DeviceMask;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link Backend} primitives on the GPU for host-stored tensors (the per-call path, used by the
 * conv models; the MLP family trains device-resident, see lottery.nn.cuda). Each call stages the
 * storage range an operand spans into device buffers from the caching allocator (no driver
 * allocation in steady state), runs the project's kernel, and copies the output range back. Masks
 * and CSR patterns are uploaded once and cached (masks by value, so a changed mask is uploaded
 * again; a pattern's values are uploaded on every call); an output is
 * uploaded only when the kernel reads it (beta ≠ 0, or gaps between its rows). Copies follow the
 * stream order, so no call waits for the device except the download of its result. Results equal
 * {@code CpuBackend}'s up to float rounding; speed is bound by the copies.
 */
public final class CudaBackend implements Backend {
    private static volatile CudaBackend instance;
    static final int MAX_CACHED = 64;

    private final CudaContext ctx;
    /** Device copies of CSR patterns and masks, least recently used first; closed on eviction. */
    private final Map<Csr, DeviceCsr> patterns;
    private final Map<BitMask, DeviceMask> masks;

    /** A backend on {@code ctx} keeping at most {@code maxCached} patterns and as many masks on the device. */
    CudaBackend(CudaContext ctx, int maxCached) {
        this.ctx = ctx;
        this.patterns = lru(maxCached, DeviceCsr::close);
        this.masks = lru(maxCached, DeviceMask::close);
    }

    private static <K, V> Map<K, V> lru(int max, java.util.function.Consumer<V> onEvict) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                if (size() <= max) return false;
                onEvict.accept(eldest.getValue());
                return true;
            }
        };
    }

    /** The process-wide GPU backend; {@link UnsupportedOperationException} with the probe's reason without CUDA. */
    public static CudaBackend get() {
        if (instance == null) {
            synchronized (CudaBackend.class) {
                if (instance == null) instance = new CudaBackend(CudaContext.shared(), MAX_CACHED);
            }
        }
        return instance;
    }

    /** A backend of its own on {@code ctx} (e.g. a host-memory context in tests); {@link #get()} is the GPU's. */
    public static CudaBackend on(CudaContext ctx) { return new CudaBackend(ctx, MAX_CACHED); }

    /** The context this backend runs on. */
    public CudaContext context() { return ctx; }

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
            throw new IllegalArgumentException("matmulMaskedB: mask " + mask + " does not match stored B [" + storedRows + ", "
                    + storedCols + "]");
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
        if (dw.length < pattern.nnz()) throw new IllegalArgumentException("sddmmT: dw holds " + dw.length + " values, the pattern has "
                + pattern.nnz());
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
             DeviceBuffer dc = output(c.data(), c.offset(), cLen, beta != 0f || cLen != (long) m * n)) {
            CudaKernels.sgemm(A.trans, B.trans, m, n, k, 1f, da, 0, A.ld, db, 0, B.ld, mask(maskB), beta, dc, 0, ldc, mask(maskC));
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

    /** A device mask with the bits of {@code mask}, cached by value (a copy is the key, so changing a mask misses the cache). */
    private DeviceMask mask(BitMask mask) {
        if (mask == null) return null;
        DeviceMask d = masks.get(mask);
        if (d == null) {
            d = DeviceMask.upload(ctx, mask);
            masks.put(mask.copy(), d);
        }
        return d;
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
                || out.offset() != 0 || !out.isTransposedLayout() && out.size(0) != 1 || out.size(1) != outFeatures
                        || out.size(0) != in.size(0))
            throw new IllegalArgumentException(op + ": expected transposed-layout activations [batch, " + inFeatures + "] and [batch, "
                    + outFeatures + "], got " + Arrays.toString(in.shape()) + " and " + Arrays.toString(out.shape()));
    }
}
