package lottery.engine;

import lottery.kernels.BitMask;
import lottery.kernels.Csr;

/**
 * A pruning mask attached to a weight [rows, cols], with what the kernels derive from it once:
 * its density, the kept flat indices (for O(nnz) optimizer loops) and a CSR whose values are
 * refreshed from the dense weights only after the weights changed ({@link #weightsChanged}).
 */
public final class WeightMask {
    private final BitMask mask;
    private final int[] kept;
    private final double density;
    private Csr csr;
    private boolean stale = true;
    private float[] dwValues;

    public WeightMask(BitMask mask) {
        this.mask = mask;
        this.kept = mask.keptIndices();
        this.density = mask.density();
    }

    public BitMask bits() { return mask; }

    /** Flat indices i·cols + j of kept weights, ascending. Do not modify. */
    public int[] kept() { return kept; }

    public double density() { return density; }

    /** Marks the CSR values stale: call after any write to the dense weights. */
    public void weightsChanged() { stale = true; }

    /** The CSR of W ⊙ M with values current for {@code w} (gathered at most once per weight change). */
    public Csr csr(float[] w) {
        if (csr == null) { csr = Csr.of(w, mask); stale = false; }
        else if (stale) { csr.gatherValues(w); stale = false; }
        return csr;
    }

    /** Scratch of nnz floats for the sparse weight gradient. */
    public float[] dwValues() {
        if (dwValues == null) dwValues = new float[kept.length];
        return dwValues;
    }
}
