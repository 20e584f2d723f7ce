package lottery.kernels.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BlockingTest {
    @Test void equalBlocksCoverTheExtent() {
        assertEquals(196, Blocking.equalBlock(784, 256, 4));
        assertEquals(152, Blocking.equalBlock(300, 256, 4));
        assertEquals(60, Blocking.equalBlock(60, 256, 4));
        assertEquals(6, Blocking.equalBlock(1, 192, 6));
    }
}
