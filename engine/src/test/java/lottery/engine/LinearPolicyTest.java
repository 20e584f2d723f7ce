package lottery.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LinearPolicyTest {
    @Test void measuredCrossoverByDensity() {
        LinearPolicy p = LinearPolicy.MEASURED;
        assertEquals(LinearPath.DENSE, p.choose(1.0, 60, 300, 784));
        assertEquals(LinearPath.MASKED, p.choose(0.8, 60, 300, 784));
        assertEquals(LinearPath.SPARSE, p.choose(0.036, 60, 300, 784));
        assertEquals(LinearPath.SPARSE, new DensityPolicy(0.5).choose(0.45, 60, 3, 3));
        assertEquals(LinearPath.MASKED, new DensityPolicy(0.1).choose(0.45, 60, 3, 3));
    }

    @Test void setAndRestore() {
        LinearPolicy.set(LinearPolicy.forced(LinearPath.MASKED));
        try {
            assertEquals(LinearPath.MASKED, LinearPolicy.current().choose(0.01, 1, 1, 1));
        } finally {
            LinearPolicy.set(null);
        }
        assertEquals(LinearPolicy.MEASURED, LinearPolicy.current());
    }
}
