package lottery.kernels.cuda;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The allocator and buffer bookkeeping, run on host memory through {@link HostDriver} (no GPU needed). */
class DeviceLifecycleTest {
    private static final long MIB = 1 << 20;

    @Test void closeReturnsTheBlockToTheFreeListAndReuseAllocatesNothing() {
        CudaContext ctx = HostDriver.context(64 * MIB);
        CachingAllocator a = ctx.allocator();
        DeviceBuffer b = ctx.allocateFloats(1000);
        long address = b.address();
        assertEquals(4096, a.bytesInUse());
        assertDoesNotThrow(b::close, "closing a buffer returns its block");
        assertEquals(0, a.bytesInUse());
        assertEquals(4096, a.bytesCached());
        try (DeviceBuffer again = ctx.allocateFloats(900)) {
            assertEquals(address, again.address(), "same size class: the cached block is handed out again");
        }
        assertEquals(1, a.deviceAllocations(), "one driver allocation for both buffers");
    }

    @Test void tryWithResourcesReleasesEveryBufferInALoop() {
        CudaContext ctx = HostDriver.context(64 * MIB);
        for (int i = 0; i < 100; i++) {
            try (DeviceBuffer x = ctx.allocateFloats(2049 + i); DeviceBuffer y = ctx.allocateFloats(10)) { x.zero(2049); y.zero(10); }
        }
        assertEquals(2, ctx.allocator().deviceAllocations());
        assertEquals(0, ctx.allocator().bytesInUse());
    }

    @Test void aSecondCloseDoesNotReleaseTheBlockTwice() {
        CudaContext ctx = HostDriver.context(64 * MIB);
        DeviceBuffer b = ctx.allocateFloats(64);
        b.close();
        b.close();
        assertEquals(256, ctx.allocator().bytesCached(), "released once");
        try (DeviceBuffer x = ctx.allocateFloats(64); DeviceBuffer y = ctx.allocateFloats(64)) {
            assertNotEquals(x.address(), y.address(), "two live buffers never share a block");
        }
    }

    @Test void useAfterCloseThrows() {
        CudaContext ctx = HostDriver.context(64 * MIB);
        DeviceBuffer b = ctx.allocateFloats(16);
        b.close();
        assertTrue(b.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.upload(new float[16]));
        assertEquals("device buffer used after close()", e.getMessage());
        assertThrows(IllegalStateException.class, () -> b.download(new float[16]));
        assertThrows(IllegalStateException.class, () -> CudaElementwise.fill(16, 1f, b));
    }

    @Test void copiesRoundTripWithOffsetsAndAreCounted() {
        CudaContext ctx = HostDriver.context(64 * MIB);
        float[] host = new float[1001], back = new float[1001];
        for (int i = 0; i < host.length; i++) host[i] = i * 0.5f;
        CudaContext.Snapshot before = ctx.traffic().snapshot();
        try (DeviceBuffer b = ctx.allocateFloats(2000)) {
            b.upload(host, 1, 500, 1000);
            b.download(500, back, 1, 1000);
        }
        back[0] = host[0];
        assertArrayEquals(host, back);
        CudaContext.Snapshot d = ctx.traffic().snapshot().minus(before);
        assertEquals(1, d.uploads());
        assertEquals(4000, d.uploadBytes());
        assertEquals(1, d.downloads());
        assertEquals(0, d.syncs(), "copies wait in stream order, not with an explicit synchronisation");
    }

    @Test void outOfMemoryFreesTheCacheAndRetries() {
        HostDriver driver = new HostDriver(3 * MIB);
        CudaContext ctx = new CudaContext(driver);
        ctx.allocate(MIB).close();                   // 1 MiB cached
        ctx.allocate(MIB / 2).close();               // 512 KiB cached
        assertEquals(MIB + MIB / 2, ctx.allocator().bytesCached());
        try (DeviceBuffer big = ctx.allocate(2 * MIB)) {   // does not fit beside the cache: cache evicted, then it fits
            assertEquals(0, ctx.allocator().bytesCached());
            assertEquals(2 * MIB, driver.bytesAllocated());
            CudaException e = assertThrows(CudaException.class, () -> ctx.allocate(2 * MIB));
            assertTrue(e.getMessage().startsWith("cuMemAlloc(2097152 bytes) failed: CUDA_ERROR_OUT_OF_MEMORY"), e.getMessage());
            assertTrue(e.getMessage().contains("2097152 bytes in use"), e.getMessage());
        }
        assertEquals(2 * MIB, ctx.allocator().bytesCached(), "the big block is cached after close");
    }

    @Test void theHostDriverRejectsAccessOutsideLiveBlocks() {
        HostDriver driver = new HostDriver(MIB);
        long p = driver.allocate(64);
        assertThrows(CudaException.class, () -> driver.upload(p, new float[17], 0, 17), "past the end");
        driver.free(p);
        assertThrows(CudaException.class, () -> driver.upload(p, new float[1], 0, 1), "after free");
        assertThrows(CudaException.class, () -> driver.free(p), "double free");
        assertEquals(0, driver.liveBlocks());
    }

    @Test void kernelArgumentsAreCheckedAgainstTheKernelSignature() {
        CudaContext ctx = HostDriver.context(MIB);
        try (DeviceBuffer x = ctx.allocateFloats(8)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Launch().i(8).p(x).f(1f).run(ctx, "lottery_fill", 1));
            assertEquals("lottery_fill: launched with argument kinds ipf, the kernel takes ifp", e.getMessage());
        }
    }
}
