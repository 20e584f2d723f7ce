package lottery.kernels;

/**
 * Which kernel a linear layer runs, from the density of its mask.
 * <ul>
 *   <li>{@link Path#DENSE}: no mask (or every weight kept) — plain {@link Gemm#sgemm}.</li>
 *   <li>{@link Path#MASKED}: a mask at density ≥ the crossover — the masked dense GEMM.</li>
 *   <li>{@link Path#SPARSE}: density below the crossover — {@link Sparse} on transposed activations
 *       (spmmT forward, spmmTransT backward-data, sddmmT backward-weights).</li>
 * </ul>
 * The crossover {@value #DEFAULT_SPARSE_BELOW} was measured on the LeNet-300-100 shapes
 * (784→300, 300→100, 100→10) at batch 60: forward + backward-data + backward-weights of the sparse
 * kernels (spmmT, spmmTransT, sddmmT) against dense {@link Gemm#sgemm} and OpenBLAS
 * {@code cblas_sgemm}, best-of-25 timings in one process, AVX-512 Zen 5, 1 and 2 threads.
 * Dense time / sparse time of the whole layer step, one thread, at densities 0.2 / 0.3 / 0.4:
 * <pre>
 *   784→300  vs Gemm 1.3 / 0.9 / 0.6    vs OpenBLAS 2.2 / 1.5 / 1.1
 *   300→100  vs Gemm 1.7 / 1.1 / 0.8    vs OpenBLAS 2.5 / 1.7 / 1.3
 *   100→10   vs Gemm 3.8 / 3.0 / 2.2    vs OpenBLAS 3.5 / 2.8 / 2.1
 * </pre>
 * Against this project's dense GEMM, sparse breaks even near
 * 0.27 on the large layer and 0.33 on the middle one; masked dense costs a little more than dense,
 * so 0.3 is the default. Override with the system property {@code lottery.sparse.below}
 * (a density in [0, 1]).
 */
public final class KernelChoice {
    /** The kernel family for one linear layer. */
    public enum Path { DENSE, MASKED, SPARSE }

    /** Measured default density below which the sparse kernels run. */
    public static final double DEFAULT_SPARSE_BELOW = 0.3;
    /** System property that overrides {@link #DEFAULT_SPARSE_BELOW}. */
    public static final String PROPERTY = "lottery.sparse.below";

    private KernelChoice() {}

    /** The crossover density in effect: the {@value #PROPERTY} property if set, else the measured default. */
    public static double sparseBelow() {
        String s = System.getProperty(PROPERTY);
        if (s == null || s.isBlank()) return DEFAULT_SPARSE_BELOW;
        double d;
        try {
            d = Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + "=" + s + " is not a number; give a density in [0, 1], e.g. 0.3");
        }
        if (!(d >= 0 && d <= 1))
            throw new IllegalArgumentException(PROPERTY + "=" + s + " is out of range; give a density in [0, 1], e.g. 0.3");
        return d;
    }

    /**
     * The path for a layer W: [out, in] whose mask keeps {@code density} of its weights, at this batch.
     * density 1 (no mask, or all weights kept) is DENSE.
     */
    public static Path choose(double density, int batch, int out, int in) {
        if (!(density >= 0 && density <= 1)) throw new IllegalArgumentException("density must be in [0, 1], got " + density);
        if (batch < 0 || out < 0 || in < 0)
            throw new IllegalArgumentException("negative shape: batch " + batch + ", out " + out + ", in " + in);
        if (density >= 1.0) return Path.DENSE;
        return density < sparseBelow() ? Path.SPARSE : Path.MASKED;
    }

    /** The path for a layer with this mask ({@code null}: an unmasked, dense layer). */
    public static Path choose(BitMask mask, int batch) {
        if (mask == null) return Path.DENSE;
        return choose(mask.density(), batch, mask.rows, mask.cols);
    }
}
