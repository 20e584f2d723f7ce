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
 * 4×4, 8×1, 16×1; other R go one row at a time over four vectors). The batch goes in chunks of
 * vector slots ({@link Slots}: no masked access, no scalar tail); batches narrower than one vector
 * run scalar loops. Every sum runs in a fixed order; no method takes or returns a vector.
 */
public final class BsrKernels {
    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    private static final int L = S.length();

    private BsrKernels() {}

    /**
     * Floats of x a panel of the batch may cover: the forward product walks the batch in panels, each
     * through every block row, so the panel's columns of x (in × width floats) stay in the L2 cache
     * while every block row reuses them; without panels a lowered convolution (a batch of 61,440)
     * streamed x from memory once per block row.
     */
    static final int PANEL_FLOATS = 64 * 1024;

    /** yT = W·xT + beta·yT for block rows [from, to). */
    public static void forwardT(Bsr w, float[] xT, int batch, float beta, float[] yT, int from, int to) {
        if (batch < L) {
            for (int br = from; br < to; br++)
                for (int i = 0; i < w.r; i++)
                    rowScalar(w, w.blockPtr[br], w.blockPtr[br + 1], i, xT, batch, beta, yT, (br * w.r + i) * batch);
            return;
        }
        int width = Math.max(4 * L, PANEL_FLOATS / Math.max(1, w.cols) / (4 * L) * (4 * L));
        for (int p0 = 0, p1; p0 < batch; p0 = p1) {
            p1 = Math.min(p0 + width, batch);
            if (batch - p1 < L) p1 = batch;                         // no panel shorter than a vector: slots stay inside their panel
            for (int br = from; br < to; br++) panel(w, xT, batch, beta, yT, br, p0, p1);
        }
    }

    /** Block row br over the batch columns [p0, p1) (at least one vector wide). */
    private static void panel(Bsr w, float[] xT, int batch, float beta, float[] yT, int br, int p0, int p1) {
        int k0 = w.blockPtr[br], k1 = w.blockPtr[br + 1];
        int i = 0;
        for (; i + 4 <= w.r; i += 4) {
            int y = (br * w.r + i) * batch;
            for (int b = p0, end; b < p1; b = end) {
                end = Slots.end(b, p1, 2);
                rows4(w.values, w.blockCol, k0, k1, w.r, w.c, i, xT, batch, beta, yT, y, Slots.offset(b, end, 0), Slots.offset(b, end, 1));
            }
        }
        for (; i < w.r; i++) {
            int y = (br * w.r + i) * batch;
            for (int b = p0, end; b < p1; b = end) {
                end = Slots.end(b, p1, 4);
                row1(w.values, w.blockCol, k0, k1, w.r, w.c, i, xT, batch, beta, yT, y,
                     Slots.offset(b, end, 0), Slots.offset(b, end, 1), Slots.offset(b, end, 2), Slots.offset(b, end, 3));
            }
        }
    }

