package lottery.nn.optim;

import lottery.nn.Parameter;

import java.util.List;

/**
 * Updates parameters in place from their gradients. Mask-aware: a masked parameter is updated only
 * at kept positions (a loop over the kept indices, or lane-masked vectors at higher densities); pruned
 * weights and their optimizer state stay exactly 0.
 */
public abstract class Optimizer {
    protected final Parameter[] params;
    private final int[] seenMaskVersion;
    protected double lr;

    protected Optimizer(List<Parameter> params, double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("learning rate must be finite and >= 0, got " + lr);
        this.params = params.toArray(Parameter[]::new);
        this.seenMaskVersion = new int[this.params.length];
        for (int i = 0; i < this.params.length; i++) seenMaskVersion[i] = this.params[i].maskVersion();
        this.lr = lr;
    }

    public double learningRate() { return lr; }

    public void setLearningRate(double lr) { this.lr = lr; }

    /** One update of every parameter. */
    public final void step() { step(false); }

    /** One update of every parameter, zeroing each gradient as it is consumed (saves a pass over memory). */
    public final void stepAndZeroGrad() { step(true); }

    private void step(boolean zeroGrad) {
        for (int i = 0; i < params.length; i++) {
            Parameter p = params[i];
            if (p.maskVersion() != seenMaskVersion[i]) {
                seenMaskVersion[i] = p.maskVersion();
                if (p.mask() != null) clearPruned(i, p);
            }
            int[] kept = p.weightMask() == null ? null : p.weightMask().kept();
            update(i, p, kept, zeroGrad);
            p.valuesUpdated();
        }
        afterStep();
    }

    public void zeroGrad() { for (Parameter p : params) p.zeroGrad(); }

    /**
     * Updates parameter {@code i}: all positions when {@code kept} is null, else only those listed;
     * zeroes the gradient at the updated positions when {@code zeroGrad}.
     */
    protected abstract void update(int i, Parameter p, int[] kept, boolean zeroGrad);

    /** Zeroes the state of parameter {@code i} wherever its (new) mask prunes. */
    protected abstract void clearPruned(int i, Parameter p);

    protected void afterStep() {}

    /** Sets {@code state[k] = 0} where the parameter's mask is 0. */
    protected static void zeroPruned(float[] state, Parameter p) {
        if (state != null) p.mask().applyTo(state);
    }
}
