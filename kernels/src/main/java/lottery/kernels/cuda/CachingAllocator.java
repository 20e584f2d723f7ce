package lottery.kernels.cuda;

import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

import java.util.ArrayDeque;

/**
 * Device memory in power-of-two size classes (256 B, 512 B, ... ) with a free list per class:
 * a released block is kept and handed out again, so steady-state training calls cuMemAlloc
 * never. Blocks are only reused in stream order (one stream per context), which makes reuse safe
 * without events. When the device is out of memory the cached blocks are freed and the
 * allocation is tried once more.
 */
public final class CachingAllocator {
    static final int MIN_SHIFT = 8;
    static final int CLASSES = 64 - MIN_SHIFT;

    private final CudaContext context;
    @SuppressWarnings("unchecked")
    private final ArrayDeque<CUdeviceptr>[] free = new ArrayDeque[CLASSES];
    private long deviceAllocations;
    private long bytesInUse;
    private long bytesCached;

    CachingAllocator(CudaContext context) {
        this.context = context;
        for (int c = 0; c < CLASSES; c++) free[c] = new ArrayDeque<>();
    }

    /** The smallest class whose blocks hold {@code bytes}: blocks of class c have 256·2^c bytes. */
    static int sizeClass(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("negative allocation size " + bytes);
        if (bytes <= 1L << MIN_SHIFT) return 0;
        return 64 - Long.numberOfLeadingZeros(bytes - 1) - MIN_SHIFT;
    }

    static long classBytes(int sizeClass) { return 1L << (sizeClass + MIN_SHIFT); }

    /** A buffer of at least {@code bytes} bytes, contents undefined. */
    public synchronized DeviceBuffer allocate(long bytes) {
        int c = sizeClass(bytes);
        CUdeviceptr p = free[c].poll();
        if (p != null) {
            bytesCached -= classBytes(c);
        } else {
            context.makeCurrent();
            p = new CUdeviceptr();
            int r = JCudaDriver.cuMemAlloc(p, classBytes(c));
            if (r == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
                releaseCached();
                r = JCudaDriver.cuMemAlloc(p, classBytes(c));
            }
            Cuda.check(r, "cuMemAlloc(" + classBytes(c) + " bytes)");
            deviceAllocations++;
        }
        bytesInUse += classBytes(c);
        return new DeviceBuffer(context, p, bytes, c);
    }

    synchronized void release(DeviceBuffer buffer) {
        free[buffer.sizeClass].push(buffer.pointer());
        bytesInUse -= classBytes(buffer.sizeClass);
        bytesCached += classBytes(buffer.sizeClass);
    }

    /** Frees every cached (unused) block back to the driver. */
    public synchronized void releaseCached() {
        context.makeCurrent();
        Cuda.check(JCudaDriver.cuCtxSynchronize(), "cuCtxSynchronize");
        for (ArrayDeque<CUdeviceptr> list : free) {
            for (CUdeviceptr p; (p = list.poll()) != null; ) Cuda.check(JCudaDriver.cuMemFree(p), "cuMemFree");
        }
        bytesCached = 0;
    }

    /** How many times cuMemAlloc was called. */
    public synchronized long deviceAllocations() { return deviceAllocations; }

    public synchronized long bytesInUse() { return bytesInUse; }

    public synchronized long bytesCached() { return bytesCached; }
}
