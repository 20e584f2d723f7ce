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

    @Test void nmKeepsNInEveryGroupOfM() {
        BitMask m = MaskPattern.parse("nm:8").make(5, 20, 0.25, 3);           // N = 2 of 8; the last group of 4 keeps 2
        for (int i = 0; i < 5; i++)
            for (int g0 = 0; g0 < 20; g0 += 8) {
                int kept = 0;
                for (int j = g0; j < Math.min(20, g0 + 8); j++) if (m.get(i, j)) kept++;
                assertEquals(2, kept);
            }
        assertEquals(5 * 1 * 3, MaskPattern.parse("nm:1:4").make(5, 12, 0.9, 1).count());
        assertEquals("block4x4", MaskPattern.parse("block:4x4").label());
        assertThrows(IllegalArgumentException.class, () -> MaskPattern.parse("nm:5:4"));
        assertThrows(IllegalArgumentException.class, () -> MaskPattern.parse("nm:x"));
    }
}
