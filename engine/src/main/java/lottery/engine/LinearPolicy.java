package lottery.engine;

import lottery.kernels.KernelChoice;

/**
 * Chooses the {@link LinearPath} of a masked linear layer from its density and shape.
 * The process-wide policy is {@link #current()}, by default {@link #MEASURED} (the crossover measured
 * for the kernels, {@link KernelChoice}); tests and benchmarks may {@link #set} another
 * (e.g. {@link #forced} or a {@link DensityPolicy} with another threshold).
 */
public interface LinearPolicy {
    /** Path for a layer W: [out, in] with the given kept fraction, at this batch size. */
    LinearPath choose(double density, int batch, int out, int in);

    /** The kernels' measured crossover ({@link KernelChoice#choose}). */
    LinearPolicy MEASURED = (d, b, o, i) -> switch (KernelChoice.choose(d, b, o, i)) {
        case DENSE -> LinearPath.DENSE;
        case MASKED -> LinearPath.MASKED;
        case SPARSE -> LinearPath.SPARSE;
    };

    /** Always the same path (for tests and benchmarks). */
    static LinearPolicy forced(LinearPath path) { return (d, b, o, i) -> path; }

    static LinearPolicy current() { return Holder.policy; }

    /** Installs {@code policy} process-wide; null restores {@link #MEASURED}. */
    static void set(LinearPolicy policy) { Holder.policy = policy == null ? MEASURED : policy; }

    /** Holder of the mutable process-wide policy. */
    final class Holder {
        private static volatile LinearPolicy policy = MEASURED;
        private Holder() {}
    }
}
