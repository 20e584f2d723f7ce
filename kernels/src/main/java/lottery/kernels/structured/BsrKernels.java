package lottery.kernels.structured;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import lottery.kernels.Bsr;
import lottery.kernels.VectorWidth;

/**
 * The three products of a layer with BSR weights ({@link Bsr}, R×C blocks, W: [out, in]) on
 * transposed activations, vectorised over the batch: x: [in, batch], y: [out, batch]. The forward
 * product is register-blocked: four output rows of a block row at a time over two vectors of the
 * batch (8 accumulators), so each activation vector loaded serves four rows (R a multiple of 4:
 * 4×4, 8×1, 16×1; other R go one row at a time over four vectors). The batch goes in blocks of
 * vectors, then a scalar tail (no masked loads). Every sum runs in a fixed order; no method takes
 * or returns a vector.
 */
public final class BsrKernels {
    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    private static final int L = S.length();

    private BsrKernels() {}

    /** yT = W·xT + beta·yT for block rows [from, to). */
    public static void forwardT(Bsr w, float[] xT, int batch, float beta, float[] yT, int from, int to) {
        int b2 = batch - batch % (2 * L), b4 = batch - batch % (4 * L);
        for (int br = from; br < to; br++) {
            int k0 = w.blockPtr[br], k1 = w.blockPtr[br + 1];
            int i = 0;
            for (; i + 4 <= w.r; i += 4) {
                int y = (br * w.r + i) * batch;
                for (int b = 0; b < b2; b += 2 * L) rows4(w.values, w.blockCol, k0, k1, w.r, w.c, i, xT, batch, b, beta, yT, y + b);
                for (int q = 0; q < 4; q++) rowTail(w, k0, k1, i + q, xT, batch, b2, beta, yT, y + q * batch);
            }
            for (; i < w.r; i++) {
                int y = (br * w.r + i) * batch;
                for (int b = 0; b < b4; b += 4 * L) row1(w.values, w.blockCol, k0, k1, w.r, w.c, i, xT, batch, b, beta, yT, y + b);
                rowTail(w, k0, k1, i, xT, batch, b4, beta, yT, y);
            }
        }
    }

