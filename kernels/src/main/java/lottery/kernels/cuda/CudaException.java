package lottery.kernels.cuda;

/** A failed CUDA, cuBLAS or cuSPARSE call: the message names the call and the library's error string. */
public final class CudaException extends IllegalStateException {
    public CudaException(String message) { super(message); }
}
