package lottery.kernels.cuda;

import java.util.ArrayDeque;

/**
 * Device memory in power-of-two size classes (256 B, 512 B, ... ) with a free list per class:
 * a released block is kept and handed out again, so steady-state training allocates from the
 * driver never. Blocks are only reused in stream order (one stream per context), which makes
 * reuse safe without events. When the device is out of memory the cached blocks are freed and the
 * allocation is tried once more; if it still fails, the error names the bytes asked and in use.
 */
public final class CachingAllocator {
    static final int MIN_SHIFT = 8;
    static final int CLASSES = 64 - MIN_SHIFT;

    private final CudaContext context;
    @SuppressWarnings("unchecked")
    private final ArrayDeque<Long>[] free = new ArrayDeque[CLASSES];
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
        Long p = free[c].poll();
        if (p != null) {
            bytesCached -= classBytes(c);
        } else {
            long address = context.driver().allocate(classBytes(c));
            if (address == 0) {
                releaseCached();
                address = context.driver().allocate(classBytes(c));
            }
            if (address == 0)
                throw new CudaException("cuMemAlloc(" + classBytes(c) + " bytes) failed: CUDA_ERROR_OUT_OF_MEMORY (" + bytesInUse
                        + " bytes in use by this process after freeing its cache)");
            deviceAllocations++;
            p = address;
        }
        bytesInUse += classBytes(c);
        return new DeviceBuffer(context, p, bytes, c);
    }

    /** Returns a block to its free list (called once per buffer, by {@link DeviceBuffer#close()}). */
    synchronized void release(long address, int sizeClass) {
        free[sizeClass].push(address);
        bytesInUse -= classBytes(sizeClass);
        bytesCached += classBytes(sizeClass);
    }

    /** Frees every cached (unused) block back to the driver, after the queued work that may still use them. */
    public synchronized void releaseCached() {
        if (bytesCached == 0) return;
        context.synchronize();
        for (ArrayDeque<Long> list : free) {
            for (Long p; (p = list.poll()) != null; ) context.driver().free(p);
        }
        bytesCached = 0;
    }

    /** How many blocks were allocated from the driver. */
    public synchronized long deviceAllocations() { return deviceAllocations; }

    public synchronized long bytesInUse() { return bytesInUse; }

    public synchronized long bytesCached() { return bytesCached; }
}
