package lottery.nn.optim;

import lottery.nn.Parameter;

import java.util.List;

/**
 * Adam with bias correction: m = β1 m + (1-β1) g, v = β2 v + (1-β2) g², w -= lr · m̂ / (√v̂ + ε),
 * g including the optional L2 term λw.
 */
public final class Adam extends Optimizer {
    /**
     * From this density up, a masked parameter is updated by the vectorised lane-masked kernel over all positions;
     * below it, by the scalar loop over kept indices (which touches only the kept weights). On LeNet's fc1 the lane-masked
     * kernel takes the same time at every density (47 µs on the test machine) and the scalar loop about 2 ns per kept weight,
     * so they cross near 0.1.
     */
    static final double BLEND_FROM_DENSITY = 0.1;

    private final double beta1, beta2, eps, weightDecay;
    private final float[][] m, v;
    private int t;

    public Adam(List<Parameter> params, double lr) { this(params, lr, 0.9, 0.999, 1e-8, 0.0); }

    public Adam(List<Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        super(params, lr);
        if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1) throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + ", " + beta2);
        if (weightDecay < 0) throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        this.beta1 = beta1; this.beta2 = beta2; this.eps = eps; this.weightDecay = weightDecay;
        m = new float[this.params.length][];
        v = new float[this.params.length][];
        for (int i = 0; i < this.params.length; i++) {
            m[i] = new float[this.params[i].size()];
            v[i] = new float[this.params[i].size()];
        }
    }

    @Override protected void update(int i, Parameter p, int[] kept, boolean zeroGrad) {
        int step = t + 1;
        float c1 = (float) (lr / (1 - Math.pow(beta1, step)));          // lr / (1 - β1^t)
        float c2 = (float) (1 / Math.sqrt(1 - Math.pow(beta2, step)));  // 1 / sqrt(1 - β2^t)
        if (kept != null && p.weightMask().density() >= BLEND_FROM_DENSITY) {  // setMask checked the mask covers p
            AdamKernel.updateMasked(p.data(), p.grad(), m[i], v[i], p.weightMask().bits(),
                    (float) beta1, (float) beta2, c1, c2, (float) eps, (float) weightDecay, zeroGrad);
            return;
        }
        int n = kept == null ? p.size() : kept.length;
        AdamKernel.update(p.data(), p.grad(), m[i], v[i], kept, n,
                (float) beta1, (float) beta2, c1, c2, (float) eps, (float) weightDecay, zeroGrad);
    }

    @Override protected void afterStep() { t++; }

    @Override protected void clearPruned(int i, Parameter p) {
        zeroPruned(m[i], p);
        zeroPruned(v[i], p);
    }

    /** Steps taken so far. */
    public int steps() { return t; }
}
