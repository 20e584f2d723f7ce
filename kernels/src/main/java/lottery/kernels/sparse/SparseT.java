package lottery.kernels.sparse;

import lottery.kernels.Csr;

/**
 * SIMD sparse products on transposed activations ([features, batch]), multithreaded over output rows.
 * Same semantics as the {@code T} methods of {@link lottery.kernels.ScalarSparse}; beta = 0 overwrites.
 */
public final class SparseT {
    private SparseT() {}

    /** yT[out, batch] = W · xT[in, batch] (+ beta·yT). */
    public static void spmmT(Csr w, float[] xT, int batch, float beta, float[] yT) {
        checkLength("xT", xT, w.cols, batch);
        checkLength("yT", yT, w.rows, batch);
        Workspace.AxpyTask t = Workspace.get().axpy;
        t.ptr = w.rowPtr; t.idx = w.colIdx; t.val = w.values; t.entry = null;
        t.src = xT; t.dst = yT; t.batch = batch; t.beta = beta; t.panel = Chunks.panelWidth(w.cols);
        try {
            RowSplit.run(t, w.rows, w.rowPtr, (long) w.nnz() * batch);
        } finally {
            t.clear();
        }
    }

    /** dxT[in, batch] = Wᵀ · dyT[out, batch] (+ beta·dxT), over the cached column index of W: no write conflicts. */
    public static void spmmTransT(Csr w, float[] dyT, int batch, float beta, float[] dxT) {
        checkLength("dyT", dyT, w.rows, batch);
        checkLength("dxT", dxT, w.cols, batch);
        Csr.Transpose wt = w.transpose();
        Workspace ws = Workspace.get();
        Workspace.AxpyTask t = ws.axpy;
        t.ptr = wt.colPtr; t.idx = wt.rowIdx; t.entry = wt.entry; t.values = w.values; t.val = ws.values(w.nnz());
        t.src = dyT; t.dst = dxT; t.batch = batch; t.beta = beta; t.panel = Chunks.panelWidth(w.rows);
        try {
            RowSplit.run(t, w.cols, wt.colPtr, (long) w.nnz() * batch);
        } finally {
            t.clear();
        }
    }

    /** dw[e] = dyT[row(e), :] · xT[col(e), :] for every entry e of the pattern (dw: [nnz]). */
    public static void sddmmT(Csr pattern, float[] dyT, float[] xT, int batch, float[] dw) {
        checkLength("dyT", dyT, pattern.rows, batch);
        checkLength("xT", xT, pattern.cols, batch);
        if (dw.length < pattern.nnz())
            throw new IllegalArgumentException("dw has " + dw.length + " floats, the pattern has " + pattern.nnz() + " entries");
        Workspace.DotTask t = Workspace.get().dot;
        t.ptr = pattern.rowPtr; t.idx = pattern.colIdx; t.a = dyT; t.b = xT; t.batch = batch; t.out = dw;
        t.panel = Chunks.panelWidth(pattern.cols);
        try {
            RowSplit.run(t, pattern.rows, pattern.rowPtr, (long) pattern.nnz() * batch);
        } finally {
            t.clear();
        }
    }

    static void checkLength(String name, float[] a, int rows, int batch) {
        if (batch < 0) throw new IllegalArgumentException("batch must be >= 0, got " + batch);
        if (a.length < (long) rows * batch)
            throw new IllegalArgumentException(name + " has " + a.length + " floats, needs [" + rows + ", " + batch + "]");
    }
}
