package lottery.kernels.structured;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import lottery.kernels.NmMatrix;
import lottery.kernels.VectorWidth;

/**
 * The three products of a layer with N:M weights ({@link NmMatrix}, W: [out, in]) on transposed
 * activations, vectorised over the batch: x: [in, batch], y: [out, batch]. One kept weight is one
 * axpy (forward, backward-data) or one dot (backward-weights) over the batch; the column of an entry
 * is its group's first column plus a one-byte offset. The batch goes in chunks of four vector slots
 * ({@link Slots}: no masked access, no scalar tail); batches narrower than one vector run scalar
 * loops. Every sum runs in a fixed order, so results are the same in the interpreter and after C2;
 * no method takes or returns a vector.
 */
public final class NmKernels {
    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    private static final int L = S.length();

    private NmKernels() {}

    /** yT = W·xT + beta·yT, rows [from, to) of W. */
    public static void forwardT(NmMatrix w, float[] xT, int batch, float beta, float[] yT, int from, int to) {
        for (int o = from; o < to; o++) {
            int e0 = o * w.k, y0 = o * batch;
            if (batch < L) {
                for (int b = 0; b < batch; b++) {
                    float s = 0f;
                    for (int e = e0, base = 0, left = w.n; e < e0 + w.k; e++) {
                        s += w.values[e] * xT[(base + w.idx[e]) * batch + b];
                        if (--left == 0) { left = w.n; base += w.m; }
                    }
                    yT[y0 + b] = beta == 0f ? s : s + beta * yT[y0 + b];
                }
                continue;
            }
            for (int b = 0, end; b < batch; b = end) {
                end = Slots.end(b, batch, 4);
                axpy4(w.values, w.idx, e0, w.k, w.n, w.m, xT, batch, beta, yT, y0,
                      Slots.offset(b, end, 0), Slots.offset(b, end, 1), Slots.offset(b, end, 2), Slots.offset(b, end, 3));
            }
        }
    }

    /** One output row over the slots at o0..o3: y[yo + o] = Σ_e val[e] · x[col(e), o] (+ beta·y), all reads of y before any write. */
    private static void axpy4(float[] val, byte[] idx, int e0, int k, int n, int m, float[] x, int batch, float beta,
                              float[] y, int yo, int o0, int o1, int o2, int o3) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        for (int e = e0, base = 0, left = n; e < e0 + k; e++) {
            FloatVector v = FloatVector.broadcast(S, val[e]);
            int s = (base + idx[e]) * batch;
            a0 = FloatVector.fromArray(S, x, s + o0).fma(v, a0);
            a1 = FloatVector.fromArray(S, x, s + o1).fma(v, a1);
            a2 = FloatVector.fromArray(S, x, s + o2).fma(v, a2);
            a3 = FloatVector.fromArray(S, x, s + o3).fma(v, a3);
            if (--left == 0) { left = n; base += m; }
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

    /**
     * dxT = Wᵀ·dyT + beta·dxT for the columns of groups [from, to): a group's columns receive only
     * its own entries, so groups split the work with no transpose and no two writers per row.
     */
    public static void backwardDataT(NmMatrix w, float[] dyT, int batch, float beta, float[] dxT, int from, int to) {
        for (int g = from; g < to; g++) {
            int c0 = g * w.m, c1 = Math.min(w.cols, c0 + w.m);
            for (int i = c0 * batch; i < c1 * batch; i++) dxT[i] = beta == 0f ? 0f : beta * dxT[i];
            for (int o = 0; o < w.rows; o++) {
                int e0 = o * w.k + g * w.n, d = o * batch;
                if (batch < L) {
                    for (int e = e0; e < e0 + w.n; e++) {
                        int c = (c0 + w.idx[e]) * batch;
                        for (int b = 0; b < batch; b++) dxT[c + b] += w.values[e] * dyT[d + b];
                    }
                    continue;
                }
                for (int b = 0, end; b < batch; b = end) {
                    end = Slots.end(b, batch, 4);
                    scatter4(w.values, w.idx, e0, w.n, c0, dyT, d, dxT, batch,
                             Slots.offset(b, end, 0), Slots.offset(b, end, 1), Slots.offset(b, end, 2), Slots.offset(b, end, 3));
                }
            }
        }
    }

    /** The n entries of one row in one group: dx[col(e), o] += val[e] · dy[row, o] over the slots o0..o3 (all loads before the stores). */
    private static void scatter4(float[] val, byte[] idx, int e0, int n, int c0, float[] dy, int d, float[] dx, int batch,
                                 int o0, int o1, int o2, int o3) {
        FloatVector d0 = FloatVector.fromArray(S, dy, d + o0), d1 = FloatVector.fromArray(S, dy, d + o1);
        FloatVector d2 = FloatVector.fromArray(S, dy, d + o2), d3 = FloatVector.fromArray(S, dy, d + o3);
        for (int e = e0; e < e0 + n; e++) {
            FloatVector v = FloatVector.broadcast(S, val[e]);
            int c = (c0 + idx[e]) * batch;
            FloatVector x0 = FloatVector.fromArray(S, dx, c + o0), x1 = FloatVector.fromArray(S, dx, c + o1);
            FloatVector x2 = FloatVector.fromArray(S, dx, c + o2), x3 = FloatVector.fromArray(S, dx, c + o3);
            d0.fma(v, x0).intoArray(dx, c + o0);
            d1.fma(v, x1).intoArray(dx, c + o1);
            d2.fma(v, x2).intoArray(dx, c + o2);
            d3.fma(v, x3).intoArray(dx, c + o3);
        }
    }

    /**
     * dw[e] = dyT[row(e), :] · xT[col(e), :] for the entries of rows [from, to) (padding included): the gradient at the kept
     * positions only.
     */
    public static void backwardWeightsT(NmMatrix w, float[] dyT, float[] xT, int batch, float[] dw, int from, int to) {
        for (int o = from; o < to; o++)
            for (int e = o * w.k, base = 0, left = w.n; e < (o + 1) * w.k; e++) {
                int xo = (base + w.idx[e]) * batch, d = o * batch;
                dw[e] = batch < L ? Dots.scalarDot(dyT, d, xT, xo, batch) : Dots.dot(dyT, d, xT, xo, batch);
                if (--left == 0) { left = w.n; base += w.m; }
            }
    }
}
