package lottery.nn.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CIFAR-10 binary version: data_batch_1.bin .. data_batch_5.bin (training) and test_batch.bin,
 * each a sequence of 3073-byte records: one label byte (0..9), then a 3×32×32 image stored as
 * the red, green and blue planes (so [C, H, W] row-major). The files may sit in the given
 * directory or in its cifar-10-batches-bin subdirectory.
 */
public final class Cifar10 {
    public static final int CHANNELS = 3, SIZE = 32, CLASSES = 10;
    public static final int RECORD = 1 + CHANNELS * SIZE * SIZE;
    public static final List<String> TRAIN_FILES = List.of(
            "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    public static final String TEST_FILE = "test_batch.bin";

    private Cifar10() {}

    /** The directory holding the batches: {@code dir} itself or {@code dir/cifar-10-batches-bin}; null if neither. */
    public static Path locate(Path dir) {
        for (Path d : List.of(dir, dir.resolve("cifar-10-batches-bin")))
            if (Files.isRegularFile(d.resolve(TEST_FILE))) return d;
        return null;
    }

    /** The five training batches concatenated. */
    public static LabeledBytes readTrain(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String f : TRAIN_FILES) files.add(dir.resolve(f));
        return read(files);
    }

    public static LabeledBytes readTest(Path dir) throws IOException {
        return read(List.of(dir.resolve(TEST_FILE)));
    }

    /** Reads and concatenates batch files, validating sizes and labels. */
    public static LabeledBytes read(List<Path> files) throws IOException {
        List<byte[]> contents = new ArrayList<>();
        long total = 0;
        for (Path f : files) {
            if (!Files.isRegularFile(f))
                throw new IOException(f + ": CIFAR-10 batch file missing; pass --data-dir with the CIFAR-10 binary batches "
                        + "(data_batch_1..5.bin and test_batch.bin, as in cifar-10-binary.tar.gz)");
            byte[] b = Files.readAllBytes(f);
            if (b.length == 0 || b.length % RECORD != 0)
                throw new IOException(f + ": " + b.length + " bytes is not a whole number of " + RECORD
                        + "-byte CIFAR-10 records (truncated or not the binary version)");
            contents.add(b);
            total += b.length / RECORD;
        }
        int n = Math.toIntExact(total);
        int features = RECORD - 1;
        byte[] pixels = new byte[Math.multiplyExact(n, features)];
        int[] labels = new int[n];
        int s = 0;
        for (int k = 0; k < files.size(); k++) {
            byte[] b = contents.get(k);
            for (int r = 0; r < b.length / RECORD; r++, s++) {
                int label = b[r * RECORD] & 0xff;
                if (label >= CLASSES)
                    throw new IOException(files.get(k) + ": label " + label + " of record " + r + " is out of range [0, 10)");
                labels[s] = label;
                System.arraycopy(b, r * RECORD + 1, pixels, s * features, features);
            }
        }
        return new LabeledBytes(pixels, labels, new int[] {CHANNELS, SIZE, SIZE}, CLASSES);
    }
}
