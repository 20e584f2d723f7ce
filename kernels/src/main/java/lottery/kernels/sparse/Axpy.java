package lottery.kernels.sparse;

import static lottery.kernels.sparse.Chunks.L;
import static lottery.kernels.sparse.Chunks.S;

import jdk.incubator.vector.FloatVector;

/**
 * The SpMM micro-kernel on transposed activations: one output row is a sum of source rows,
 * {@code dst[r, :] = Σ_k val[k] · src[idx[k], :]  (+ beta·dst[r, :])} for k in {@code ptr[r] .. ptr[r+1]-1},
 * every row being {@code batch} contiguous floats. One nonzero is one vectorised axpy over the batch.
 * The batch is walked in panels (all rows per panel, so source rows are reused from cache) and, within
 * a row, in {@link Chunks} of 4 vectors held in registers, with two nonzeros in flight
 * (8 independent accumulator chains). Loads and stores are unmasked; beta = 0 never reads {@code dst}.
 * Batches narrower than one vector run the scalar loop.
 */
final class Axpy {
    private Axpy() {}

    /**
     * Output rows [from, to). ptr: [rows + 1]; idx, val: [nnz]; src: [*, batch]; dst: [rows, batch];
     * panel: the batch width walked through all rows at a time ({@link Chunks#panelWidth} of src's row count).
     */
    static void rows(int[] ptr, int[] idx, float[] val, float[] src, int batch, float beta, float[] dst, int panel, int from, int to) {
        if (batch < L) {
            scalarRows(ptr, idx, val, src, batch, beta, dst, from, to);
            return;
        }
        for (int p0 = 0, p1; p0 < batch; p0 = p1) {  // panels of the batch, each through every row (Chunks.PANEL_FLOATS)
            p1 = Chunks.panelEnd(p0, batch, panel);
            for (int r = from; r < to; r++) {
                int k0 = ptr[r], k1 = ptr[r + 1], d = r * batch;
                if (k0 == k1) {  // empty row: dst = beta·dst
                    scale(dst, d + p0, p1 - p0, beta);
                    continue;
                }
                for (int b = p0, end; b < p1; b = end) {
                    end = Chunks.end(b, batch);
                    block(idx, val, k0, k1, src, batch, beta, dst, d,
                          Chunks.offset(b, end, 0), Chunks.offset(b, end, 1), Chunks.offset(b, end, 2), Chunks.offset(b, end, 3));
                }
            }
        }
    }

    /** Four vector slots at batch offsets o0..o3 of one output row (row start d in dst). */
    private static void block(int[] idx, float[] val, int k0, int k1, float[] src, int batch, float beta, float[] dst, int d,
                              int o0, int o1, int o2, int o3) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        FloatVector c0 = a0, c1 = a0, c2 = a0, c3 = a0;
        int k = k0;
        for (; k + 1 < k1; k += 2) {
            FloatVector v = FloatVector.broadcast(S, val[k]), w = FloatVector.broadcast(S, val[k + 1]);
            int s = idx[k] * batch, t = idx[k + 1] * batch;
            a0 = FloatVector.fromArray(S, src, s + o0).fma(v, a0);
            a1 = FloatVector.fromArray(S, src, s + o1).fma(v, a1);
            a2 = FloatVector.fromArray(S, src, s + o2).fma(v, a2);
            a3 = FloatVector.fromArray(S, src, s + o3).fma(v, a3);
            c0 = FloatVector.fromArray(S, src, t + o0).fma(w, c0);
            c1 = FloatVector.fromArray(S, src, t + o1).fma(w, c1);
            c2 = FloatVector.fromArray(S, src, t + o2).fma(w, c2);
            c3 = FloatVector.fromArray(S, src, t + o3).fma(w, c3);
        }
        if (k < k1) {
            FloatVector v = FloatVector.broadcast(S, val[k]);
            int s = idx[k] * batch;
            a0 = FloatVector.fromArray(S, src, s + o0).fma(v, a0);
            a1 = FloatVector.fromArray(S, src, s + o1).fma(v, a1);
            a2 = FloatVector.fromArray(S, src, s + o2).fma(v, a2);
            a3 = FloatVector.fromArray(S, src, s + o3).fma(v, a3);
        }
        a0 = a0.add(c0); a1 = a1.add(c1); a2 = a2.add(c2); a3 = a3.add(c3);
        if (beta != 0f) {  // all reads of dst before any write: overlapping slots see the old values
            a0 = a0.add(FloatVector.fromArray(S, dst, d + o0).mul(beta));
            a1 = a1.add(FloatVector.fromArray(S, dst, d + o1).mul(beta));
            a2 = a2.add(FloatVector.fromArray(S, dst, d + o2).mul(beta));
            a3 = a3.add(FloatVector.fromArray(S, dst, d + o3).mul(beta));
        }
        a0.intoArray(dst, d + o0);
        a1.intoArray(dst, d + o1);
        a2.intoArray(dst, d + o2);
        a3.intoArray(dst, d + o3);
    }

    /** dst[d, d + n) *= beta, without reading dst when beta is 0. */
    private static void scale(float[] dst, int d, int n, float beta) {
        if (beta == 1f) return;
        if (beta == 0f) {
            java.util.Arrays.fill(dst, d, d + n, 0f);
            return;
        }
        for (int i = d; i < d + n; i++) dst[i] *= beta;
    }

    /** The same sums for batch < L, one lane at a time. */
    private static void scalarRows(int[] ptr, int[] idx, float[] val, float[] src, int batch, float beta, float[] dst, int from, int to) {
        for (int r = from; r < to; r++) {
            int d = r * batch;
            for (int i = 0; i < batch; i++) {
                float s = 0f;
                for (int k = ptr[r]; k < ptr[r + 1]; k++) s += val[k] * src[idx[k] * batch + i];
                dst[d + i] = beta == 0f ? s : s + beta * dst[d + i];
            }
        }
    }
}
