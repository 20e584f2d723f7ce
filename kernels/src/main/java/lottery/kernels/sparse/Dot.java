package lottery.kernels.sparse;

import static lottery.kernels.sparse.Chunks.L;
import static lottery.kernels.sparse.Chunks.S;
import static lottery.kernels.sparse.Chunks.WEIGHTS;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;

/**
 * The SDDMM micro-kernel on transposed activations: for every entry e of row r,
 * {@code out[e] = a[r, :] · b[idx[e], :]}, rows of {@code batch} contiguous floats.
 * The batch is walked in panels, each through every row (so {@code b} rows are reused from cache).
 * Per row and {@link Chunks chunk} of 4 vectors, the {@code a} row is loaded once (weighted so
 * overlapping slots count each lane once) and kept in registers while the row's entries stream
 * past, two at a time. Batches narrower than one vector run the scalar loop.
 * <p>
 * Each dot product is summed across lanes in a fixed halving order (lane i += lane i + L/2, then
 * i + L/4, ..., then lane 0), written out here rather than in a helper: {@code reduceLanes(ADD)}
 * leaves the order to the implementation (the interpreter and C2 differ, so results would change
 * in the last bits after warm-up), and a helper taking a vector is boxed whenever C2 declines to
 * inline it. The shuffles are static finals so C2 compiles each to one permute.
 */
final class Dot {
    // lane i takes lane i + h (wrapping; only the low lanes' sums are read); the identity where h is not below L (unused)
    private static final VectorShuffle<Float> H8 = VectorShuffle.iota(S, L > 8 ? 8 : 0, 1, true),
            H4 = VectorShuffle.iota(S, L > 4 ? 4 : 0, 1, true), H2 = VectorShuffle.iota(S, 2, 1, true);
    private Dot() {}

    /**
     * Rows [from, to). ptr: [rows + 1]; idx, out: [nnz]; a: [rows, batch]; b: [*, batch];
     * panel: the batch width walked through all rows at a time ({@link Chunks#panelWidth} of b's row count).
     */
    static void rows(int[] ptr, int[] idx, float[] a, float[] b, int batch, float[] out, int panel, int from, int to) {
        if (batch < L) {
            scalarRows(ptr, idx, a, b, batch, out, from, to);
            return;
        }
        for (int p0 = 0, p1; p0 < batch; p0 = p1) {  // panels of the batch, each through every row (Chunks.PANEL_FLOATS)
            p1 = Chunks.panelEnd(p0, batch, panel);
            for (int r = from; r < to; r++) {
                for (int c = p0, end; c < p1; c = end) {
                    end = Chunks.end(c, batch);
                    chunk(ptr[r], ptr[r + 1], idx, a, r * batch, b, batch, out, c == 0,
                          Chunks.offset(c, end, 0), Chunks.offset(c, end, 1), Chunks.offset(c, end, 2), Chunks.offset(c, end, 3),
                          Chunks.weightOffset(c, end, 0), Chunks.weightOffset(c, end, 1),
                          Chunks.weightOffset(c, end, 2), Chunks.weightOffset(c, end, 3));
                }
            }
        }
    }

    /** Entries [e0, e1) of one row over the slots at offsets o0..o3 with lane weights at z0..z3; first chunk stores, later ones add. */
    private static void chunk(int e0, int e1, int[] idx, float[] a, int ao, float[] b, int batch, float[] out, boolean first,
                              int o0, int o1, int o2, int o3, int z0, int z1, int z2, int z3) {
        FloatVector x0 = FloatVector.fromArray(S, a, ao + o0).mul(FloatVector.fromArray(S, WEIGHTS, z0));
        FloatVector x1 = FloatVector.fromArray(S, a, ao + o1).mul(FloatVector.fromArray(S, WEIGHTS, z1));
        FloatVector x2 = FloatVector.fromArray(S, a, ao + o2).mul(FloatVector.fromArray(S, WEIGHTS, z2));
        FloatVector x3 = FloatVector.fromArray(S, a, ao + o3).mul(FloatVector.fromArray(S, WEIGHTS, z3));
        int e = e0;
        for (; e + 1 < e1; e += 2) {
            int s = idx[e] * batch, t = idx[e + 1] * batch;
            FloatVector p = FloatVector.fromArray(S, b, s + o0).mul(x0);
            FloatVector q = FloatVector.fromArray(S, b, t + o0).mul(x0);
            FloatVector p1 = FloatVector.fromArray(S, b, s + o1).mul(x1);
            FloatVector q1 = FloatVector.fromArray(S, b, t + o1).mul(x1);
            p = FloatVector.fromArray(S, b, s + o2).fma(x2, p);
            q = FloatVector.fromArray(S, b, t + o2).fma(x2, q);
            p1 = FloatVector.fromArray(S, b, s + o3).fma(x3, p1);
            q1 = FloatVector.fromArray(S, b, t + o3).fma(x3, q1);
            p = p.add(p1);
            q = q.add(q1);
            if (L >= 16) { p = p.add(p.rearrange(H8)); q = q.add(q.rearrange(H8)); }
            if (L >= 8) { p = p.add(p.rearrange(H4)); q = q.add(q.rearrange(H4)); }
            p = p.add(p.rearrange(H2));
            q = q.add(q.rearrange(H2));
            float sp = p.lane(0) + p.lane(1), sq = q.lane(0) + q.lane(1);
            out[e] = first ? sp : out[e] + sp;
            out[e + 1] = first ? sq : out[e + 1] + sq;
        }
        if (e < e1) {
            int s = idx[e] * batch;
            FloatVector p = FloatVector.fromArray(S, b, s + o0).mul(x0);
            FloatVector p1 = FloatVector.fromArray(S, b, s + o1).mul(x1);
            p = FloatVector.fromArray(S, b, s + o2).fma(x2, p);
            p1 = FloatVector.fromArray(S, b, s + o3).fma(x3, p1);
            p = p.add(p1);
            if (L >= 16) p = p.add(p.rearrange(H8));
            if (L >= 8) p = p.add(p.rearrange(H4));
            p = p.add(p.rearrange(H2));
            float sp = p.lane(0) + p.lane(1);
            out[e] = first ? sp : out[e] + sp;
        }
    }

    /** The same dots for batch < L. */
    private static void scalarRows(int[] ptr, int[] idx, float[] a, float[] b, int batch, float[] out, int from, int to) {
        for (int r = from; r < to; r++)
            for (int e = ptr[r]; e < ptr[r + 1]; e++) {
                float s = 0f;
                int ao = r * batch, bo = idx[e] * batch;
                for (int i = 0; i < batch; i++) s += a[ao + i] * b[bo + i];
                out[e] = s;
            }
    }
}
