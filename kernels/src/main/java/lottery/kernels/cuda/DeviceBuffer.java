package lottery.kernels.cuda;

import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/**
 * A block of device memory from the context's {@link CachingAllocator}; {@link #close()} returns
 * it to the allocator. Copies are synchronous: a download waits for the work queued on the
 * context's stream, an upload is ordered after it.
 */
public final class DeviceBuffer implements AutoCloseable {
    private final CudaContext context;
    private final CUdeviceptr pointer;
    /** Bytes asked for (the block may be larger). */
    public final long bytes;
    final int sizeClass;
    private boolean closed;

    DeviceBuffer(CudaContext context, CUdeviceptr pointer, long bytes, int sizeClass) {
        this.context = context;
        this.pointer = pointer;
        this.bytes = bytes;
        this.sizeClass = sizeClass;
    }

    /** Capacity in 4-byte elements (float or int). */
    public long floats() { return bytes / Sizeof.FLOAT; }

    /** The device address of the first byte. */
    public CUdeviceptr pointer() {
        if (closed) throw new IllegalStateException("device buffer used after close()");
        return pointer;
    }

    /** The device address {@code elements} 4-byte elements in. */
    public CUdeviceptr at(long elements) {
        checkRange(elements, 0);
        return elements == 0 ? pointer() : pointer().withByteOffset(elements * Sizeof.FLOAT);
    }

    public CudaContext context() { return context; }

    public void upload(float[] src) { upload(src, 0, 0, src.length); }

    /** this[dstOff .. dstOff+len) = src[srcOff .. srcOff+len). */
    public void upload(float[] src, int srcOff, long dstOff, int len) {
        java.util.Objects.checkFromIndexSize(srcOff, len, src.length);
        copyIn(Pointer.to(src).withByteOffset((long) srcOff * Sizeof.FLOAT), dstOff, len, Sizeof.FLOAT);
    }

    public void upload(int[] src) {
        copyIn(Pointer.to(src), 0, src.length, Sizeof.INT);
    }

    public void upload(long[] src) {
        copyIn(Pointer.to(src), 0, src.length, Sizeof.LONG);
    }

    public void download(float[] dst) { download(0, dst, 0, dst.length); }

    /** dst[dstOff .. dstOff+len) = this[srcOff .. srcOff+len). */
    public void download(long srcOff, float[] dst, int dstOff, int len) {
        java.util.Objects.checkFromIndexSize(dstOff, len, dst.length);
        copyOut(Pointer.to(dst).withByteOffset((long) dstOff * Sizeof.FLOAT), srcOff, len, Sizeof.FLOAT);
    }

    public void download(int[] dst) { copyOut(Pointer.to(dst), 0, dst.length, Sizeof.INT); }

    /** Sets the first {@code elements} 4-byte elements to 0 (queued on the stream). */
    public void zero(long elements) {
        checkRange(0, elements);
        if (elements == 0) return;
        context.makeCurrent();
        Cuda.check(JCudaDriver.cuMemsetD32Async(pointer(), 0, elements, context.stream()), "cuMemsetD32Async");
    }

    private void copyIn(Pointer host, long dstElem, long count, int size) {
        long byteOff = dstElem * size, n = count * size;
        if (byteOff < 0 || byteOff + n > bytes) throw new IndexOutOfBoundsException("upload of " + n + " bytes at " + byteOff + " into a " + bytes + "-byte device buffer");
        if (n == 0) return;
        context.synchronize();
        Cuda.check(JCudaDriver.cuMemcpyHtoD(byteOff == 0 ? pointer() : pointer().withByteOffset(byteOff), host, n), "cuMemcpyHtoD(" + n + " bytes)");
    }

    private void copyOut(Pointer host, long srcElem, long count, int size) {
        long byteOff = srcElem * size, n = count * size;
        if (byteOff < 0 || byteOff + n > bytes) throw new IndexOutOfBoundsException("download of " + n + " bytes at " + byteOff + " from a " + bytes + "-byte device buffer");
        if (n == 0) return;
        context.synchronize();
        Cuda.check(JCudaDriver.cuMemcpyDtoH(host, byteOff == 0 ? pointer() : pointer().withByteOffset(byteOff), n), "cuMemcpyDtoH(" + n + " bytes)");
    }

    private void checkRange(long offElements, long countElements) {
        if (offElements < 0 || countElements < 0 || (offElements + countElements) * Sizeof.FLOAT > bytes)
            throw new IndexOutOfBoundsException("elements [" + offElements + ", " + (offElements + countElements) + ") outside a buffer of " + floats());
    }

    @Override public void close() {
        if (closed) return;
        closed = true;
        context.allocator().release(this);
    }
}
