package lottery.kernels;

/** The scalar oracle of {@link BsrProducts}: the three products of a layer with BSR weights on transposed activations. */
public final class ScalarBsr {
    private ScalarBsr() {}

    /** yT = W·xT + beta·yT. xT: [in, batch]; yT: [out, batch]. */
    public static void forwardT(Bsr w, float[] xT, int batch, float beta, float[] yT) {
        for (int i = 0; i < w.rows * batch; i++) yT[i] = beta == 0f ? 0f : beta * yT[i];
        for (int br = 0; br + 1 < w.blockPtr.length; br++)
            for (int b = w.blockPtr[br]; b < w.blockPtr[br + 1]; b++)
                for (int i = 0; i < w.r; i++)
                    for (int j = 0; j < w.c; j++) {
                        float v = w.values[(b * w.r + i) * w.c + j];
                        int y = (br * w.r + i) * batch, x = (w.blockCol[b] * w.c + j) * batch;
                        for (int n = 0; n < batch; n++) yT[y + n] += v * xT[x + n];
                    }
    }

    /** dxT = Wᵀ·dyT + beta·dxT. dyT: [out, batch]; dxT: [in, batch]. */
    public static void backwardDataT(Bsr w, float[] dyT, int batch, float beta, float[] dxT) {
        for (int i = 0; i < w.cols * batch; i++) dxT[i] = beta == 0f ? 0f : beta * dxT[i];
        for (int br = 0; br + 1 < w.blockPtr.length; br++)
            for (int b = w.blockPtr[br]; b < w.blockPtr[br + 1]; b++)
                for (int i = 0; i < w.r; i++)
                    for (int j = 0; j < w.c; j++) {
                        float v = w.values[(b * w.r + i) * w.c + j];
                        int dy = (br * w.r + i) * batch, dx = (w.blockCol[b] * w.c + j) * batch;
                        for (int n = 0; n < batch; n++) dxT[dx + n] += v * dyT[dy + n];
                    }
    }

    /** dw[e] = dyT[row(e), :] · xT[col(e), :] for every stored value. dw: [blocks * R * C]. */
    public static void backwardWeightsT(Bsr w, float[] dyT, float[] xT, int batch, float[] dw) {
        for (int br = 0; br + 1 < w.blockPtr.length; br++)
            for (int b = w.blockPtr[br]; b < w.blockPtr[br + 1]; b++)
                for (int i = 0; i < w.r; i++)
                    for (int j = 0; j < w.c; j++) {
                        int dy = (br * w.r + i) * batch, x = (w.blockCol[b] * w.c + j) * batch;
                        float s = 0f;
                        for (int n = 0; n < batch; n++) s += dyT[dy + n] * xT[x + n];
                        dw[(b * w.r + i) * w.c + j] = s;
                    }
    }
}
