package lottery.nn.train;

import lottery.nn.Parameter;

import java.util.List;
import java.util.Locale;

/**
 * When a training run has diverged, so that its numbers must not be reported as a result. Adam
 * keeps the loss finite under a huge learning rate, so a finite loss is not enough. The rule:
 * <ul>
 * <li>a mini-batch loss that is NaN, infinite or above {@link #CEILING} (1e6), at once;</li>
 * <li>a mini-batch loss above the bound for {@link #PATIENCE} steps in a row. The bound is
 *     {@code min(1e6, 10 × max(first loss, ln classes))}. {@code ln classes} is the loss of a
 *     uniform guess, so a run that starts from trained weights, whose first loss is tiny, still
 *     gets a bound well above any loss it reaches by learning;</li>
 * <li>a NaN or infinite weight or gradient. Checking them is a scan of every parameter, so it runs
 *     at evaluation steps only: {@link #checkGradients} before the optimizer step, {@link #checkWeights}
 *     after it. A NaN hidden behind a ReLU never shows in the loss, but it shows here;</li>
 * <li>at an evaluation, a validation loss that is NaN, infinite, or above
 *     {@code min(1e6, 10 × max(first validation loss, ln classes))}.</li>
 * </ul>
 * Each check throws a {@link DivergedException} naming the iteration and what went wrong.
 */
public final class Divergence {
    /** How far above its reference a loss may go. */
    public static final double FACTOR = 10;
    /** No mini-batch loss above this comes from training that works, whatever the reference. */
    public static final double CEILING = 1e6;
    /** Consecutive mini-batch losses above the bound that count as divergence (one may be a bad batch). */
    public static final int PATIENCE = 10;

    private final double chanceLoss;
    private double lossBound = Double.NaN, valBound = Double.NaN;
    private int above;

    /** For a classifier over {@code classes} classes. */
    public Divergence(int classes) {
        this.chanceLoss = Math.log(Math.max(2, classes));
    }

    /** The mini-batch loss bound, NaN before the first step. */
    public double lossBound() { return lossBound; }

    /** After step {@code iteration} (1-based) with its mini-batch loss. */
    public void checkLoss(int iteration, float loss) {
        if (!Float.isFinite(loss)) throw new DivergedException(iteration, "loss " + loss);
        if (loss > CEILING) throw new DivergedException(iteration, String.format(Locale.ROOT, "loss %.4g above %.0g", loss, CEILING));
        if (Double.isNaN(lossBound)) lossBound = bound(loss);
        if (loss > lossBound) {
            if (++above >= PATIENCE)
                throw new DivergedException(iteration, String.format(Locale.ROOT,
                        "loss %.4g above %.4g (10x the first loss, at least 10x chance) for %d steps in a row", loss, lossBound, PATIENCE));
        } else {
            above = 0;
        }
    }

    /** The gradients of step {@code iteration}, before the optimizer uses them. */
    public void checkGradients(int iteration, List<Parameter> params) {
        for (Parameter p : params)
            if (!allFinite(p.grad())) throw new DivergedException(iteration, "a non-finite gradient of " + p.name());
    }

    /** The weights after step {@code iteration}. */
    public void checkWeights(int iteration, List<Parameter> params) {
        for (Parameter p : params)
            if (!allFinite(p.data())) throw new DivergedException(iteration, "a non-finite weight in " + p.name());
    }

    /** The validation loss of the evaluation after step {@code iteration}, over {@code samples} samples (none: nothing to check). */
    public void checkValidation(int iteration, double valLoss, int samples) {
        if (samples == 0) return;
        if (!Double.isFinite(valLoss)) throw new DivergedException(iteration, "validation loss " + valLoss);
        if (Double.isNaN(valBound)) valBound = bound(valLoss);
        if (valLoss > valBound)
            throw new DivergedException(iteration, String.format(Locale.ROOT,
                    "validation loss %.4g above %.4g (10x the first evaluation's, at least 10x chance)", valLoss, valBound));
    }

    private double bound(double first) { return Math.min(CEILING, FACTOR * Math.max(first, chanceLoss)); }

    /**
     * True when no value is NaN or infinite, i.e. no exponent field is all ones. Adding 1 to the
     * exponent field carries into the sign bit exactly for all ones; an OR over the raw bits, which
     * the JIT vectorises (a float sum would be serial, and finite values could overflow it).
     */
    static boolean allFinite(float[] a) {
        int carry = 0;
        for (float v : a) carry |= (Float.floatToRawIntBits(v) & 0x7f80_0000) + 0x0080_0000;
        return carry >= 0;
    }
}
