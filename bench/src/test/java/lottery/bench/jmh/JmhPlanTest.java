package lottery.bench.jmh;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class JmhPlanTest {
    @Test void rejectsPlansWithoutForksOrErrorBars() {
        assertThrows(IllegalArgumentException.class, () -> new JmhPlan(0, 3, 5, 100));
        assertThrows(IllegalArgumentException.class, () -> new JmhPlan(1, -1, 5, 100));
        assertThrows(IllegalArgumentException.class, () -> new JmhPlan(1, 3, 1, 100));
        assertThrows(IllegalArgumentException.class, () -> new JmhPlan(1, 3, 5, 0));
    }

    @Test void estimateCountsEveryForkAndIteration() {
        assertEquals(2 * (JmhPlan.FORK_START_MS + 9 * 300), JmhPlan.DEFAULT.msPerPoint());
        assertEquals("sparse@0.05", JmhKernelBench.variant(lottery.bench.Impl.SPARSE, 0.05));
        assertEquals("dense", JmhKernelBench.variant(lottery.bench.Impl.DENSE, 1.0));
    }
}
