package lottery.cli;

import lottery.nn.data.DataCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class DataCommandTest {
    @TempDir Path tmp;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    private PrintStream savedOut, savedErr;
    private String savedCache;

    @BeforeEach void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
        savedCache = System.getProperty(DataCache.PROPERTY);
        System.setProperty(DataCache.PROPERTY, tmp.resolve("cache").toString());
    }

    @AfterEach void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
        if (savedCache == null) System.clearProperty(DataCache.PROPERTY); else System.setProperty(DataCache.PROPERTY, savedCache);
    }

    @Test void pathPrintsTheCacheRoot() {
        assertEquals(0, Main.execute("data", "path"));
        assertEquals(tmp.resolve("cache").toString(), out.toString().strip());
    }

    @Test void unknownDatasetIsBadUsage() {
        assertEquals(2, Main.execute("data", "fetch", "imagenet"));
        assertEquals(2, Main.execute("data", "check", "imagenet"));
        assertEquals(2, Main.execute("data"));
        assertEquals(2, Main.execute("data", "add", "mnist", tmp.toString()));
    }

    @Test void missingOrCorruptDataIsARuntimeFailureInOneLine() throws Exception {
        assertEquals(1, Main.execute("data", "check", "mnist"));
        Path d = tmp.resolve("bad");
        Files.createDirectories(d);
        for (String f : new String[] {"train-images-idx3-ubyte", "t10k-images-idx3-ubyte"})
            Files.write(d.resolve(f), ByteBuffer.allocate(16 + 784).putInt(0x803).putInt(1).putInt(28).putInt(28).array());
        for (String f : new String[] {"train-labels-idx1-ubyte", "t10k-labels-idx1-ubyte"})
            Files.write(d.resolve(f), ByteBuffer.allocate(9).putInt(0x801).putInt(1).array());
        err.reset();
        assertEquals(1, Main.execute("data", "check", "mnist", "--data-dir", d.toString()));
        String e = err.toString().strip();
        assertTrue(e.startsWith("lottery: " + d.resolve("train-images-idx3-ubyte")) && e.contains("sha256"), e);
        assertEquals(1, e.lines().count(), "one line, no stack trace: " + e);
    }

    @Test void fetchCifarSaysInOneLineWhereToGetTheArchive() {
        assertEquals(1, Main.execute("data", "fetch", "cifar10"));
        String e = err.toString().strip();
        assertTrue(e.contains("https://www.cs.toronto.edu/~kriz/cifar.html") && e.contains("cifar-10-binary.tar.gz")
                && e.contains("lottery data add cifar10"), e);
        assertEquals(1, e.lines().count(), e);
    }

    @Test void addRejectsAnythingButTheOfficialArchiveInOneLine() throws Exception {
        Path f = tmp.resolve("cifar-10-binary.tar.gz");
        Files.write(f, new byte[1000]);
        assertEquals(1, Main.execute("data", "add", "cifar10", f.toString()));
        String e = err.toString().strip();
        assertTrue(e.contains("1000 bytes") && e.contains("170052171") && e.contains("nothing was written"), e);
        assertEquals(1, e.lines().count(), e);
        assertFalse(Files.exists(tmp.resolve("cache/cifar10")));
    }

    @Test void fetchFashionFindsTheDebianPackageOrSaysHowToInstallIt() {
        int exit = Main.execute("data", "fetch", "fashion-mnist");
        if (java.nio.file.Files.isDirectory(lottery.nn.data.Datasets.FASHION_SYSTEM_DIR)) {
            assertEquals(0, exit, err.toString());
            assertTrue(out.toString().contains("Debian package dataset-fashion-mnist"), out.toString());
        } else {
            assertEquals(1, exit);
            assertTrue(err.toString().contains("apt-get install dataset-fashion-mnist"), err.toString());
        }
    }

    @Test void checkPrintsCountsAndHistogramForCifar() throws Exception {
        Path d = tmp.resolve("cifar");
        Files.createDirectories(d);
        for (String f : new String[] {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"}) {
            byte[] b = new byte[2 * 3073];
            b[3073] = 3;        // labels 0 and 3
            Files.write(d.resolve(f), b);
        }
        assertEquals(0, Main.execute("data", "check", "cifar10", "--data-dir", d.toString()));
        String o = out.toString();
        assertTrue(o.contains("train 10, test 2 samples of 3x32x32, 10 classes"), o);
        assertTrue(o.contains("  train       5      0      0      5"), o);
    }
}
