package lottery.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class CrossoverTest {
    @Test void interpolatesInLogDensity() {
        // speedup 0.5 at 0.2, 2.0 at 0.05: crosses 1 one third of the way in log space
        double d = Crossover.find(new double[]{1.0, 0.2, 0.05}, new double[]{0.1, 0.5, 2.0});
        double expect = Math.exp(Math.log(0.2) + (1.0 / 3) * (Math.log(0.05) - Math.log(0.2)));
        assertEquals(expect, d, 1e-12);
        assertTrue(d < 0.2 && d > 0.05);
    }

    @Test void orderDoesNotMatterAndNaNsAreSkipped() {
        double a = Crossover.find(new double[]{0.05, 1.0, 0.2}, new double[]{2.0, 0.1, 0.5});
        double b = Crossover.find(new double[]{1.0, 0.5, 0.2, 0.05}, new double[]{0.1, Double.NaN, 0.5, 2.0});
        assertEquals(a, b, 1e-12);
    }

    @Test void exactHitAndEdges() {
        assertEquals(0.1, Crossover.find(new double[]{0.5, 0.1}, new double[]{0.5, 1.0}), 1e-12);
        assertEquals(1.0, Crossover.find(new double[]{1.0, 0.1}, new double[]{1.2, 3.0}), 0);
        assertTrue(Double.isNaN(Crossover.find(new double[]{1.0, 0.1}, new double[]{0.2, 0.9})));
        assertThrows(IllegalArgumentException.class, () -> Crossover.find(new double[]{1}, new double[]{1, 2}));
    }
}
