package lottery.kernels;

/**
 * Scalar oracle for {@link Sparse}. W is a {@link Csr} of shape [out, in].
 * The "T" layouts keep activations transposed, [features, batch], which is the layout in which
 * one nonzero of W becomes one axpy over the batch.
 */
public final class ScalarSparse {
    private ScalarSparse() {}

    /** y[batch, out] = x[batch, in] · Wᵀ (+ beta·y). */
    public static void spmm(Csr w, float[] x, int batch, float beta, float[] y) {
        for (int b = 0; b < batch; b++)
            for (int r = 0; r < w.rows; r++) {
                double s = 0;
                for (int e = w.rowPtr[r]; e < w.rowPtr[r + 1]; e++) s += (double) w.values[e] * x[b * w.cols + w.colIdx[e]];
                int yi = b * w.rows + r;
                y[yi] = (float) (beta == 0f ? s : s + beta * y[yi]);
            }
    }

    /** yT[out, batch] = W · xT[in, batch] (+ beta·yT). */
    public static void spmmT(Csr w, float[] xT, int batch, float beta, float[] yT) {
        for (int r = 0; r < w.rows; r++)
            for (int b = 0; b < batch; b++) {
                double s = 0;
                for (int e = w.rowPtr[r]; e < w.rowPtr[r + 1]; e++) s += (double) w.values[e] * xT[w.colIdx[e] * batch + b];
                int yi = r * batch + b;
                yT[yi] = (float) (beta == 0f ? s : s + beta * yT[yi]);
            }
    }

    /** dxT[in, batch] = Wᵀ · dyT[out, batch] (+ beta·dxT). */
    public static void spmmTransT(Csr w, float[] dyT, int batch, float beta, float[] dxT) {
        double[] acc = new double[w.cols * batch];
        for (int r = 0; r < w.rows; r++)
            for (int e = w.rowPtr[r]; e < w.rowPtr[r + 1]; e++)
                for (int b = 0; b < batch; b++) acc[w.colIdx[e] * batch + b] += (double) w.values[e] * dyT[r * batch + b];
        for (int i = 0; i < acc.length; i++) dxT[i] = (float) (beta == 0f ? acc[i] : acc[i] + beta * dxT[i]);
    }

    /** dx[batch, in] = dy[batch, out] · W (+ beta·dx). */
    public static void spmmTrans(Csr w, float[] dy, int batch, float beta, float[] dx) {
        double[] acc = new double[batch * w.cols];
        for (int b = 0; b < batch; b++)
            for (int r = 0; r < w.rows; r++)
                for (int e = w.rowPtr[r]; e < w.rowPtr[r + 1]; e++) acc[b * w.cols + w.colIdx[e]] += (double) w.values[e] * dy[b * w.rows + r];
        for (int i = 0; i < acc.length; i++) dx[i] = (float) (beta == 0f ? acc[i] : acc[i] + beta * dx[i]);
    }

    /** SDDMM, transposed activations: dw[e] = dyT[row(e), :] · xT[col(e), :] for every entry e of the pattern. */
    public static void sddmmT(Csr pattern, float[] dyT, float[] xT, int batch, float[] dw) {
        for (int r = 0; r < pattern.rows; r++)
            for (int e = pattern.rowPtr[r]; e < pattern.rowPtr[r + 1]; e++) {
                double s = 0;
                for (int b = 0; b < batch; b++) s += (double) dyT[r * batch + b] * xT[pattern.colIdx[e] * batch + b];
                dw[e] = (float) s;
            }
    }

    /** SDDMM, row-major activations: dw[e] = Σ_b dy[b, row(e)] · x[b, col(e)]. */
    public static void sddmm(Csr pattern, float[] dy, float[] x, int batch, float[] dw) {
        for (int r = 0; r < pattern.rows; r++)
            for (int e = pattern.rowPtr[r]; e < pattern.rowPtr[r + 1]; e++) {
                double s = 0;
                for (int b = 0; b < batch; b++) s += (double) dy[b * pattern.rows + r] * x[b * pattern.cols + pattern.colIdx[e]];
                dw[e] = (float) s;
            }
    }
}
