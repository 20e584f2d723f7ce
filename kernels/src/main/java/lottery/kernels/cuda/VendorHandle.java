package lottery.kernels.cuda;

import java.util.function.Function;

/**
 * A vendor library's handle (cuBLAS, cuSPARSE) created once on the shared context and bound to its
 * stream, or the one-line reason it could not be: CUDA unavailable, the library's natives missing,
 * or the create call failing.
 */
record VendorHandle<H>(H handle, Cuda.Status status) {
    static <H> VendorHandle<H> open(Function<CudaContext, H> create) {
        if (!Cuda.available()) return new VendorHandle<>(null, Cuda.status());
        if (!(CudaContext.shared().driver() instanceof NativeDriver))
            return new VendorHandle<>(null, new Cuda.Status(false, "needs a GPU: the CUDA path runs on the host driver ("
                    + Cuda.DRIVER_PROPERTY + "=host)"));
        try {
            CudaContext ctx = CudaContext.shared();
            ctx.nativeDriver().makeCurrent();
            return new VendorHandle<>(create.apply(ctx), new Cuda.Status(true, ""));
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            return new VendorHandle<>(null, new Cuda.Status(false, Cuda.describeLinkError(e)));
        } catch (CudaException e) {
            return new VendorHandle<>(null, new Cuda.Status(false, e.getMessage()));
        }
    }
}
