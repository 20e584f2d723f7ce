package lottery.kernels.sparse;

import lottery.kernels.Csr;
import lottery.kernels.Strided;

/**
 * Sparse products on row-major activations ([batch, features]). Each transposes its activations into
 * per-thread scratch, runs the {@link SparseT} kernel (one axpy or dot over the batch per nonzero) and
 * transposes the result back: the transposes cost O(batch · features), the product O(batch · nnz).
 * Callers that can keep activations transposed should call {@link SparseT} directly.
 */
public final class SparseRowMajor {
    private SparseRowMajor() {}

    /** y[batch, out] = x[batch, in] · Wᵀ (+ beta·y). */
    public static void spmm(Csr w, float[] x, int batch, float beta, float[] y) {
        SparseT.checkLength("x", x, batch, w.cols);
        SparseT.checkLength("y", y, batch, w.rows);
        Workspace ws = Workspace.get();
        float[] xT = ws.a(w.cols * batch), yT = ws.b(w.rows * batch);
        Strided.transpose(x, batch, w.cols, 0f, xT);
        SparseT.spmmT(w, xT, batch, 0f, yT);
        Strided.transpose(yT, w.rows, batch, beta, y);
    }

    /** dx[batch, in] = dy[batch, out] · W (+ beta·dx). */
    public static void spmmTrans(Csr w, float[] dy, int batch, float beta, float[] dx) {
        SparseT.checkLength("dy", dy, batch, w.rows);
        SparseT.checkLength("dx", dx, batch, w.cols);
        Workspace ws = Workspace.get();
        float[] dyT = ws.a(w.rows * batch), dxT = ws.b(w.cols * batch);
        Strided.transpose(dy, batch, w.rows, 0f, dyT);
        SparseT.spmmTransT(w, dyT, batch, 0f, dxT);
        Strided.transpose(dxT, w.cols, batch, beta, dx);
    }

    /** dw[e] = Σ_b dy[b, row(e)] · x[b, col(e)] for every entry e of the pattern. */
    public static void sddmm(Csr pattern, float[] dy, float[] x, int batch, float[] dw) {
        SparseT.checkLength("dy", dy, batch, pattern.rows);
        SparseT.checkLength("x", x, batch, pattern.cols);
        Workspace ws = Workspace.get();
        float[] dyT = ws.a(pattern.rows * batch), xT = ws.b(pattern.cols * batch);
        Strided.transpose(dy, batch, pattern.rows, 0f, dyT);
        Strided.transpose(x, batch, pattern.cols, 0f, xT);
        SparseT.sddmmT(pattern, dyT, xT, batch, dw);
    }
}