    /** Four rows i..i+3 of one block row, two vectors at batch offset b; y row stride is batch. */
    private static void rows4(float[] val, int[] blockCol, int k0, int k1, int r, int c, int i, float[] x, int batch, int b,
                              float beta, float[] y, int yo) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, b0 = a0, b1 = a0, c0 = a0, c1 = a0, d0 = a0, d1 = a0;
        int rc = r * c;
        for (int k = k0; k < k1; k++) {
            int v = k * rc + i * c, xs = blockCol[k] * c * batch + b;
            for (int j = 0; j < c; j++, v++, xs += batch) {
                FloatVector x0 = FloatVector.fromArray(S, x, xs), x1 = FloatVector.fromArray(S, x, xs + L);
                FloatVector w0 = FloatVector.broadcast(S, val[v]), w1 = FloatVector.broadcast(S, val[v + c]);
                FloatVector w2 = FloatVector.broadcast(S, val[v + 2 * c]), w3 = FloatVector.broadcast(S, val[v + 3 * c]);
                a0 = x0.fma(w0, a0); a1 = x1.fma(w0, a1);
                b0 = x0.fma(w1, b0); b1 = x1.fma(w1, b1);
                c0 = x0.fma(w2, c0); c1 = x1.fma(w2, c1);
                d0 = x0.fma(w3, d0); d1 = x1.fma(w3, d1);
            }
        }
        if (beta != 0f) {
            a0 = a0.add(FloatVector.fromArray(S, y, yo).mul(beta)); a1 = a1.add(FloatVector.fromArray(S, y, yo + L).mul(beta));
            b0 = b0.add(FloatVector.fromArray(S, y, yo + batch).mul(beta)); b1 = b1.add(FloatVector.fromArray(S, y, yo + batch + L).mul(beta));
            c0 = c0.add(FloatVector.fromArray(S, y, yo + 2 * batch).mul(beta));
            c1 = c1.add(FloatVector.fromArray(S, y, yo + 2 * batch + L).mul(beta));
            d0 = d0.add(FloatVector.fromArray(S, y, yo + 3 * batch).mul(beta));
            d1 = d1.add(FloatVector.fromArray(S, y, yo + 3 * batch + L).mul(beta));
        }
        a0.intoArray(y, yo); a1.intoArray(y, yo + L);
        b0.intoArray(y, yo + batch); b1.intoArray(y, yo + batch + L);
        c0.intoArray(y, yo + 2 * batch); c1.intoArray(y, yo + 2 * batch + L);
        d0.intoArray(y, yo + 3 * batch); d1.intoArray(y, yo + 3 * batch + L);
    }

    /** One row i of a block row, four vectors at batch offset b. */
    private static void row1(float[] val, int[] blockCol, int k0, int k1, int r, int c, int i, float[] x, int batch, int b,
                             float beta, float[] y, int yo) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int rc = r * c;
        for (int k = k0; k < k1; k++) {
            int v = k * rc + i * c, xs = blockCol[k] * c * batch + b;
            for (int j = 0; j < c; j++, v++, xs += batch) {
                FloatVector wv = FloatVector.broadcast(S, val[v]);
                a0 = FloatVector.fromArray(S, x, xs).fma(wv, a0);
                a1 = FloatVector.fromArray(S, x, xs + L).fma(wv, a1);
                a2 = FloatVector.fromArray(S, x, xs + 2 * L).fma(wv, a2);
                a3 = FloatVector.fromArray(S, x, xs + 3 * L).fma(wv, a3);
            }
        }
        if (beta != 0f) {
            a0 = a0.add(FloatVector.fromArray(S, y, yo).mul(beta));
            a1 = a1.add(FloatVector.fromArray(S, y, yo + L).mul(beta));
            a2 = a2.add(FloatVector.fromArray(S, y, yo + 2 * L).mul(beta));
            a3 = a3.add(FloatVector.fromArray(S, y, yo + 3 * L).mul(beta));
        }
        a0.intoArray(y, yo);
        a1.intoArray(y, yo + L);
        a2.intoArray(y, yo + 2 * L);
        a3.intoArray(y, yo + 3 * L);
    }

    /** Row i of a block row over the batch columns [from, batch), scalar. */
    private static void rowTail(Bsr w, int k0, int k1, int i, float[] x, int batch, int from, float beta, float[] y, int yo) {
        for (int n = from; n < batch; n++) {
            float s = 0f;
            for (int k = k0; k < k1; k++) {
                int v = (k * w.r + i) * w.c, xs = w.blockCol[k] * w.c * batch + n;
                for (int j = 0; j < w.c; j++) s += w.values[v + j] * x[xs + j * batch];
            }
            y[yo + n] = beta == 0f ? s : s + beta * y[yo + n];
        }
    }

    /** dxT = Wᵀ·dyT + beta·dxT (all blocks; one thread: blocks of different block rows share columns). */
    public static void backwardDataT(Bsr w, float[] dyT, int batch, float beta, float[] dxT) {
        for (int i = 0; i < w.cols * batch; i++) dxT[i] = beta == 0f ? 0f : beta * dxT[i];
        int b1 = batch - batch % L;
        for (int br = 0; br + 1 < w.blockPtr.length; br++)
            for (int k = w.blockPtr[br]; k < w.blockPtr[br + 1]; k++) {
                int dy0 = br * w.r * batch, dx0 = w.blockCol[k] * w.c * batch, v0 = k * w.r * w.c;
                for (int b = 0; b < b1; b += L) block1(w.values, v0, w.r, w.c, dyT, dy0 + b, dxT, dx0 + b, batch);
                for (int j = 0; j < w.c; j++)
                    for (int i = 0; i < w.r; i++) {
                        float v = w.values[v0 + i * w.c + j];
                        for (int b = b1; b < batch; b++) dxT[dx0 + j * batch + b] += v * dyT[dy0 + i * batch + b];
                    }
            }
    }

    /** One block, one vector of the batch: dx[col j] += Σ_i w[i, j] · dy[row i], for each of the C columns. */
    private static void block1(float[] val, int v0, int r, int c, float[] dy, int dyo, float[] dx, int dxo, int batch) {
        for (int j = 0; j < c; j++) {
            FloatVector a = FloatVector.fromArray(S, dx, dxo + j * batch);
            for (int i = 0; i < r; i++)
                a = FloatVector.fromArray(S, dy, dyo + i * batch).fma(FloatVector.broadcast(S, val[v0 + i * c + j]), a);
            a.intoArray(dx, dxo + j * batch);
        }
    }

    /** dw[e] = dyT[row(e), :] · xT[col(e), :] for every stored value of block rows [from, to). */
    public static void backwardWeightsT(Bsr w, float[] dyT, float[] xT, int batch, float[] dw, int from, int to) {
        int b4 = batch - batch % (4 * L), b1 = batch - batch % L;
        for (int br = from; br < to; br++)
            for (int k = w.blockPtr[br]; k < w.blockPtr[br + 1]; k++)
                for (int i = 0; i < w.r; i++)
                    for (int j = 0; j < w.c; j++) {
                        int d = (br * w.r + i) * batch, xo = (w.blockCol[k] * w.c + j) * batch;
                        float s = Dots.dot(dyT, d, xT, xo, b4, b1);
                        for (int b = b1; b < batch; b++) s += dyT[d + b] * xT[xo + b];
                        dw[(k * w.r + i) * w.c + j] = s;
                    }
    }
}
