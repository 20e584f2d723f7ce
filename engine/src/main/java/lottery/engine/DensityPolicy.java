package lottery.engine;

/**
 * The default crossover: masked GEMM while the layer is dense enough to keep GEMM's efficiency,
 * sparse kernels below {@code sparseBelow}, plain GEMM when nothing is pruned.
 */
public record DensityPolicy(double sparseBelow) implements LinearPolicy {
    /** Crossover taken from the measured hint that CSR beats dense GEMM from about 10-20% density. */
    public static final DensityPolicy DEFAULT = new DensityPolicy(0.2);

    @Override public LinearPath choose(double density, int batch, int out, int in) {
        if (density >= 1.0) return LinearPath.DENSE;
        return density < sparseBelow ? LinearPath.SPARSE : LinearPath.MASKED;
    }
}