    /** Four rows i..i+3 of one block row over the slots o0, o1 (y row stride batch); all reads of y before any write. */
    private static void rows4(float[] val, int[] blockCol, int k0, int k1, int r, int c, int i, float[] x, int batch,
                              float beta, float[] y, int yo, int o0, int o1) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, b0 = a0, b1 = a0, c0 = a0, c1 = a0, d0 = a0, d1 = a0;
        int rc = r * c;
        for (int k = k0; k < k1; k++) {
            int v = k * rc + i * c, xs = blockCol[k] * c * batch;
            for (int j = 0; j < c; j++, v++, xs += batch) {
                FloatVector x0 = FloatVector.fromArray(S, x, xs + o0), x1 = FloatVector.fromArray(S, x, xs + o1);
                FloatVector w0 = FloatVector.broadcast(S, val[v]), w1 = FloatVector.broadcast(S, val[v + c]);
                FloatVector w2 = FloatVector.broadcast(S, val[v + 2 * c]), w3 = FloatVector.broadcast(S, val[v + 3 * c]);
                a0 = x0.fma(w0, a0); a1 = x1.fma(w0, a1);
                b0 = x0.fma(w1, b0); b1 = x1.fma(w1, b1);
                c0 = x0.fma(w2, c0); c1 = x1.fma(w2, c1);
                d0 = x0.fma(w3, d0); d1 = x1.fma(w3, d1);
            }
        }
        int y0 = yo, y1 = yo + batch, y2 = yo + 2 * batch, y3 = yo + 3 * batch;
        if (beta != 0f) {
            a0 = a0.add(FloatVector.fromArray(S, y, y0 + o0).mul(beta)); a1 = a1.add(FloatVector.fromArray(S, y, y0 + o1).mul(beta));
            b0 = b0.add(FloatVector.fromArray(S, y, y1 + o0).mul(beta)); b1 = b1.add(FloatVector.fromArray(S, y, y1 + o1).mul(beta));
            c0 = c0.add(FloatVector.fromArray(S, y, y2 + o0).mul(beta)); c1 = c1.add(FloatVector.fromArray(S, y, y2 + o1).mul(beta));
            d0 = d0.add(FloatVector.fromArray(S, y, y3 + o0).mul(beta)); d1 = d1.add(FloatVector.fromArray(S, y, y3 + o1).mul(beta));
        }
        a0.intoArray(y, y0 + o0); a1.intoArray(y, y0 + o1);
        b0.intoArray(y, y1 + o0); b1.intoArray(y, y1 + o1);
        c0.intoArray(y, y2 + o0); c1.intoArray(y, y2 + o1);
        d0.intoArray(y, y3 + o0); d1.intoArray(y, y3 + o1);
    }

    /** One row i of a block row over the slots o0..o3; all reads of y before any write. */
    private static void row1(float[] val, int[] blockCol, int k0, int k1, int r, int c, int i, float[] x, int batch,
                             float beta, float[] y, int yo, int o0, int o1, int o2, int o3) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int rc = r * c;
        for (int k = k0; k < k1; k++) {
            int v = k * rc + i * c, xs = blockCol[k] * c * batch;
            for (int j = 0; j < c; j++, v++, xs += batch) {
                FloatVector wv = FloatVector.broadcast(S, val[v]);
                a0 = FloatVector.fromArray(S, x, xs + o0).fma(wv, a0);
                a1 = FloatVector.fromArray(S, x, xs + o1).fma(wv, a1);
                a2 = FloatVector.fromArray(S, x, xs + o2).fma(wv, a2);
                a3 = FloatVector.fromArray(S, x, xs + o3).fma(wv, a3);
            }
        }
        if (beta != 0f) {
            a0 = a0.add(FloatVector.fromArray(S, y, yo + o0).mul(beta));
            a1 = a1.add(FloatVector.fromArray(S, y, yo + o1).mul(beta));
            a2 = a2.add(FloatVector.fromArray(S, y, yo + o2).mul(beta));
            a3 = a3.add(FloatVector.fromArray(S, y, yo + o3).mul(beta));
        }
        a0.intoArray(y, yo + o0);
        a1.intoArray(y, yo + o1);
        a2.intoArray(y, yo + o2);
        a3.intoArray(y, yo + o3);
    }

    /** Row i of a block row for batch < L, scalar. */
    private static void rowScalar(Bsr w, int k0, int k1, int i, float[] x, int batch, float beta, float[] y, int yo) {
        for (int n = 0; n < batch; n++) {
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
        for (int br = 0; br + 1 < w.blockPtr.length; br++)
            for (int k = w.blockPtr[br]; k < w.blockPtr[br + 1]; k++) {
                int dy0 = br * w.r * batch, dx0 = w.blockCol[k] * w.c * batch, v0 = k * w.r * w.c;
                if (batch < L) {
                    for (int j = 0; j < w.c; j++)
                        for (int i = 0; i < w.r; i++) {
                            float v = w.values[v0 + i * w.c + j];
                            for (int b = 0; b < batch; b++) dxT[dx0 + j * batch + b] += v * dyT[dy0 + i * batch + b];
                        }
                    continue;
                }
                for (int b = 0, end; b < batch; b = end) {
                    end = Slots.end(b, batch, 2);
                    block2(w.values, v0, w.r, w.c, dyT, dy0, dxT, dx0, batch, Slots.offset(b, end, 0), Slots.offset(b, end, 1));
                }
            }
    }

    /**
     * One block over the slots o0, o1: dx[col j] += Σ_i w[i, j] · dy[row i], for each of the C columns (both slots read before
     * either is written).
     */
    private static void block2(float[] val, int v0, int r, int c, float[] dy, int dyo, float[] dx, int dxo, int batch, int o0, int o1) {
        for (int j = 0; j < c; j++) {
            int x = dxo + j * batch;
            FloatVector a0 = FloatVector.fromArray(S, dx, x + o0), a1 = FloatVector.fromArray(S, dx, x + o1);
            for (int i = 0; i < r; i++) {
                FloatVector v = FloatVector.broadcast(S, val[v0 + i * c + j]);
                a0 = FloatVector.fromArray(S, dy, dyo + i * batch + o0).fma(v, a0);
                a1 = FloatVector.fromArray(S, dy, dyo + i * batch + o1).fma(v, a1);
            }
            a0.intoArray(dx, x + o0);
            a1.intoArray(dx, x + o1);
        }
    }

    /** dw[e] = dyT[row(e), :] · xT[col(e), :] for every stored value of block rows [from, to). */
    public static void backwardWeightsT(Bsr w, float[] dyT, float[] xT, int batch, float[] dw, int from, int to) {
        for (int br = from; br < to; br++)
            for (int k = w.blockPtr[br]; k < w.blockPtr[br + 1]; k++)
                for (int i = 0; i < w.r; i++)
                    for (int j = 0; j < w.c; j++) {
                        int d = (br * w.r + i) * batch, xo = (w.blockCol[k] * w.c + j) * batch;
                        dw[(k * w.r + i) * w.c + j] = batch < L ? Dots.scalarDot(dyT, d, xT, xo, batch) : Dots.dot(dyT, d, xT, xo, batch);
                    }
    }
}
