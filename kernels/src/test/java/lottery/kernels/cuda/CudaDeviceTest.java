package lottery.kernels.cuda;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Context, buffers, allocator reuse, argument checks and the vendor baselines. */
class CudaDeviceTest extends GpuTest {
    @Test void deviceInfoIsSane() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ctx.driver() instanceof NativeDriver, "describes a GPU, not the host driver");
        CudaContext.DeviceInfo info = ctx.info();
        assertTrue(info.ccMajor() >= 7 && info.totalMemoryBytes() > 0 && info.driverVersion() >= 12000, info.toString());
    }

    @Test void copiesRoundTripWithOffsets() {
        float[] host = CudaSelfTest.random(new java.util.SplittableRandom(1), 1001), back = new float[1001];
        try (DeviceBuffer b = ctx.allocateFloats(2000)) {
            b.upload(host, 1, 500, 1000);
            b.download(500, back, 1, 1000);
        }
        back[0] = host[0];
        assertArrayEquals(host, back);
    }

    @Test void releasedBlocksAreReusedWithoutNewDeviceAllocations() {
        try (DeviceBuffer warm = ctx.allocateFloats(3000)) { warm.zero(3000); }
        long before = ctx.allocator().deviceAllocations();
        for (int i = 0; i < 100; i++) {
            try (DeviceBuffer b = ctx.allocateFloats(2049 + i)) { b.zero(2049); }
        }
        assertEquals(before, ctx.allocator().deviceAllocations(), "same size class, served from the free list");
    }

    @Test void badShapesAreRejectedBeforeLaunch() {
        try (DeviceBuffer small = ctx.allocateFloats(10); DeviceBuffer big = ctx.allocateFloats(1000)) {
            assertThrows(IllegalArgumentException.class, () -> CudaKernels.sgemm(false, false, 10, 10, 10, small, big, 0f, big));
            assertThrows(IllegalArgumentException.class, () -> CudaElementwise.add(11, small, big, big));
            assertThrows(IndexOutOfBoundsException.class, () -> small.upload(new float[11]));
        }
    }

    @Test void vendorBaselinesMatchTheOracles() {
        java.util.List<CudaSelfTest.Result> r = new java.util.ArrayList<>();
        if (Cuda.usableInTests("cuBLAS", Cublas.status()))
            for (boolean ta : new boolean[] {false, true})
                for (boolean tb : new boolean[] {false, true}) r.add(CudaSelfTest.cublasSgemm(ctx, ta, tb, 33, 257, 65, 1));
        if (Cuda.usableInTests("cuSPARSE", Cusparse.status())) {
            r.add(CudaSelfTest.cusparseSpmm(ctx, false, 257, 1000, 7, 0.1, 2));
            r.add(CudaSelfTest.cusparseSpmm(ctx, true, 257, 1000, 7, 0.1, 3));
            r.add(CudaSelfTest.cusparseSddmmT(ctx, 257, 33, 60, 0.3, 4));
        }
        org.junit.jupiter.api.Assumptions.assumeFalse(r.isEmpty(), "cuBLAS and cuSPARSE unavailable: " + Cublas.status().reason());
        assertPassed(r);
    }
}
