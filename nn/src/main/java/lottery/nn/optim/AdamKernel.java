package lottery.nn.optim;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import lottery.kernels.BitMask;

/**
 * The Adam update over all positions (SIMD), over the kept positions of a mask (SIMD with lane masks,
 * {@link #updateMasked}) or over a list of kept positions (scalar), with a scalar twin ({@link #scalar}) that
 * performs the same float operations in the same order (results are identical):
 * <pre>
 *   g' = g + λw;  m = β1 m + (1-β1) g';  v = β2 v + (1-β2) g' g';  w -= c1 m / (√v · c2 + ε)
 * </pre>
 * with c1 = lr / (1 - β1^t), c2 = 1 / √(1 - β2^t). Optionally zeroes g after reading it.
 */
final class AdamKernel {
    /**
     * The machine's width, as a constant: C2 compiles Vector API code to vector instructions only for constant species,
     * and a species passed as an argument stays constant only while the call is inlined (measured: a LeNet step 2.4x slower).
     */
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Int lanes of the same shape, for the lane masks of {@link #updateMasked}; lane l holds bit l. */
    private static final VectorSpecies<Integer> INT_SPECIES = IntVector.SPECIES_PREFERRED;
    private static final IntVector LANE_BITS = IntVector.fromArray(INT_SPECIES,
            java.util.stream.IntStream.range(0, INT_SPECIES.length()).map(l -> 1 << l).toArray(), 0);

    private AdamKernel() {}

    /**
     * Update positions {@code kept[0..n)} (or {@code 0..n} when kept is null). Kept positions run the
     * scalar loop: at the densities where masks matter, gathers and scatters cost more than they save.
     */
    static void update(float[] w, float[] g, float[] m, float[] v, int[] kept, int n,
                       float b1, float b2, float c1, float c2, float eps, float wd, boolean zeroGrad) {
        if (kept != null) { scalar(w, g, m, v, kept, n, b1, b2, c1, c2, eps, wd, zeroGrad); return; }
        VectorSpecies<Float> s = SPECIES;
        int lanes = s.length(), upper = n - n % lanes, e = 0;
        float a1 = 1 - b1, a2 = 1 - b2;
        FloatVector zero = FloatVector.zero(s);
        for (; e < upper; e += lanes) {
            FloatVector wv = FloatVector.fromArray(s, w, e), gv = FloatVector.fromArray(s, g, e);
            FloatVector mv = FloatVector.fromArray(s, m, e), vv = FloatVector.fromArray(s, v, e);
            FloatVector gk = gv.add(wv.mul(wd));
            mv = mv.mul(b1).add(gk.mul(a1));
            vv = vv.mul(b2).add(gk.mul(a2).mul(gk));
            wv = wv.sub(mv.mul(c1).div(vv.lanewise(VectorOperators.SQRT).mul(c2).add(eps)));
            wv.intoArray(w, e); mv.intoArray(m, e); vv.intoArray(v, e);
            if (zeroGrad) zero.intoArray(g, e);
        }
        scalarRange(w, g, m, v, null, e, n, b1, b2, c1, c2, eps, wd, zeroGrad);
    }

    /**
     * The update at the kept positions of {@code mask} ([rows, cols] over w, g, m, v), vectorised: each lane-wide chunk
     * of a row computes every lane and keeps the old w, m, v (and g) in the pruned lanes, so pruned weights and their
     * state are never written. Does the work of all positions, so it pays above a moderate density, where the scalar
     * loop over kept indices is slower. Same float operations per kept element as {@link #scalar}: identical results.
     */
    static void updateMasked(float[] w, float[] g, float[] m, float[] v, BitMask mask,
                             float b1, float b2, float c1, float c2, float eps, float wd, boolean zeroGrad) {
        VectorSpecies<Float> s = SPECIES;
        VectorSpecies<Integer> is = INT_SPECIES;
        // lanes (at most 16) divide 64, so a chunk's bits never straddle two mask words
        int lanes = s.length(), cols = mask.cols, upper = cols - cols % lanes, full = (1 << lanes) - 1;
        IntVector laneBits = LANE_BITS;
        float a1 = 1 - b1, a2 = 1 - b2;
        FloatVector zero = FloatVector.zero(s);
        for (int r = 0; r < mask.rows; r++) {
            int row = r * cols, wordRow = r * mask.wordsPerRow;
            for (int c = 0; c < upper; c += lanes) {
                int bits = (int) (mask.words[wordRow + (c >>> 6)] >>> (c & 63)) & full;
                if (bits == 0) continue;
                VectorMask<Float> keep = IntVector.broadcast(is, bits).and(laneBits).compare(VectorOperators.NE, 0).cast(s);
                int e = row + c;
                FloatVector w0 = FloatVector.fromArray(s, w, e), gv = FloatVector.fromArray(s, g, e);
                FloatVector m0 = FloatVector.fromArray(s, m, e), v0 = FloatVector.fromArray(s, v, e);
                FloatVector gk = gv.add(w0.mul(wd));
                FloatVector mv = m0.mul(b1).add(gk.mul(a1));
                FloatVector vv = v0.mul(b2).add(gk.mul(a2).mul(gk));
                FloatVector wv = w0.sub(mv.mul(c1).div(vv.lanewise(VectorOperators.SQRT).mul(c2).add(eps)));
                w0.blend(wv, keep).intoArray(w, e);
                m0.blend(mv, keep).intoArray(m, e);
                v0.blend(vv, keep).intoArray(v, e);
                if (zeroGrad) gv.blend(zero, keep).intoArray(g, e);
            }
            for (int c = upper; c < cols; c++)
                if (mask.get(r, c)) scalarRange(w, g, m, v, null, row + c, row + c + 1, b1, b2, c1, c2, eps, wd, zeroGrad);
        }
    }

    /** The scalar twin of {@link #update} and {@link #updateMasked} (with the mask's kept indices). */
    static void scalar(float[] w, float[] g, float[] m, float[] v, int[] kept, int n,
                       float b1, float b2, float c1, float c2, float eps, float wd, boolean zeroGrad) {
        scalarRange(w, g, m, v, kept, 0, n, b1, b2, c1, c2, eps, wd, zeroGrad);
    }

    private static void scalarRange(float[] w, float[] g, float[] m, float[] v, int[] kept, int from, int n,
                                    float b1, float b2, float c1, float c2, float eps, float wd, boolean zeroGrad) {
        float a1 = 1 - b1, a2 = 1 - b2;
        for (int e = from; e < n; e++) {
            int k = kept == null ? e : kept[e];
            float gk = g[k] + w[k] * wd;
            float mk = m[k] * b1 + gk * a1;
            float vk = v[k] * b2 + gk * a2 * gk;
            m[k] = mk;
            v[k] = vk;
            w[k] = w[k] - mk * c1 / ((float) Math.sqrt(vk) * c2 + eps);
            if (zeroGrad) g[k] = 0f;
        }
    }
}
