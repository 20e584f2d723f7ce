package lottery.kernels.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import lottery.kernels.BitMask;
import lottery.kernels.KernelChoice;
import lottery.kernels.KernelChoice.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The density rule and its system property override. */
class KernelChoiceTest {
    @AfterEach void clearOverride() { System.clearProperty(KernelChoice.PROPERTY); }

    @Test void defaultCrossover() {
        double x = KernelChoice.DEFAULT_SPARSE_BELOW;
        assertEquals(x, KernelChoice.sparseBelow());
        assertEquals(Path.SPARSE, KernelChoice.choose(x / 2, 60, 300, 784));
        assertEquals(Path.SPARSE, KernelChoice.choose(0, 60, 300, 784));
        assertEquals(Path.MASKED, KernelChoice.choose(x, 60, 300, 784));
        assertEquals(Path.MASKED, KernelChoice.choose(0.99, 60, 300, 784));
        assertEquals(Path.DENSE, KernelChoice.choose(1.0, 60, 300, 784));
    }

    @Test void unmaskedLayerIsDense() {
        assertEquals(Path.DENSE, KernelChoice.choose(null, 60));
        assertEquals(Path.DENSE, KernelChoice.choose(BitMask.ones(3, 5), 60));
        assertEquals(Path.SPARSE, KernelChoice.choose(new BitMask(3, 5), 60));
    }

    @Test void propertyOverridesCrossover() {
        System.setProperty(KernelChoice.PROPERTY, "0.05");
        assertEquals(0.05, KernelChoice.sparseBelow());
        assertEquals(Path.SPARSE, KernelChoice.choose(0.04, 60, 100, 300));
        assertEquals(Path.MASKED, KernelChoice.choose(0.06, 60, 100, 300));
        System.setProperty(KernelChoice.PROPERTY, "0");
        assertEquals(Path.MASKED, KernelChoice.choose(0.0, 60, 100, 300));
        System.setProperty(KernelChoice.PROPERTY, "1");
        assertEquals(Path.SPARSE, KernelChoice.choose(0.99, 60, 100, 300));
        assertEquals(Path.DENSE, KernelChoice.choose(1.0, 60, 100, 300));
    }

    @Test void badOverrideOrDensityIsAClearError() {
        System.setProperty(KernelChoice.PROPERTY, "lots");
        assertThrows(IllegalArgumentException.class, () -> KernelChoice.choose(0.1, 60, 10, 100));
        System.setProperty(KernelChoice.PROPERTY, "1.5");
        assertThrows(IllegalArgumentException.class, KernelChoice::sparseBelow);
        System.clearProperty(KernelChoice.PROPERTY);
        assertThrows(IllegalArgumentException.class, () -> KernelChoice.choose(-0.1, 60, 10, 100));
        assertThrows(IllegalArgumentException.class, () -> KernelChoice.choose(Double.NaN, 60, 10, 100));
    }
}
