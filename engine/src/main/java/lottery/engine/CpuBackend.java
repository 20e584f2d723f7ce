package lottery.engine;

import lottery.kernels.BitMask;
import lottery.kernels.Csr;
import lottery.kernels.Gemm;
import lottery.kernels.Sparse;

/** The CPU backend: row-major float[] storage, {@link Gemm} and {@link Sparse} kernels. */
public final class CpuBackend implements Backend {
    static final CpuBackend INSTANCE = new CpuBackend();

    private CpuBackend() {}

    @Override public Device device() { return Device.CPU; }

    @Override public void matmul(Tensor a, Tensor b, float beta, Tensor c) {
        check("matmul", a, b, c);
        if (!rowMajor(c)) { matmul(b.t(), a.t(), beta, c.t()); return; }
        Operand A = new Operand(a), B = new Operand(b);
        Gemm.sgemm(A.trans, B.trans, a.size(0), b.size(1), a.size(1),
                a.data(), a.offset(), A.ld, b.data(), b.offset(), B.ld, beta, c.data(), c.offset(), ldc(c));
    }

    @Override public void matmulMaskedB(Tensor a, Tensor b, BitMask mask, float beta, Tensor c) {
        check("matmulMaskedB", a, b, c);
        if (!rowMajor(c)) throw new IllegalArgumentException("matmulMaskedB: output must be row-major, got " + c);
        Operand A = new Operand(a), B = new Operand(b);
        int storedRows = B.trans ? b.size(1) : b.size(0), storedCols = B.trans ? b.size(0) : b.size(1);
        if (mask.rows != storedRows || mask.cols != storedCols)
            throw new IllegalArgumentException("matmulMaskedB: mask " + mask + " does not match stored B [" + storedRows + ", " + storedCols + "]");
        Gemm.sgemmMaskedB(A.trans, B.trans, a.size(0), b.size(1), a.size(1),
                a.data(), a.offset(), A.ld, b.data(), b.offset(), B.ld, mask, beta, c.data(), c.offset(), ldc(c));
    }

    @Override public void matmulMaskedC(Tensor a, Tensor b, float beta, Tensor c, BitMask mask) {
        check("matmulMaskedC", a, b, c);
        if (!rowMajor(c)) throw new IllegalArgumentException("matmulMaskedC: output must be row-major, got " + c);
        if (mask.rows != c.size(0) || mask.cols != c.size(1))
            throw new IllegalArgumentException("matmulMaskedC: mask " + mask + " does not match output " + c);
        Operand A = new Operand(a), B = new Operand(b);
        Gemm.sgemmMaskedC(A.trans, B.trans, a.size(0), b.size(1), a.size(1),
                a.data(), a.offset(), A.ld, b.data(), b.offset(), B.ld, beta, c.data(), c.offset(), ldc(c), mask);
    }

    @Override public void spmmT(Csr w, Tensor xT, float beta, Tensor yT) {
        checkT("spmmT", xT, w.cols, yT, w.rows);
        Sparse.spmmT(w, xT.data(), xT.size(0), beta, yT.data());
    }

    @Override public void spmmTransT(Csr w, Tensor dyT, float beta, Tensor dxT) {
        checkT("spmmTransT", dyT, w.rows, dxT, w.cols);
        Sparse.spmmTransT(w, dyT.data(), dyT.size(0), beta, dxT.data());
    }

    @Override public void sddmmT(Csr pattern, Tensor dyT, Tensor xT, float[] dw) {
        checkT("sddmmT", dyT, pattern.rows, xT, pattern.cols);
        Sparse.sddmmT(pattern, dyT.data(), xT.data(), dyT.size(0), dw);
    }

    /** A 2-D operand as (trans, leading dimension) over its storage. */
    private static final class Operand {
        final boolean trans;
        final int ld;

        Operand(Tensor t) {
            int rows = t.size(0), cols = t.size(1);
            if (rows == 1) { trans = false; ld = Math.max(1, cols); }
            else if (t.stride(1) == 1 || cols == 1) { trans = false; ld = t.stride(0); }
            else if (t.stride(0) == 1) { trans = true; ld = t.stride(1); }
            else throw new IllegalArgumentException("matmul: operand " + t + " has no unit stride");
        }
    }

    private static int ldc(Tensor c) { return c.size(0) == 1 ? Math.max(c.stride(0), c.size(1)) : c.stride(0); }

    private static boolean rowMajor(Tensor c) { return c.size(0) == 1 || c.stride(1) == 1; }

    private static void check(String op, Tensor a, Tensor b, Tensor c) {
        if (a.dim() != 2 || b.dim() != 2 || c.dim() != 2 || a.size(1) != b.size(0) || c.size(0) != a.size(0) || c.size(1) != b.size(1))
            throw new IllegalArgumentException(op + ": shapes " + java.util.Arrays.toString(a.shape()) + " · "
                    + java.util.Arrays.toString(b.shape()) + " -> " + java.util.Arrays.toString(c.shape()) + " do not match");
    }

    private static void checkT(String op, Tensor in, int inFeatures, Tensor out, int outFeatures) {
        if (!in.isTransposedLayout() && in.size(0) != 1 || in.offset() != 0 || in.size(1) != inFeatures
                || out.offset() != 0 || !out.isTransposedLayout() && out.size(0) != 1 || out.size(1) != outFeatures || out.size(0) != in.size(0))
            throw new IllegalArgumentException(op + ": expected transposed-layout activations [batch, " + inFeatures + "] and [batch, "
                    + outFeatures + "], got " + Tensor.shapes(in, out));
    }
}
