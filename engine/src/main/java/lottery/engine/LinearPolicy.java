package lottery.engine;

/**
 * Chooses the {@link LinearPath} of a masked linear layer from its density and shape.
 * The process-wide policy is {@link #current()}; tests and benchmarks may {@link #set} another
 * (e.g. {@link #forced}).
 */
public interface LinearPolicy {
    /** Path for a layer W: [out, in] with the given kept fraction, at this batch size. */
    LinearPath choose(double density, int batch, int out, int in);

    /** Always the same path (for tests and benchmarks). */
    static LinearPolicy forced(LinearPath path) { return (d, b, o, i) -> path; }

    static LinearPolicy current() { return Holder.policy; }

    static void set(LinearPolicy policy) { Holder.policy = policy == null ? DensityPolicy.DEFAULT : policy; }

    /** Holder of the mutable process-wide policy. */
    final class Holder {
        private static volatile LinearPolicy policy = DensityPolicy.DEFAULT;
        private Holder() {}
    }
}
