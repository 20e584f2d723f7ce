package lottery.kernels.cuda;

/**
 * The driver calls the CUDA path makes, behind one seam: device memory, copies, fills, kernel
 * launches and waiting, all on one stream. {@link NativeDriver} makes them through JCuda on a GPU;
 * {@link HostDriver} runs them on host memory (the kernels as plain Java twins), so the allocator,
 * buffers, staging and device-resident training are tested on machines without a GPU.
 * <p>Ordering contract: uploads, fills and launches are queued on the stream and return at once
 * (an upload has read its host array when it returns); a download returns when the data is on the
 * host, after everything queued before it. Nothing else needs an explicit {@link #synchronize()}.
 */
public interface CudaDriver {
    /** A block of at least {@code bytes} bytes; 0 when the device is out of memory. */
    long allocate(long bytes);

    void free(long address);

    void upload(long dst, float[] src, int srcOff, int count);

    void upload(long dst, int[] src, int srcOff, int count);

    void upload(long dst, long[] src, int srcOff, int count);

    void download(long src, float[] dst, int dstOff, int count);

    void download(long src, int[] dst, int dstOff, int count);

    /** Sets {@code count} 4-byte words at {@code dst} to {@code value} (queued). */
    void fill32(long dst, int value, long count);

    /** Queues {@code kernel} on a gridX × gridY grid of {@code block}-thread blocks. */
    void launch(String kernel, int gridX, int gridY, int block, KernelArgs args);

    /** Waits for everything queued; surfaces asynchronous kernel errors. */
    void synchronize();

    /** The device's description for reports. */
    CudaContext.DeviceInfo info();
}
