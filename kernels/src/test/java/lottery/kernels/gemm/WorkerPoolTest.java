package lottery.kernels.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
    @Test void runsEveryPartExactlyOncePerJob() {
        for (int parts = 1; parts <= 4; parts++) {
            for (int job = 0; job < 200; job++) {
                AtomicIntegerArray runs = new AtomicIntegerArray(parts);
                assertTrue(WorkerPool.shared().tryRun(parts, runs::incrementAndGet));
                int[] seen = new int[parts], once = new int[parts];
                for (int p = 0; p < parts; p++) { seen[p] = runs.get(p); once[p] = 1; }
                assertArrayEquals(once, seen);
            }
        }
    }

    @Test void rethrowsAWorkersFailureAndStaysUsable() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WorkerPool.shared().tryRun(3, part -> {
            if (part == 2) throw new IllegalStateException("part 2 failed");
        }));
        assertEquals("part 2 failed", e.getMessage());
        AtomicIntegerArray runs = new AtomicIntegerArray(3);
        assertTrue(WorkerPool.shared().tryRun(3, runs::incrementAndGet));
        assertEquals(1, runs.get(2));
    }

    @Test void equalBlocksCoverTheExtent() {
        assertEquals(196, Blocking.equalBlock(784, 256, 4));
        assertEquals(152, Blocking.equalBlock(300, 256, 4));
        assertEquals(60, Blocking.equalBlock(60, 256, 4));
        assertEquals(6, Blocking.equalBlock(1, 192, 6));
    }
}
