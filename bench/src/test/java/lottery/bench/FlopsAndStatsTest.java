package lottery.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class FlopsAndStatsTest {
    @Test void gflopsIsTwoMnkOverTime() {
        assertEquals(2.0 * 1024 * 1024 * 1024 / 1e9 / 0.01, Flops.gflops(1024, 1024, 1024, 10.0), 1e-9);
        assertEquals(2.0 * 60 * 300 * 784 / 1e6, Flops.gflops(60, 300, 784, 1.0), 1e-9);
        assertEquals(0.036 * Flops.gflops(60, 300, 784, 0.5), Flops.keptGflops(60, 300, 784, 0.036, 0.5), 1e-12);
        assertEquals(2.0 * 60 * 300 * 784, GemmShape.of("x", Op.BACKWARD_WEIGHTS, 300, 784, 60, 60).flops());
    }

    @Test void statsMedianMinAndConfidenceInterval() {
        Stats s = Stats.of(new double[]{3, 1, 2, 100}, 3);           // only the first 3 samples count
        assertEquals(2, s.medianMs());
        assertEquals(1, s.minMs());
        assertEquals(2, s.meanMs(), 1e-12);
        assertEquals(4.303 * 1 / Math.sqrt(3), s.ci95Ms(), 1e-9);    // sd = 1, t(2) = 4.303
        assertEquals(2.5, Stats.of(new double[]{1, 2, 3, 4}, 4).medianMs());
        assertTrue(Double.isNaN(Stats.of(new double[]{5}, 1).ci95Ms()));
        assertEquals(1.96, Stats.tQuantile975(1000));
    }

    @Test void repsFillTheBatch() {
        assertEquals(10, Timer.repsFor(1.0, 10.0));
        assertEquals(1, Timer.repsFor(50.0, 10.0));
    }
}
