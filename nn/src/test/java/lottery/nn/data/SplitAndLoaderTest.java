package lottery.nn.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class SplitAndLoaderTest {
    /** n samples of shape [1, 2, 2]; sample i has pixels (i % 256, i / 256, 7, 200) and label i % 10. */
    static LabeledBytes coded(int n) {
        byte[] px = new byte[n * 4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            px[4 * i] = (byte) (i % 256); px[4 * i + 1] = (byte) (i / 256); px[4 * i + 2] = 7; px[4 * i + 3] = (byte) 200;
            y[i] = i % 10;
        }
        return new LabeledBytes(px, y, new int[] {1, 2, 2}, 10);
    }

    /** The id of a sample decoded from its unstandardised floats. */
    static int id(float[] x, int offset) { return Math.round(x[offset] * 255) + 256 * Math.round(x[offset + 1] * 255); }

    private static int[] ids(Dataset d) {
        int[] ids = new int[d.size()];
        for (int i = 0; i < d.size(); i++) ids[i] = id(d.x(), i * 4);
        return ids;
    }

    private static final SplitOptions RAW = new SplitOptions(30, 5, false);

    @Test void splitIsASeededPartition() {
        LabeledBytes train = coded(300), test = coded(50);
        SplitData a = SplitData.split("toy", train, test, RAW);
        SplitData b = SplitData.split("toy", train, test, RAW);
        SplitData c = SplitData.split("toy", train, test, new SplitOptions(30, 6, false));
        assertEquals(270, a.train().size());
        assertEquals(30, a.validation().size());
        assertEquals(50, a.test().size());
        assertArrayEquals(ids(a.validation()), ids(b.validation()), "same seed, same split");
        assertFalse(Arrays.equals(ids(a.validation()), ids(c.validation())), "another seed, another split");
        Set<Integer> all = new HashSet<>();
        for (int id : ids(a.train())) assertTrue(all.add(id));
        for (int id : ids(a.validation())) assertTrue(all.add(id), "validation disjoint from train");
        assertEquals(300, all.size());
        for (int i = 0; i < a.train().size(); i++) assertEquals(id(a.train().x(), 4 * i) % 10, a.train().y()[i], "labels follow their samples");
        assertArrayEquals(Permutations.identity(50), ids(a.test()), "test keeps file order");
        assertEquals(200f / 255f, a.test().x()[3], 1e-7f, "scaled to [0, 1]");
    }

    @Test void standardisesWithTrainingStatistics() {
        SplitData s = SplitData.split("toy", coded(300), coded(50), new SplitOptions(30, 5, true));
        float[][] stats = s.train().channelStats();
        assertEquals(0f, stats[0][0], 1e-5f);
        assertEquals(1f, stats[1][0], 1e-5f);
        assertNotEquals(0f, s.test().channelStats()[0][0], "test is transformed with the train statistics, not its own");
    }

    @Test void validationMustLeaveTrainingSamples() {
        assertThrows(IllegalArgumentException.class, () -> SplitData.split("toy", coded(10), coded(5), new SplitOptions(10, 0, false)));
        assertThrows(IllegalArgumentException.class, () -> new SplitOptions(-1, 0, false));
    }

    private static Dataset data(int n) { return Dataset.fromBytes("toy", coded(n), Permutations.identity(n)); }

    /** The sample ids of the next {@code batches} batches, flattened. */
    private static int[] order(BatchLoader l, int batches) {
        float[] x = l.newXBuffer();
        int[] y = l.newYBuffer();
        int[] out = new int[batches * l.batchSize()];
        int k = 0;
        for (int b = 0; b < batches; b++) {
            int m = l.next(x, y);
            for (int i = 0; i < m; i++) {
                int id = l.transposed() ? Math.round(x[i] * 255) + 256 * Math.round(x[m + i] * 255) : id(x, 4 * i);
                assertEquals(id % 10, y[i]);
                out[k++] = id;
            }
        }
        return Arrays.copyOf(out, k);
    }

    @Test void everySampleOncePerEpochAndSeeded() {
        Dataset d = data(103);
        BatchLoader a = new BatchLoader(d, 10, 42, false, false);
        assertEquals(11, a.batchesPerEpoch());
        int[] e0 = order(a, 11), e1 = order(a, 11);
        assertEquals(103, e0.length, "last partial batch of 3 kept");
        assertArrayEquals(Permutations.identity(103), sorted(e0));
        assertArrayEquals(Permutations.identity(103), sorted(e1));
        assertFalse(Arrays.equals(e0, e1), "reshuffled every epoch");
        assertArrayEquals(e0, order(new BatchLoader(d, 10, 42, false, false), 11), "same seed, same order");
        assertFalse(Arrays.equals(e0, order(new BatchLoader(d, 10, 43, false, false), 11)), "another seed, another order");

        BatchLoader s = new BatchLoader(d, 10, 42, false, false);
        s.seek(11);
        assertArrayEquals(e1, order(s, 11), "seek jumps to a batch");
    }

    @Test void dropLastDropsThePartialBatch() {
        BatchLoader l = new BatchLoader(data(103), 10, 1, true, false);
        assertEquals(10, l.batchesPerEpoch());
        int[] e0 = order(l, 10);
        assertEquals(100, e0.length);
        assertEquals(100, new HashSet<>(Arrays.stream(e0).boxed().toList()).size());
        assertEquals(1, l.epoch());
        assertThrows(IllegalArgumentException.class, () -> new BatchLoader(data(5), 10, 1, true, false));
    }

    @Test void transposedBatchIsTheTransposeOfTheRowBatch() {
        Dataset d = data(57);
        BatchLoader rows = new BatchLoader(d, 8, 9, false, false), cols = new BatchLoader(d, 8, 9, false, true);
        float[] xr = rows.newXBuffer(), xc = cols.newXBuffer();
        int[] yr = rows.newYBuffer(), yc = cols.newYBuffer();
        for (int b = 0; b < 16; b++) {           // two epochs, including the partial batch of 1
            int m = rows.next(xr, yr);
            assertEquals(m, cols.next(xc, yc));
            assertArrayEquals(Arrays.copyOf(yr, m), Arrays.copyOf(yc, m));
            for (int i = 0; i < m; i++)
                for (int j = 0; j < 4; j++) assertEquals(xr[i * 4 + j], xc[j * m + i]);   // x: [m, 4] vs xT: [4, m]
        }
    }

    @Test void sliceCopiesContiguousSamples() {
        Dataset d = data(20);
        float[] x = new float[5 * 4], xt = new float[5 * 4];
        int[] y = new int[5], yt = new int[5];
        d.slice(15, 5, x, y, false);
        d.slice(15, 5, xt, yt, true);
        for (int i = 0; i < 5; i++) {
            assertEquals(15 + i, id(x, 4 * i));
            assertEquals(x[4 * i + 2], xt[2 * 5 + i]);
        }
        assertArrayEquals(y, yt);
        assertThrows(IndexOutOfBoundsException.class, () -> d.slice(16, 5, x, y, false));
    }

    @Test void permutationsAreStable() {
        // The split of every experiment depends on this exact sequence: changing the generator changes results.
        assertArrayEquals(new int[] {4, 9, 2, 5, 1, 7, 6, 0, 3, 8}, Permutations.random(10, 0));
        assertArrayEquals(new int[] {2, 5, 4, 7, 6, 3, 8, 0, 9, 1}, Permutations.random(10, 12345));
        assertArrayEquals(Permutations.identity(1000), sorted(Permutations.random(1000, 123)));
    }

    private static int[] sorted(int[] a) {
        int[] s = a.clone();
        Arrays.sort(s);
        return s;
    }
}
