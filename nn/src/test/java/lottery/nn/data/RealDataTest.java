package lottery.nn.data;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Checks on the real datasets where they are on this machine (skipped otherwise; never downloads). */
class RealDataTest {
    private static final long[] MNIST_TRAIN_COUNTS = {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949};
    private static final long[] MNIST_TEST_COUNTS = {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009};

    @Test void mnistFromTheCache() throws IOException {
        Path dir = DataCache.dir("mnist");
        assumeTrue(IdxData.missing(IdxSpec.MNIST, dir).isEmpty(), "MNIST not in " + dir);
        SplitData s = Datasets.load("mnist", null, false);
        assertEquals(55_000, s.train().size());
        assertEquals(5_000, s.validation().size());
        assertEquals(10_000, s.test().size());
        assertArrayEquals(MNIST_TEST_COUNTS, s.test().classCounts());
        long[] all = s.train().classCounts();
        long[] val = s.validation().classCounts();
        for (int c = 0; c < 10; c++) assertEquals(MNIST_TRAIN_COUNTS[c], all[c] + val[c]);
        float[][] stats = s.train().channelStats();
        assertEquals(0f, stats[0][0], 1e-4f);
        assertEquals(1f, stats[1][0], 1e-4f);
        assertEquals(55_000 / 60, new BatchLoader(s.train(), 60, 0, true, false).batchesPerEpoch(), "batch 60 divides 55K");
    }

    @Test void fashionMnistFromTheDebianPackage() throws IOException {
        assumeTrue(Files.isDirectory(Datasets.FASHION_SYSTEM_DIR) && IdxData.missing(IdxSpec.FASHION_MNIST, Datasets.FASHION_SYSTEM_DIR).isEmpty(),
                "dataset-fashion-mnist not installed");
        IdxData d = IdxData.load(IdxSpec.FASHION_MNIST, Datasets.FASHION_SYSTEM_DIR, "reinstall");
        assertEquals(60_000, d.trainImages().count());
        assertEquals(10_000, d.testLabels().length);
        long[] h = new long[10];
        for (int y : d.testLabels()) h[y]++;
        for (long v : h) assertEquals(1000, v, "Fashion-MNIST's test set is balanced");
    }
}
