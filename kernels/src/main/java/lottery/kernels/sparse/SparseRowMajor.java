package lottery.kernels.sparse;

import lottery.kernels.Csr;

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
        Layout.transpose(x, batch, w.cols, xT);
        SparseT.spmmT(w, xT, batch, 0f, yT);
        Layout.transposeInto(yT, w.rows, batch, beta, y);
    }

    /** dx[batch, in] = dy[batch, out] · W (+ beta·dx). */
    public static void spmmTrans(Csr w, float[] dy, int batch, float beta, float[] dx) {
        SparseT.checkLength("dy", dy, batch, w.rows);
        SparseT.checkLength("dx", dx, batch, w.cols);
        Workspace ws = Workspace.get();
        float[] dyT = ws.a(w.rows * batch), dxT = ws.b(w.cols * batch);
        Layout.transpose(dy, batch, w.rows, dyT);
        SparseT.spmmTransT(w, dyT, batch, 0f, dxT);
        Layout.transposeInto(dxT, w.cols, batch, beta, dx);
    }

    /** dw[e] = Σ_b dy[b, row(e)] · x[b, col(e)] for every entry e of the pattern. */
    public static void sddmm(Csr pattern, float[] dy, float[] x, int batch, float[] dw) {
        SparseT.checkLength("dy", dy, batch, pattern.rows);
        SparseT.checkLength("x", x, batch, pattern.cols);
        Workspace ws = Workspace.get();
        float[] dyT = ws.a(pattern.rows * batch), xT = ws.b(pattern.cols * batch);
        Layout.transpose(dy, batch, pattern.rows, dyT);
        Layout.transpose(x, batch, pattern.cols, xT);
        SparseT.sddmmT(pattern, dyT, xT, batch, dw);
    }
}
