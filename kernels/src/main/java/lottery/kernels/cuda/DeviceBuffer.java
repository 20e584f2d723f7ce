package lottery.kernels.cuda;

import java.util.Objects;

/**
 * A block of device memory from the context's {@link CachingAllocator}; {@link #close()} returns
 * it to the allocator (a second close does nothing, a use after close throws). Copies follow the
 * driver's stream order: an upload is queued after the work already queued (the host array may be
 * reused when it returns), a download returns when the data, computed by that work, has arrived.
 */
public final class DeviceBuffer implements AutoCloseable {
    private final CudaContext context;
    private final long address;
    /** Bytes asked for (the block may be larger). */
    public final long bytes;
    final int sizeClass;
    private boolean closed;

    DeviceBuffer(CudaContext context, long address, long bytes, int sizeClass) {
        this.context = context;
        this.address = address;
        this.bytes = bytes;
        this.sizeClass = sizeClass;
    }

    /** Capacity in 4-byte elements (float or int). */
    public long floats() { return bytes / 4; }

    /** The device address of the first byte. */
    public long address() {
        if (closed) throw new IllegalStateException("device buffer used after close()");
        return address;
    }

    /** The device address {@code elements} 4-byte elements in. */
    public long at(long elements) {
        checkRange(elements, 0);
        return address() + 4 * elements;
    }

    public boolean isClosed() { return closed; }

    public CudaContext context() { return context; }

    public void upload(float[] src) { upload(src, 0, 0, src.length); }

    /** this[dstOff .. dstOff+len) = src[srcOff .. srcOff+len). */
    public void upload(float[] src, int srcOff, long dstOff, int len) {
        Objects.checkFromIndexSize(srcOff, len, src.length);
        checkRange(dstOff, len);
        if (len == 0) return;
        context.driver().upload(at(dstOff), src, srcOff, len);
        count(true, 4L * len);
    }

    public void upload(int[] src) {
        checkRange(0, src.length);
        if (src.length == 0) return;
        context.driver().upload(address(), src, 0, src.length);
        count(true, 4L * src.length);
    }

    public void upload(long[] src) {
        if (8L * src.length > bytes) throw new IndexOutOfBoundsException("upload of " + 8L * src.length + " bytes into a " + bytes
                + "-byte device buffer");
        if (src.length == 0) return;
        context.driver().upload(address(), src, 0, src.length);
        count(true, 8L * src.length);
    }

    public void download(float[] dst) { download(0, dst, 0, dst.length); }

    /** dst[dstOff .. dstOff+len) = this[srcOff .. srcOff+len). */
    public void download(long srcOff, float[] dst, int dstOff, int len) {
        Objects.checkFromIndexSize(dstOff, len, dst.length);
        checkRange(srcOff, len);
        if (len == 0) return;
        context.driver().download(at(srcOff), dst, dstOff, len);
        count(false, 4L * len);
    }

    public void download(int[] dst) {
        checkRange(0, dst.length);
        if (dst.length == 0) return;
        context.driver().download(address(), dst, 0, dst.length);
        count(false, 4L * dst.length);
    }

    /** Sets the first {@code elements} 4-byte elements to 0 (queued on the stream). */
    public void zero(long elements) { fill(0, elements); }

    /** Sets {@code elements} 4-byte elements from {@code off} to 0 (queued on the stream). */
    public void fill(long off, long elements) {
        checkRange(off, elements);
        if (elements == 0) return;
        context.driver().fill32(at(off), 0, elements);
        context.traffic().fills++;
    }

    private void count(boolean up, long n) {
        CudaContext.Traffic t = context.traffic();
        if (up) { t.uploads++; t.uploadBytes += n; } else { t.downloads++; t.downloadBytes += n; }
    }

    private void checkRange(long offElements, long countElements) {
        if (offElements < 0 || countElements < 0 || (offElements + countElements) * 4 > bytes)
            throw new IndexOutOfBoundsException("elements [" + offElements + ", " + (offElements + countElements)
                    + ") outside a buffer of " + floats());
    }

    @Override public void close() {
        if (closed) return;
        closed = true;
        context.allocator().release(address, sizeClass);
    }
}
