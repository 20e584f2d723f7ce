package lottery.kernels;

import lottery.kernels.structured.BsrKernels;

/**
 * The three products of a layer whose weights are block sparse ({@link Bsr}, W: [out, in]), on
 * transposed activations like the "T" forms of {@link Sparse}: x: [in, batch], y: [out, batch].
 * Same signatures and semantics as the oracle {@link ScalarBsr}. One thread.
 */
public final class BsrProducts {
    private BsrProducts() {}

    /** yT = W·xT + beta·yT. */
    public static void forwardT(Bsr w, float[] xT, int batch, float beta, float[] yT) {
        check(xT, w.cols, batch, "xT");
        check(yT, w.rows, batch, "yT");
        BsrKernels.forwardT(w, xT, batch, beta, yT, 0, w.blockPtr.length - 1);
    }

    /** dxT = Wᵀ·dyT + beta·dxT. */
    public static void backwardDataT(Bsr w, float[] dyT, int batch, float beta, float[] dxT) {
        check(dyT, w.rows, batch, "dyT");
        check(dxT, w.cols, batch, "dxT");
        BsrKernels.backwardDataT(w, dyT, batch, beta, dxT);
    }

    /** dw[e] = dyT[row(e), :] · xT[col(e), :] for every stored value, [blocks * R * C] (scatter it with {@link Bsr#scatter}). */
    public static void backwardWeightsT(Bsr w, float[] dyT, float[] xT, int batch, float[] dw) {
        check(dyT, w.rows, batch, "dyT");
        check(xT, w.cols, batch, "xT");
        if (dw.length < w.values.length) throw new IllegalArgumentException("dw has " + dw.length + " floats, needs " + w.values.length);
        BsrKernels.backwardWeightsT(w, dyT, xT, batch, dw, 0, w.blockPtr.length - 1);
    }

    private static void check(float[] a, int rows, int batch, String name) {
        if (batch < 0 || a.length < (long) rows * batch)
            throw new IllegalArgumentException(name + " has " + a.length + " floats, needs [" + rows + ", " + batch + "]");
    }
}
