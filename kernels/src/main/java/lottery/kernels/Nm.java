package lottery.kernels;

import lottery.kernels.structured.NmKernels;

/**
 * The three products of a layer whose weights are N:M ({@link NmMatrix}, W: [out, in]), on
 * transposed activations like the "T" forms of {@link Sparse}: x: [in, batch], y: [out, batch].
 * Same signatures and semantics as the oracle {@link ScalarNm}. One thread.
 */
public final class Nm {
    private Nm() {}

    /** yT = W·xT + beta·yT. */
    public static void forwardT(NmMatrix w, float[] xT, int batch, float beta, float[] yT) {
        check(w, xT, w.cols, batch, "xT");
        check(w, yT, w.rows, batch, "yT");
        NmKernels.forwardT(w, xT, batch, beta, yT, 0, w.rows);
    }

    /** dxT = Wᵀ·dyT + beta·dxT. */
    public static void backwardDataT(NmMatrix w, float[] dyT, int batch, float beta, float[] dxT) {
        check(w, dyT, w.rows, batch, "dyT");
        check(w, dxT, w.cols, batch, "dxT");
        NmKernels.backwardDataT(w, dyT, batch, beta, dxT, 0, w.groups);
    }

    /**
     * dw[e] = dyT[row(e), :] · xT[col(e), :]: the weight gradient at the kept positions, [rows * k] (scatter it with
     * {@link NmMatrix#scatter}).
     */
    public static void backwardWeightsT(NmMatrix w, float[] dyT, float[] xT, int batch, float[] dw) {
        check(w, dyT, w.rows, batch, "dyT");
        check(w, xT, w.cols, batch, "xT");
        if (dw.length < w.values.length) throw new IllegalArgumentException("dw has " + dw.length + " floats, needs " + w.values.length);
        NmKernels.backwardWeightsT(w, dyT, xT, batch, dw, 0, w.rows);
    }

    private static void check(NmMatrix w, float[] a, int rows, int batch, String name) {
        if (batch < 0 || a.length < (long) rows * batch)
            throw new IllegalArgumentException(name + " has " + a.length + " floats, needs [" + rows + ", " + batch + "]");
    }
}
