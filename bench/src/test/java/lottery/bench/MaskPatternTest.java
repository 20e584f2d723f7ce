package lottery.bench;

import lottery.kernels.BitMask;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class MaskPatternTest {
    @Test void randomKeepsExactCountAndIsSeeded() {
        BitMask m = MaskPattern.RANDOM.make(300, 784, 0.036, 3);
        assertEquals(Math.round(0.036 * 300 * 784), m.count());
        assertEquals(m, MaskPattern.RANDOM.make(300, 784, 0.036, 3));
        assertNotEquals(m, MaskPattern.RANDOM.make(300, 784, 0.036, 4));
        assertEquals(1, MaskPattern.RANDOM.make(10, 10, 0.001, 1).count());  // at least one weight
        assertEquals(100, MaskPattern.RANDOM.make(10, 10, 1.0, 1).count());
    }

    @Test void blocksAreWholeBlocks() {
        BitMask m = MaskPattern.blocks(4, 4).make(16, 32, 0.25, 9);
        assertEquals(0.25 * 16 * 32, m.count());
        for (int bi = 0; bi < 4; bi++)
            for (int bj = 0; bj < 8; bj++) {
                boolean first = m.get(bi * 4, bj * 4);
                for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) assertEquals(first, m.get(bi * 4 + i, bj * 4 + j));
            }
        BitMask row = MaskPattern.blocks(1, 8).make(3, 20, 0.5, 1);          // clipped edge blocks
        assertTrue(row.count() > 0 && row.count() <= 60);
    }
}
