package lottery.nn.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** {@code lottery data add cifar10}: archives generated in the official layout, good and bad. */
class Cifar10ArchiveTest {
    @TempDir Path tmp;
    static final int RECORDS = 3;

    /** A batch of {@code RECORDS} records, labels (first + r) % 10, pixels (r * 7 + k) % 256. */
    static byte[] batch(int first) {
        byte[] b = new byte[RECORDS * Cifar10.RECORD];
        for (int r = 0; r < RECORDS; r++) {
            b[r * Cifar10.RECORD] = (byte) ((first + r) % 10);
            for (int k = 1; k < Cifar10.RECORD; k++) b[r * Cifar10.RECORD + k] = (byte) (r * 7 + k);
        }
        return b;
    }

    static List<String> batchNames() {
        List<String> n = new ArrayList<>(Cifar10.TRAIN_FILES);
        n.add(Cifar10.TEST_FILE);
        return n;
    }

    /** A tar.gz laid out as cifar-10-binary.tar.gz; {@code replace} swaps one batch's content. */
    Path archive(String name, String replaced, byte[] replacement) throws IOException {
        Synthetic.Tar tar = new Synthetic.Tar().dir("cifar-10-batches-bin/");
        tar.file("cifar-10-batches-bin/batches.meta.txt", "airplane\nautomobile\n".getBytes());
        int i = 0;
        for (String b : batchNames()) tar.file("cifar-10-batches-bin/" + b, b.equals(replaced) ? replacement : batch(i++));
        Path f = tmp.resolve(name);
        Files.write(f, Synthetic.gzip(tar.bytes()));
        return f;
    }

    static Cifar10Archive.Official expecting(Path f) throws IOException {
        return new Cifar10Archive.Official("test.tar.gz", Files.size(f), Cifar10Archive.md5(f), RECORDS, "https://example.org");
    }

    @Test void aGoodArchiveIsUnpackedAndReadsBack() throws IOException {
        Path f = archive("good.tar.gz", null, null);
        Path target = tmp.resolve("cache/cifar10");
        Cifar10Archive.add(f, target, expecting(f), new Fetcher.Listener() {});
        for (String b : batchNames()) assertTrue(Files.isRegularFile(target.resolve(b)), b);
        assertTrue(Files.isRegularFile(target.resolve("batches.meta.txt")));
        LabeledBytes train = Cifar10.readTrain(target), test = Cifar10.readTest(target);
        assertEquals(15, train.count());
        assertEquals(3, test.count());
        assertEquals(1, train.labels()[3], "the second batch starts at label 1");
        try (var s = Files.list(tmp.resolve("cache"))) {
            assertEquals(List.of("cifar10"), s.map(p -> p.getFileName().toString()).toList(), "no staging folder left behind");
        }
        // adding again replaces the folder in one step
        Cifar10Archive.add(f, target, expecting(f), new Fetcher.Listener() {});
        assertEquals(15, Cifar10.readTrain(target).count());
    }

    @Test void aWrongSizeOrChecksumWritesNothing() throws IOException {
        Path f = archive("good.tar.gz", null, null);
        Path target = tmp.resolve("cache/cifar10");
        Cifar10Archive.Official good = expecting(f);
        IOException e = assertThrows(IOException.class, () -> Cifar10Archive.add(f, target,
                new Cifar10Archive.Official("x", good.size() + 1, good.md5(), RECORDS, "p"), new Fetcher.Listener() {}));
        assertTrue(e.getMessage().contains("bytes") && e.getMessage().contains("nothing was written"), e.getMessage());
        e = assertThrows(IOException.class, () -> Cifar10Archive.add(f, target,
                new Cifar10Archive.Official("x", good.size(), "0".repeat(32), RECORDS, "p"), new Fetcher.Listener() {}));
        assertTrue(e.getMessage().contains("md5 " + good.md5()), e.getMessage());
        assertFalse(Files.exists(target));
        assertThrows(IOException.class, () -> Cifar10Archive.add(tmp.resolve("absent.tar.gz"), target, good, new Fetcher.Listener() {}));
    }

    @Test void aBadBatchInsideAVerifiedArchiveLeavesTheOldCacheIntact() throws IOException {
        Path target = tmp.resolve("cache/cifar10");
        Path good = archive("good.tar.gz", null, null);
        Cifar10Archive.add(good, target, expecting(good), new Fetcher.Listener() {});
        byte[] before = Files.readAllBytes(target.resolve("data_batch_2.bin"));

        byte[] badLabel = batch(0);
        badLabel[Cifar10.RECORD] = 10;
        byte[] shortBatch = Arrays.copyOf(batch(0), 2 * Cifar10.RECORD);
        for (byte[] bad : List.of(badLabel, shortBatch)) {
            Path f = archive("bad.tar.gz", "data_batch_2.bin", bad);
            IOException e = assertThrows(IOException.class, () -> Cifar10Archive.add(f, target, expecting(f), new Fetcher.Listener() {}));
            assertTrue(e.getMessage().contains("data_batch_2.bin") && e.getMessage().contains("nothing was written"), e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(target.resolve("data_batch_2.bin")));
        }
        Synthetic.Tar missing = new Synthetic.Tar();
        for (String b : batchNames()) if (!b.equals(Cifar10.TEST_FILE)) missing.file("cifar-10-batches-bin/" + b, batch(0));
        Path f = tmp.resolve("missing.tar.gz");
        Files.write(f, Synthetic.gzip(missing.bytes()));
        IOException e = assertThrows(IOException.class, () -> Cifar10Archive.add(f, target, expecting(f), new Fetcher.Listener() {}));
        assertTrue(e.getMessage().contains("test_batch.bin"), e.getMessage());
        byte[] gz = Files.readAllBytes(good);
        Path cut = tmp.resolve("cut.tar.gz");
        Files.write(cut, Arrays.copyOf(gz, gz.length / 2));
        assertThrows(IOException.class, () -> Cifar10Archive.add(cut, target, expecting(cut), new Fetcher.Listener() {}));
        assertEquals(15, Cifar10.readTrain(target).count(), "the cache still holds the good copy");
    }

    @Test void theOfficialArchiveIsNamedWithItsPublishedChecksum() {
        assertEquals("c32a1d4ab5d03f1284b67883e8d87530", Cifar10Archive.BINARY.md5());
        assertEquals(10_000, Cifar10Archive.BINARY.recordsPerFile());
        String line = Cifar10Archive.howToGet();
        assertTrue(line.contains("https://www.cs.toronto.edu/~kriz/cifar.html") && line.contains("lottery data add cifar10"), line);
        assertEquals(1, line.lines().count());
    }
}
