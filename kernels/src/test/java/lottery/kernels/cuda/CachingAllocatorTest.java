package lottery.kernels.cuda;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Size classes of the device allocator; reuse, release and eviction are in DeviceLifecycleTest. */
class CachingAllocatorTest {
    @Test void sizeClassIsTheSmallestPowerOfTwoBlockThatFits() {
        assertEquals(0, CachingAllocator.sizeClass(0));
        assertEquals(0, CachingAllocator.sizeClass(256));
        assertEquals(1, CachingAllocator.sizeClass(257));
        assertEquals(1, CachingAllocator.sizeClass(512));
        assertEquals(16, CachingAllocator.sizeClass(1L << 24));
        assertEquals(17, CachingAllocator.sizeClass((1L << 24) + 1));
        for (long bytes = 1; bytes < 1L << 40; bytes = bytes * 3 + 1) {
            long block = CachingAllocator.classBytes(CachingAllocator.sizeClass(bytes));
            assertTrue(block >= bytes && (block == 256 || block / 2 < bytes), "bytes " + bytes + " -> block " + block);
        }
        assertThrows(IllegalArgumentException.class, () -> CachingAllocator.sizeClass(-1));
    }
}
