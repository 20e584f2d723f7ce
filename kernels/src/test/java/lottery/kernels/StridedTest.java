package lottery.kernels;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StridedTest {
    @Test void transposeMatchesTheIndexDefinitionOnOddShapes() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int[] s : new int[][] {{1, 1}, {7, 33}, {33, 7}, {60, 784}, {257, 31}}) {
            int rows = s[0], cols = s[1];
            float[] src = new float[rows * cols], dst = new float[rows * cols], want = new float[rows * cols];
            for (int i = 0; i < src.length; i++) src[i] = (float) rnd.nextGaussian();
            for (int i = 0; i < dst.length; i++) dst[i] = Float.NaN;            // beta 0 must not read dst
            for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) want[c * rows + r] = src[r * cols + c];
            Strided.transpose(src, rows, cols, 0f, dst);
            assertArrayEquals(want, dst, rows + "x" + cols);
            float[] acc = dst.clone();
            for (int i = 0; i < acc.length; i++) want[i] = src[(i % rows) * cols + i / rows] + 0.5f * acc[i];
            Strided.transpose(src, rows, cols, 0.5f, acc);
            assertArrayEquals(want, acc, "beta 0.5, " + rows + "x" + cols);
        }
    }

    @Test void copyHonoursOffsetsAndStrides() {
        // src: 3x4 block inside a 5x6 array at (1, 2); dst: its transpose inside an 8-wide array at offset 3
        float[] src = new float[30], dst = new float[3 + 4 * 8];
        for (int i = 0; i < src.length; i++) src[i] = i;
        Strided.copy2d(3, 4, src, 6 + 2, 6, 1, 0f, dst, 3, 1, 8);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 4; j++)
                assertEquals(src[8 + i * 6 + j], dst[3 + i + j * 8], i + "," + j);
        assertEquals(0f, dst[0]);                 // nothing before the offset written
    }
}
