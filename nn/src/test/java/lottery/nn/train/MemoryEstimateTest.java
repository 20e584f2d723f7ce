package lottery.nn.train;

import lottery.nn.Module;
import lottery.nn.models.Models;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class MemoryEstimateTest {
    private static final int[] MNIST = {1, 28, 28};

    @Test void countsEveryLayerOutputOnce() {
        Module m = Models.create("lenet300", MNIST, 10, 0);
        MemoryEstimate e = MemoryEstimate.of("lenet300", m, MNIST);
        // input, fc1, relu, fc2, relu, fc3; Flatten of a flat input is no copy
        assertEquals(784 + 300 + 300 + 100 + 100 + 10, e.floatsPerSample());
        assertEquals("input", e.largestLayer());
        assertEquals(266_610, e.parameters());
        assertEquals(4L * (60 * e.floatsPerSample() + 2 * 266_610), e.bytes(60));
        assertTrue(m.isTraining(), "the model is left in training mode");
    }

    @Test void aBatchWhoseLayerOutputOverflowsAnArrayNamesTheValueAndTheLimit() {
        Module m = Models.create("conv6", MNIST, 10, 0);
        MemoryEstimate e = MemoryEstimate.of("conv6", m, MNIST);
        assertEquals("conv1", e.largestLayer());
        assertEquals(64 * 28 * 28, e.largestPerSample());
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> e.check(55_000, Long.MAX_VALUE));
        assertEquals("--batch 55000 is too large for conv6: the output of conv1 (50,176 floats per sample) would need "
                + "2,759,680,000 floats, more than the 2,147,483,639 a Java array holds; use --batch 42799 or less", x.getMessage());
        e.check(42_799, Long.MAX_VALUE);
    }

    @Test void aBatchThatCannotFitInTheHeapIsRefusedWithWhatToDo() {
        Module m = Models.create("conv6", MNIST, 10, 0);
        MemoryEstimate e = MemoryEstimate.of("conv6", m, MNIST);
        long sixGiB = 6L << 30;
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> e.check(25_000, sixGiB));
        String msg = x.getMessage();
        assertTrue(msg.startsWith("--batch 25000 needs at least 35.1 GiB for conv6"), msg);
        assertTrue(msg.contains("more than the 6.0 GiB this JVM has free") && msg.contains("LOTTERY_JAVA_OPTS=-Xmx"), msg);
        int fits = e.largestBatch(sixGiB);
        assertTrue(msg.contains("at most " + fits + ")"), msg);
        e.check(fits, sixGiB);
        assertThrows(IllegalArgumentException.class, () -> e.check(fits + 1, sixGiB));
        assertEquals(1, msg.lines().count());
    }
}
