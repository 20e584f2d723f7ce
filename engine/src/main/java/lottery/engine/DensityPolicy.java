package lottery.engine;

/**
 * A fixed crossover: plain GEMM when nothing is pruned, sparse kernels below {@code sparseBelow},
 * masked GEMM in between.
 */
public record DensityPolicy(double sparseBelow) implements LinearPolicy {
    public DensityPolicy {
        if (!(sparseBelow >= 0 && sparseBelow <= 1)) throw new IllegalArgumentException("sparseBelow must be in [0, 1], got " + sparseBelow);
    }

    @Override public LinearPath choose(double density, int batch, int out, int in) {
        if (density >= 1.0) return LinearPath.DENSE;
        return density < sparseBelow ? LinearPath.SPARSE : LinearPath.MASKED;
    }
}
