package lottery.kernels.cuda;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link CudaDriver} on host memory, for machines without a GPU: every call runs at once on the
 * calling thread, kernels run as their Java twins in {@link HostKernels} (argument kinds checked
 * against the kernel's CUDA signature), and memory is a set of heap blocks with addresses like a
 * device's. A read or write outside a live block (a freed one included) throws, and a capacity
 * makes allocations fail as on a full device. Counters let tests assert the bookkeeping.
 */
public final class HostDriver implements CudaDriver {
    static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
    static final ValueLayout.OfInt I = ValueLayout.JAVA_INT_UNALIGNED;
    static final ValueLayout.OfLong L = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final long BASE = 1L << 32, ALIGN = 256;

    private final long capacity;
    private final TreeMap<Long, MemorySegment> blocks = new TreeMap<>();
    private long next = BASE, used;

    /** A device of {@code capacityBytes} bytes. */
    public HostDriver(long capacityBytes) {
        if (capacityBytes < 0) throw new IllegalArgumentException("negative capacity " + capacityBytes);
        this.capacity = capacityBytes;
    }

    /** A context over a new host driver of {@code capacityBytes} bytes. */
    public static CudaContext context(long capacityBytes) { return new CudaContext(new HostDriver(capacityBytes)); }

    @Override public synchronized long allocate(long bytes) {
        if (bytes < 0 || bytes > Integer.MAX_VALUE * 8L) throw new IllegalArgumentException("host driver cannot allocate " + bytes
                + " bytes");
        if (used + bytes > capacity) return 0;
        long address = next;
        next += Math.max(ALIGN, (bytes + ALIGN - 1) / ALIGN * ALIGN) + ALIGN;   // a gap between blocks: overruns hit no block
        blocks.put(address, MemorySegment.ofArray(new long[(int) ((bytes + 7) / 8)]).asSlice(0, bytes));
        used += bytes;
        return address;
    }

    @Override public synchronized void free(long address) {
        MemorySegment b = blocks.remove(address);
        if (b == null) throw new CudaException("cuMemFree failed: CUDA_ERROR_INVALID_VALUE (no block starts at 0x"
                + Long.toHexString(address) + ")");
        used -= b.byteSize();
    }

    /** Bytes held by live blocks. */
    public synchronized long bytesAllocated() { return used; }

    /** Live blocks. */
    public synchronized int liveBlocks() { return blocks.size(); }

    /** The memory from {@code address} to the end of its block; throws outside every live block. */
    synchronized MemorySegment at(long address, long bytes) {
        if (address == 0) throw new CudaException("host driver: NULL device pointer dereferenced");
        Map.Entry<Long, MemorySegment> e = blocks.floorEntry(address);
        long off = e == null ? -1 : address - e.getKey();
        if (e == null || off + bytes > e.getValue().byteSize())
            throw new CudaException("host driver: " + bytes + " bytes at 0x" + Long.toHexString(address) + " lie outside every live block"
                    + " (CUDA_ERROR_ILLEGAL_ADDRESS on a GPU)");
        return e.getValue().asSlice(off);
    }

    @Override public void upload(long dst, float[] src, int srcOff, int count) {
        MemorySegment.copy(src, srcOff, at(dst, 4L * count), F, 0, count);
    }

    @Override public void upload(long dst, int[] src, int srcOff, int count) {
        MemorySegment.copy(src, srcOff, at(dst, 4L * count), I, 0, count);
    }

    @Override public void upload(long dst, long[] src, int srcOff, int count) {
        MemorySegment.copy(src, srcOff, at(dst, 8L * count), L, 0, count);
    }

    @Override public void download(long src, float[] dst, int dstOff, int count) {
        MemorySegment.copy(at(src, 4L * count), F, 0, dst, dstOff, count);
    }

    @Override public void download(long src, int[] dst, int dstOff, int count) {
        MemorySegment.copy(at(src, 4L * count), I, 0, dst, dstOff, count);
    }

    @Override public void fill32(long dst, int value, long count) {
        MemorySegment s = at(dst, 4 * count);
        for (long i = 0; i < count; i++) s.setAtIndex(I, i, value);
    }

    @Override public void launch(String kernel, int gridX, int gridY, int block, KernelArgs args) {
        if (gridX < 1 || gridY < 1 || block < 1 || block > 1024)
            throw new CudaException("cuLaunchKernel(" + kernel + ") failed: CUDA_ERROR_INVALID_VALUE (grid " + gridX + "x" + gridY
                    + ", block " + block + ")");
        HostKernels.run(this, kernel, gridX, gridY, block, args);
    }

    @Override public void synchronize() {}

    @Override public CudaContext.DeviceInfo info() {
        return new CudaContext.DeviceInfo(0, "host memory (CUDA kernels emulated in Java)", 0, 0, 1, capacity, 0);
    }
}
