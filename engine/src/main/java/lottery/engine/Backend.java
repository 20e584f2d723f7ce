package lottery.engine;

import lottery.kernels.BitMask;
import lottery.kernels.Csr;

/**
 * The device primitives ops are built from, on tensors so the interface names no storage type.
 * Matrix arguments are logical 2-D tensors in either layout (row-major or a stride-swapped view);
 * {@code t()} expresses a transposed operand. Elementwise work stays in the ops.
 */
public interface Backend {
    Device device();

    /** c = a · b + beta · c; a: [m, k], b: [k, n], c: [m, n]. */
    void matmul(Tensor a, Tensor b, float beta, Tensor c);

    /** c = a · (b ⊙ mask) + beta · c; {@code mask} has the shape of b's row-major storage; c row-major. */
    void matmulMaskedB(Tensor a, Tensor b, BitMask mask, float beta, Tensor c);

    /** c = (a · b) ⊙ mask + beta · c at kept positions, 0 elsewhere; c row-major, mask [m, n]. */
    void matmulMaskedC(Tensor a, Tensor b, float beta, Tensor c, BitMask mask);

    /** yT[out, batch] = W · xT[in, batch] + beta · yT (activations in the transposed layout). */
    void spmmT(Csr w, Tensor xT, float beta, Tensor yT);

    /** dxT[in, batch] = Wᵀ · dyT[out, batch] + beta · dxT. */
    void spmmTransT(Csr w, Tensor dyT, float beta, Tensor dxT);

    /** dw[e] = Σ_b dyT[row(e), b] · xT[col(e), b] for every entry e of the pattern. */
    void sddmmT(Csr pattern, Tensor dyT, Tensor xT, float[] dw);

    /**
     * The backend for a device. Host-stored ({@link Device#CPU}) tensors run on the device chosen with
     * {@link ComputeDevice#select} (the CPU unless changed). {@link Device#CUDA} gives the GPU backend when
     * the CUDA probe succeeds, else {@link IllegalStateException}("CUDA backend unavailable: reason").
     */
    static Backend of(Device device) {
        return switch (device) {
            case CPU -> ComputeDevice.host();
            case CUDA -> ComputeDevice.cuda();
        };
    }

    /** The backend of the first tensor, checking that all share its device. */
    static Backend of(String op, Tensor first, Tensor... rest) {
        for (Tensor t : rest)
            if (t != null && t.device() != first.device())
                throw new IllegalArgumentException(op + ": device mismatch, " + first + " vs " + t);
        return of(first.device());
    }
}
