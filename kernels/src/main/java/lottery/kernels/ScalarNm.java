package lottery.kernels;

/**
 * The scalar oracle of {@link Nm}: the three products of a layer with N:M weights W [out, in] on
 * transposed activations (x: [in, batch], y: [out, batch]), one loop each, straight from the
 * definitions.
 */
public final class ScalarNm {
    private ScalarNm() {}

    /** yT = W·xT + beta·yT. xT: [in, batch]; yT: [out, batch]. */
    public static void forwardT(NmMatrix w, float[] xT, int batch, float beta, float[] yT) {
        for (int o = 0; o < w.rows; o++)
            for (int b = 0; b < batch; b++) {
                float s = 0f;
                for (int e = o * w.k; e < (o + 1) * w.k; e++) s += w.values[e] * xT[w.col(e) * batch + b];
                yT[o * batch + b] = beta == 0f ? s : s + beta * yT[o * batch + b];
            }
    }

    /** dxT = Wᵀ·dyT + beta·dxT. dyT: [out, batch]; dxT: [in, batch]. */
    public static void backwardDataT(NmMatrix w, float[] dyT, int batch, float beta, float[] dxT) {
        for (int i = 0; i < w.cols * batch; i++) dxT[i] = beta == 0f ? 0f : beta * dxT[i];
        for (int e = 0; e < w.values.length; e++) {
            int o = e / w.k, c = w.col(e);
            for (int b = 0; b < batch; b++) dxT[c * batch + b] += w.values[e] * dyT[o * batch + b];
        }
    }

    /** dw[e] = dyT[row(e), :] · xT[col(e), :] for every entry (padding included). dw: [rows * k]. */
    public static void backwardWeightsT(NmMatrix w, float[] dyT, float[] xT, int batch, float[] dw) {
        for (int e = 0; e < w.values.length; e++) {
            int o = e / w.k, c = w.col(e);
            float s = 0f;
            for (int b = 0; b < batch; b++) s += dyT[o * batch + b] * xT[c * batch + b];
            dw[e] = s;
        }
    }
}
