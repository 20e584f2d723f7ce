package lottery.kernels;

import lottery.kernels.sparse.SparseRowMajor;
import lottery.kernels.sparse.SparseT;

/**
 * Sparse (CSR) × dense products for a pruned layer W ⊙ M, W: [out, in].
 * Same signatures and semantics as the oracle {@link ScalarSparse}.
 * The "T" forms take activations transposed ([features, batch]) and are the fast path:
 * one nonzero is one vectorised axpy over the batch.
 */
public final class Sparse {
    // The kernels live in lottery.kernels.sparse: SparseT (transposed activations) and SparseRowMajor.
    private Sparse() {}

    public static void spmm(Csr w, float[] x, int batch, float beta, float[] y) { SparseRowMajor.spmm(w, x, batch, beta, y); }
    public static void spmmT(Csr w, float[] xT, int batch, float beta, float[] yT) { SparseT.spmmT(w, xT, batch, beta, yT); }
    public static void spmmTrans(Csr w, float[] dy, int batch, float beta, float[] dx) { SparseRowMajor.spmmTrans(w, dy, batch, beta, dx); }
    public static void spmmTransT(Csr w, float[] dyT, int batch, float beta, float[] dxT) { SparseT.spmmTransT(w, dyT, batch, beta, dxT); }
    public static void sddmm(Csr pattern, float[] dy, float[] x, int batch, float[] dw) { SparseRowMajor.sddmm(pattern, dy, x, batch, dw); }
    public static void sddmmT(Csr pattern, float[] dyT, float[] xT, int batch, float[] dw) { SparseT.sddmmT(pattern, dyT, xT, batch, dw); }
}
