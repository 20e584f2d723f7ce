package lottery.nn.optim;

import lottery.nn.Parameter;

import java.util.List;

/**
 * SGD with optional momentum (heavy ball or Nesterov) and L2 weight decay:
 * g' = g + λw; v = μv + g'; w -= lr · (Nesterov ? g' + μv : v).
 */
public final class Sgd extends Optimizer {
    private final double momentum, weightDecay;
    private final boolean nesterov;
    private final float[][] velocity;

    public Sgd(List<Parameter> params, double lr, double momentum, boolean nesterov, double weightDecay) {
        super(params, lr);
        if (momentum < 0 || momentum >= 1) throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        if (weightDecay < 0) throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        if (nesterov && momentum == 0) throw new IllegalArgumentException("Nesterov needs momentum > 0");
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        this.velocity = new float[this.params.length][];
        if (momentum > 0) for (int i = 0; i < this.params.length; i++) velocity[i] = new float[this.params[i].size()];
    }

    @Override protected void update(int i, Parameter p, int[] kept, boolean zeroGrad) {
        float[] w = p.data(), g = p.grad(), v = velocity[i];
        float rate = (float) lr, mu = (float) momentum, wd = (float) weightDecay;
        int n = kept == null ? w.length : kept.length;
        for (int e = 0; e < n; e++) {
            int k = kept == null ? e : kept[e];
            float gk = g[k] + wd * w[k];
            if (zeroGrad) g[k] = 0f;
            if (v == null) { w[k] -= rate * gk; continue; }
            float vk = mu * v[k] + gk;
            v[k] = vk;
            w[k] -= rate * (nesterov ? gk + mu * vk : vk);
        }
    }

    @Override protected void clearPruned(int i, Parameter p) { zeroPruned(velocity[i], p); }
}
