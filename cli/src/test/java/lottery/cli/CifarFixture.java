package lottery.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CIFAR-10 binary batches generated in the official format, for commands that need a dataset without checksums. */
final class CifarFixture {
    private CifarFixture() {}

    /**
     * Five training batches of 1,010 records each (50 training samples after the 5K validation split) and
     * a test batch of 200; label r % 10, pixel k of record r = (r + k) % 251, plus a class-dependent
     * offset so the task is learnable.
     */
    static Path write(Path d) throws IOException {
        Files.createDirectories(d);
        for (String f : new String[] {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"})
            Files.write(d.resolve(f), batch(1010));
        Files.write(d.resolve("test_batch.bin"), batch(200));
        return d;
    }

    private static byte[] batch(int n) {
        byte[] b = new byte[n * 3073];
        for (int r = 0; r < n; r++) {
            b[r * 3073] = (byte) (r % 10);
            for (int k = 1; k < 3073; k++) b[r * 3073 + k] = (byte) ((r + k) % 251 + (k % 10 == r % 10 ? 4 : 0));
        }
        return b;
    }
}
