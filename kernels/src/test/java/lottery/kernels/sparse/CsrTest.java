package lottery.kernels.sparse;

import static lottery.kernels.sparse.SparseFixtures.mask;
import static lottery.kernels.sparse.SparseFixtures.randoms;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import lottery.kernels.BitMask;
import lottery.kernels.Csr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Csr construction, value round trips, and its cached column index. */
class CsrTest {
    @ParameterizedTest(name = "[{0}x{1}] density {2}")
    @CsvSource({"1,1,1", "7,33,0.3", "33,7,0", "257,33,0.05", "1001,300,0.1", "5,3,1"})
    void gatherAndScatterRoundTrip(int rows, int cols, double density) {
        Random rnd = new Random(rows * 31L + cols);
        BitMask m = mask(rows, cols, density, rnd);
        float[] w = randoms(rows * cols, rnd);
        Csr csr = Csr.of(w, m);
        assertEquals(m.count(), csr.nnz());
        assertEquals(0, csr.rowPtr[0]);
        for (int r = 0; r < rows; r++)
            for (int e = csr.rowPtr[r]; e < csr.rowPtr[r + 1]; e++) {
                assertTrue(m.get(r, csr.colIdx[e]));
                assertEquals(r * cols + csr.colIdx[e], csr.denseIndex[e]);
                assertEquals(w[csr.denseIndex[e]], csr.values[e]);
                if (e > csr.rowPtr[r]) assertTrue(csr.colIdx[e] > csr.colIdx[e - 1], "columns ascend within a row");
            }
        float[] dense = new float[rows * cols];
        csr.scatter(csr.values, dense);
        float[] masked = w.clone();
        m.applyTo(masked);
        assertArrayEquals(masked, dense, 0f);

        float[] w2 = randoms(rows * cols, rnd);
        csr.gatherValues(w2);
        for (int e = 0; e < csr.nnz(); e++) assertEquals(w2[csr.denseIndex[e]], csr.values[e]);
    }

    @ParameterizedTest(name = "[{0}x{1}] density {2}")
    @CsvSource({"1,1,1", "7,33,0.3", "33,7,0", "257,33,0.05", "1001,300,0.1", "5,3,1"})
    void transposeIndexesTheSameEntriesByColumn(int rows, int cols, double density) {
        Random rnd = new Random(rows * 17L + cols);
        BitMask m = mask(rows, cols, density, rnd);
        Csr csr = Csr.of(randoms(rows * cols, rnd), m);
        Csr.Transpose t = csr.transpose();
        assertSame(t, csr.transpose(), "built once and cached");
        assertEquals(cols + 1, t.colPtr.length);
        assertEquals(0, t.colPtr[0]);
        assertEquals(csr.nnz(), t.colPtr[cols]);
        boolean[] seen = new boolean[csr.nnz()];
        for (int c = 0; c < cols; c++)
            for (int k = t.colPtr[c]; k < t.colPtr[c + 1]; k++) {
                int e = t.entry[k];
                assertTrue(!seen[e], "each entry once");
                seen[e] = true;
                assertEquals(c, csr.colIdx[e]);
                assertEquals(t.rowIdx[k] * cols + c, csr.denseIndex[e]);
                assertTrue(m.get(t.rowIdx[k], c));
                if (k > t.colPtr[c]) assertTrue(t.rowIdx[k] > t.rowIdx[k - 1], "rows ascend within a column");
            }
        for (boolean s : seen) assertTrue(s);
    }
}
