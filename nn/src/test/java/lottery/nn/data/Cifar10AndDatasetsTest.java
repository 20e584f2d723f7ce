package lottery.nn.data;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class Cifar10AndDatasetsTest {
    @TempDir Path tmp;
    private String savedCache;

    @BeforeEach void isolateCache() {
        savedCache = System.getProperty(DataCache.PROPERTY);
        System.setProperty(DataCache.PROPERTY, tmp.resolve("cache").toString());
    }

    @AfterEach void restoreCache() {
        if (savedCache == null) System.clearProperty(DataCache.PROPERTY); else System.setProperty(DataCache.PROPERTY, savedCache);
    }

    /** A CIFAR-10 batch of n records: label (first + r) % 10, pixel k of record r = (r + k) % 251. */
    private static byte[] batch(int n, int first) {
        byte[] b = new byte[n * Cifar10.RECORD];
        for (int r = 0; r < n; r++) {
            b[r * Cifar10.RECORD] = (byte) ((first + r) % 10);
            for (int k = 0; k < Cifar10.RECORD - 1; k++) b[r * Cifar10.RECORD + 1 + k] = (byte) ((r + k) % 251);
        }
        return b;
    }

    private Path cifarDir(boolean nested) throws IOException {
        Path root = tmp.resolve("cifar");
        Path d = nested ? root.resolve("cifar-10-batches-bin") : root;
        Files.createDirectories(d);
        for (int i = 0; i < 5; i++) Files.write(d.resolve(Cifar10.TRAIN_FILES.get(i)), batch(4, i));
        Files.write(d.resolve(Cifar10.TEST_FILE), batch(3, 0));
        return root;
    }

    @Test void readsCifarBinaryBatches() throws IOException {
        Path root = cifarDir(true);
        Path d = Cifar10.locate(root);
        assertEquals(root.resolve("cifar-10-batches-bin"), d);
        LabeledBytes train = Cifar10.readTrain(d);
        assertEquals(20, train.count());
        assertArrayEquals(new int[] {3, 32, 32}, train.sampleShape());
        assertEquals(1, train.labels()[4], "second file starts at label 1");
        assertEquals(2, train.labels()[5]);
        assertEquals((byte) 5, train.pixels()[5 * 3072 + 4], "record 1 of file 2, pixel 4 = (1 + 4) % 251");
        assertEquals((byte) ((1 + 1024) % 251), train.pixels()[5 * 3072 + 1024], "green plane follows red");

        SplitData s = Datasets.load("cifar10", root, false, new SplitOptions(5, 0, false));
        assertEquals(15, s.train().size());
        assertEquals(5, s.validation().size());
        assertEquals(3, s.test().size());
        assertArrayEquals(new int[] {3, 32, 32}, s.train().sampleShape());
    }

    @Test void badCifarFilesNameTheFile() throws IOException {
        Path d = Cifar10.locate(cifarDir(false));
        Path f = d.resolve("data_batch_3.bin");
        Files.write(f, Arrays.copyOf(batch(2, 0), 2 * Cifar10.RECORD - 1));
        IOException e = assertThrows(IOException.class, () -> Cifar10.readTrain(d));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("3073"), e.getMessage());
        byte[] b = batch(2, 0);
        b[Cifar10.RECORD] = 10;
        Files.write(f, b);
        e = assertThrows(IOException.class, () -> Cifar10.readTrain(d));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("label 10"), e.getMessage());
        Files.delete(d.resolve("data_batch_5.bin"));
        e = assertThrows(IOException.class, () -> Datasets.load("cifar10", d, false));
        assertTrue(e.getMessage().contains("data_batch_5.bin") && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test void cifarIsNotFetchable() {
        IOException e = assertThrows(IOException.class, () -> Datasets.load("cifar10", null, true));
        assertTrue(e.getMessage().contains("cannot be fetched") && e.getMessage().contains("--data-dir")
                && e.getMessage().contains("lottery data add cifar10"), e.getMessage());
    }

    @Test void unknownDatasetListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.load("imagenet", null, false));
        assertTrue(e.getMessage().contains("imagenet") && e.getMessage().contains("mnist, fashion-mnist, cifar10"), e.getMessage());
        assertEquals("fashion-mnist", Datasets.canonical("Fashion_MNIST"));
        assertArrayEquals(new int[] {1, 28, 28}, Datasets.sampleShape("mnist"));
        assertArrayEquals(new int[] {3, 32, 32}, Datasets.sampleShape("cifar-10"));
    }

    @Test void mnistMissingWithoutFetchSaysHowToGetIt() {
        IOException e = assertThrows(IOException.class, () -> Datasets.load("mnist", null, false));
        assertTrue(e.getMessage().contains("lottery data fetch mnist"), e.getMessage());
    }

    @Test void partialDataDirIsAnError() throws IOException {
        Path d = tmp.resolve("partial");
        Files.createDirectories(d);
        Files.write(d.resolve("train-images-idx3-ubyte"), Synthetic.idxImages(1, 28, 28, 1));
        IOException e = assertThrows(IOException.class, () -> Datasets.load("mnist", d, false));
        assertTrue(e.getMessage().contains(d.toString()) && e.getMessage().contains("t10k-labels-idx1-ubyte"), e.getMessage());
        assertThrows(IOException.class, () -> Datasets.load("mnist", tmp.resolve("nope"), false));
    }

    @Test void wrongFilesUnderMnistNamesFailTheChecksum() throws IOException {
        Path d = tmp.resolve("fake");
        Files.createDirectories(d);
        Files.write(d.resolve("train-images-idx3-ubyte"), Synthetic.idxImages(2, 28, 28, 1));
        Files.write(d.resolve("train-labels-idx1-ubyte"), Synthetic.idxLabels(2, 10));
        Files.write(d.resolve("t10k-images-idx3-ubyte"), Synthetic.idxImages(1, 28, 28, 2));
        Files.write(d.resolve("t10k-labels-idx1-ubyte"), Synthetic.idxLabels(1, 10));
        IOException e = assertThrows(IOException.class, () -> Datasets.load("mnist", d, false));
        assertTrue(e.getMessage().contains(d.resolve("train-images-idx3-ubyte").toString()) && e.getMessage().contains("delete it"), e.getMessage());
    }

    @Test void cacheRootFromEnvironment() {
        assertEquals(Path.of("/x/y"), DataCache.root(java.util.Map.of(DataCache.ENV, "/x/y"), "/home/u"));
        assertEquals(Path.of("/home/u/.cache/lottery"), DataCache.root(java.util.Map.of(), "/home/u"));
    }
}
