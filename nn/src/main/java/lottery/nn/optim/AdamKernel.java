package lottery.nn.optim;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Adam update over all positions (SIMD) or over a list of kept positions (scalar), with a scalar twin
 * ({@link #scalar}) that performs the same float operations in the same order (results are identical):
 * <pre>
 *   g' = g + λw;  m = β1 m + (1-β1) g';  v = β2 v + (1-β2) g' g';  w -= c1 m / (√v · c2 + ε)
 * </pre>
 * with c1 = lr / (1 - β1^t), c2 = 1 / √(1 - β2^t). Optionally zeroes g after reading it.
 */
final class AdamKernel {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private AdamKernel() {}

    /**
     * Update positions {@code kept[0..n)} (or {@code 0..n} when kept is null). Kept positions run the
     * scalar loop: at the densities where masks matter, gathers and scatters cost more than they save.
     */
    static void update(VectorSpecies<Float> s, float[] w, float[] g, float[] m, float[] v, int[] kept, int n,
                       float b1, float b2, float c1, float c2, float eps, float wd, boolean zeroGrad) {
        if (kept != null) { scalar(w, g, m, v, kept, n, b1, b2, c1, c2, eps, wd, zeroGrad); return; }
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

    /** The scalar twin of {@link #update}. */
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
