package lottery.cli;

import lottery.nn.data.Cifar10;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A seeded synthetic dataset in the CIFAR-10 binary format, the smallest the CLI accepts: 5,010
 * training records (5,000 of them become the validation split) and 50 test records, so a real
 * {@code lottery imp} or {@code train} runs on it without any download. Pixels are noise around a
 * per-class level, so a network can learn something.
 */
final class TinyCifar {
    static final int PER_BATCH = 1002, TEST = 50;

    private TinyCifar() {}

    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom rng = new SplittableRandom(2024);
        for (String f : Cifar10.TRAIN_FILES) Files.write(dir.resolve(f), records(PER_BATCH, rng));
        Files.write(dir.resolve(Cifar10.TEST_FILE), records(TEST, rng));
        return dir;
    }

    private static byte[] records(int n, SplittableRandom rng) {
        byte[] b = new byte[n * Cifar10.RECORD];
        for (int r = 0; r < n; r++) {
            int label = rng.nextInt(Cifar10.CLASSES);
            b[r * Cifar10.RECORD] = (byte) label;
            for (int k = 1; k < Cifar10.RECORD; k++) b[r * Cifar10.RECORD + k] = (byte) (20 * label + rng.nextInt(64));
        }
        return b;
    }
}
