package lottery.kernels.structured;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import lottery.kernels.NmMatrix;
import lottery.kernels.VectorWidth;

/**
 * The three products of a layer with N:M weights ({@link NmMatrix}, W: [out, in]) on transposed
 * activations, vectorised over the batch: x: [in, batch], y: [out, batch]. One kept weight is one
 * axpy (forward, backward-data) or one dot (backward-weights) over the batch; the column of an entry
 * is its group's first column plus a one-byte offset. The batch goes in blocks of 4 vectors, then
 * single vectors, then a scalar tail (no masked loads). Every sum runs in a fixed order, so results
 * are the same in the interpreter and after C2; no method takes or returns a vector.
 */
public final class NmKernels {
    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    private static final int L = S.length();

    private NmKernels() {}

    /** yT = W·xT + beta·yT, rows [from, to) of W. */
    public static void forwardT(NmMatrix w, float[] xT, int batch, float beta, float[] yT, int from, int to) {
        int b4 = batch - batch % (4 * L), b1 = batch - batch % L;
        for (int o = from; o < to; o++) {
            int e0 = o * w.k, y0 = o * batch;
            for (int b = 0; b < b4; b += 4 * L) axpy4(w.values, w.idx, e0, w.k, w.n, w.m, xT, batch, b, beta, yT, y0 + b);
            for (int b = b4; b < b1; b += L) axpy1(w.values, w.idx, e0, w.k, w.n, w.m, xT, batch, b, beta, yT, y0 + b);
            for (int b = b1; b < batch; b++) {
                float s = 0f;
                for (int e = e0, base = 0, left = w.n; e < e0 + w.k; e++) {
                    s += w.values[e] * xT[(base + w.idx[e]) * batch + b];
                    if (--left == 0) { left = w.n; base += w.m; }
                }
                yT[y0 + b] = beta == 0f ? s : s + beta * yT[y0 + b];
            }
        }
    }

    /** One output row, four vectors of the batch at b: y[yo ..] = Σ_e val[e] · x[col(e), b ..] (+ beta·y). */
    private static void axpy4(float[] val, byte[] idx, int e0, int k, int n, int m, float[] x, int batch, int b, float beta,
                              float[] y, int yo) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        for (int e = e0, base = 0, left = n; e < e0 + k; e++) {
            FloatVector v = FloatVector.broadcast(S, val[e]);
            int s = (base + idx[e]) * batch + b;
            a0 = FloatVector.fromArray(S, x, s).fma(v, a0);
            a1 = FloatVector.fromArray(S, x, s + L).fma(v, a1);
            a2 = FloatVector.fromArray(S, x, s + 2 * L).fma(v, a2);
            a3 = FloatVector.fromArray(S, x, s + 3 * L).fma(v, a3);
            if (--left == 0) { left = n; base += m; }
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

    /** As {@link #axpy4} with one vector. */
    private static void axpy1(float[] val, byte[] idx, int e0, int k, int n, int m, float[] x, int batch, int b, float beta,
                              float[] y, int yo) {
        FloatVector a0 = FloatVector.zero(S);
        for (int e = e0, base = 0, left = n; e < e0 + k; e++) {
            a0 = FloatVector.fromArray(S, x, (base + idx[e]) * batch + b).fma(FloatVector.broadcast(S, val[e]), a0);
            if (--left == 0) { left = n; base += m; }
        }
        if (beta != 0f) a0 = a0.add(FloatVector.fromArray(S, y, yo).mul(beta));
        a0.intoArray(y, yo);
    }

    /**
     * dxT = Wᵀ·dyT + beta·dxT for the columns of groups [from, to): a group's columns receive only
     * its own entries, so groups split the work with no transpose and no two writers per row.
     */
    public static void backwardDataT(NmMatrix w, float[] dyT, int batch, float beta, float[] dxT, int from, int to) {
        int b4 = batch - batch % (4 * L), b1 = batch - batch % L;
        for (int g = from; g < to; g++) {
            int c0 = g * w.m, c1 = Math.min(w.cols, c0 + w.m);
            for (int i = c0 * batch; i < c1 * batch; i++) dxT[i] = beta == 0f ? 0f : beta * dxT[i];
            for (int o = 0; o < w.rows; o++) {
                int e0 = o * w.k + g * w.n, d = o * batch;
                for (int b = 0; b < b4; b += 4 * L) scatter4(w.values, w.idx, e0, w.n, c0, dyT, d + b, dxT, batch, b);
                for (int b = b4; b < b1; b += L) scatter1(w.values, w.idx, e0, w.n, c0, dyT, d + b, dxT, batch, b);
                for (int e = e0; e < e0 + w.n; e++) {
                    int c = (c0 + w.idx[e]) * batch;
                    for (int b = b1; b < batch; b++) dxT[c + b] += w.values[e] * dyT[d + b];
                }
            }
        }
    }

    /** The n entries of one row in one group: dx[col(e), b ..] += val[e] · dy[row, b ..], four vectors. */
    private static void scatter4(float[] val, byte[] idx, int e0, int n, int c0, float[] dy, int d, float[] dx, int batch, int b) {
        FloatVector d0 = FloatVector.fromArray(S, dy, d), d1 = FloatVector.fromArray(S, dy, d + L);
        FloatVector d2 = FloatVector.fromArray(S, dy, d + 2 * L), d3 = FloatVector.fromArray(S, dy, d + 3 * L);
        for (int e = e0; e < e0 + n; e++) {
            FloatVector v = FloatVector.broadcast(S, val[e]);
            int c = (c0 + idx[e]) * batch + b;
            d0.fma(v, FloatVector.fromArray(S, dx, c)).intoArray(dx, c);
            d1.fma(v, FloatVector.fromArray(S, dx, c + L)).intoArray(dx, c + L);
            d2.fma(v, FloatVector.fromArray(S, dx, c + 2 * L)).intoArray(dx, c + 2 * L);
            d3.fma(v, FloatVector.fromArray(S, dx, c + 3 * L)).intoArray(dx, c + 3 * L);
        }
    }

    /** As {@link #scatter4} with one vector. */
    private static void scatter1(float[] val, byte[] idx, int e0, int n, int c0, float[] dy, int d, float[] dx, int batch, int b) {
        FloatVector d0 = FloatVector.fromArray(S, dy, d);
        for (int e = e0; e < e0 + n; e++) {
            int c = (c0 + idx[e]) * batch + b;
            d0.fma(FloatVector.broadcast(S, val[e]), FloatVector.fromArray(S, dx, c)).intoArray(dx, c);
        }
    }

    /**
     * dw[e] = dyT[row(e), :] · xT[col(e), :] for the entries of rows [from, to) (padding included):
     * the gradient at the kept positions only. Lanes are summed in a fixed halving order written out here.
     */
    public static void backwardWeightsT(NmMatrix w, float[] dyT, float[] xT, int batch, float[] dw, int from, int to) {
        int b4 = batch - batch % (4 * L), b1 = batch - batch % L;
        for (int o = from; o < to; o++)
            for (int e = o * w.k, base = 0, left = w.n; e < (o + 1) * w.k; e++) {
                int xo = (base + w.idx[e]) * batch, d = o * batch;
                float s = Dots.dot(dyT, d, xT, xo, b4, b1);
                for (int b = b1; b < batch; b++) s += dyT[d + b] * xT[xo + b];
                dw[e] = s;
                if (--left == 0) { left = w.n; base += w.m; }
            }
    }
}
