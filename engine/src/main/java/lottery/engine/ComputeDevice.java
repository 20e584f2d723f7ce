package lottery.engine;

import lottery.engine.cuda.CudaBackend;
import lottery.kernels.cuda.Cuda;

/**
 * The process-wide choice of which device runs the {@link Backend} primitives of tensors whose
 * storage is on the host ({@link Device#CPU}): the CPU by default, the GPU after
 * {@code select(Device.CUDA)}. Storage stays on the host either way; only the products move.
 */
public final class ComputeDevice {
    private static volatile Backend host = CpuBackend.INSTANCE;

    private ComputeDevice() {}

    /** Runs host-tensor primitives on {@code device}; {@link IllegalStateException} with the probe's reason when CUDA is missing. */
    public static void select(Device device) {
        host = switch (device) {
            case CPU -> CpuBackend.INSTANCE;
            case CUDA -> cuda();
        };
    }

    /** Runs host-tensor primitives on {@code backend}, e.g. a {@code CudaBackend} on a host-memory context in tests. */
    public static void select(Backend backend) { host = java.util.Objects.requireNonNull(backend); }

    /** The device currently running host-tensor primitives. */
    public static Device selected() { return host.device(); }

    /** The backend for host-stored tensors. */
    static Backend host() { return host; }

    /** The GPU backend, or {@link IllegalStateException}("CUDA backend unavailable: reason"). */
    static Backend cuda() {
        if (!Cuda.available()) throw new IllegalStateException(Cuda.unavailableMessage());
        return CudaBackend.get();
    }
}
