package lottery.nn.data;

import lottery.nn.io.AtomicFiles;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Adds a user's copy of the CIFAR-10 binary archive to the cache: checks its size and the MD5
 * published next to it, reads the six batches out of the tar.gz, checks each (whole 3073-byte
 * records, labels in range, the expected record count), writes them into a hidden staging folder
 * and renames that folder into place. A failure at any point leaves the cache as it was.
 */
public final class Cifar10Archive {
    /** An archive to accept: its published size and MD5, records per batch file, and where to get it. */
    public record Official(String fileName, long size, String md5, int recordsPerFile, String page) {}

    /** The binary version from the dataset's page, as published there (MD5) and measured (size). */
    public static final Official BINARY = new Official("cifar-10-binary.tar.gz", 170_052_171L,
            "c32a1d4ab5d03f1284b67883e8d87530", 10_000, "https://www.cs.toronto.edu/~kriz/cifar.html");

    /** Folder of the batches inside the archive. */
    static final String ENTRY_DIR = "cifar-10-batches-bin/";
    /** Files copied besides the batches when present (class names and the dataset's readme). */
    static final List<String> EXTRA_FILES = List.of("batches.meta.txt", "readme.html");

    private Cifar10Archive() {}

    /** The one line that says where to get the archive and what to do with it. */
    public static String howToGet() {
        return "CIFAR-10 cannot be downloaded from here: get the binary version " + BINARY.fileName() + " (162 MB, md5 "
                + BINARY.md5() + ") from " + BINARY.page() + ", then run `lottery data add cifar10 " + BINARY.fileName() + "`";
    }

    /** Verifies {@code archive} against {@code expected} and installs its batches as folder {@code target}. */
    public static void add(Path archive, Path target, Official expected, Fetcher.Listener listener) throws IOException {
        if (!Files.isRegularFile(archive)) throw new IOException(archive + ": no such file; " + howToGet());
        long size = Files.size(archive);
        if (size != expected.size())
            throw new IOException(archive + " is " + size + " bytes; the official " + expected.fileName() + " is " + expected.size()
                    + " (truncated, or another version such as the python one); nothing was written");
        listener.message("checking the md5 of " + archive);
        String md5 = md5(archive);
        if (!md5.equals(expected.md5()))
            throw new IOException(archive + " has md5 " + md5 + ", the official " + expected.fileName() + " has " + expected.md5()
                    + " (corrupted or modified); nothing was written");
        Map<String, byte[]> files = extract(archive, expected);
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        removeStaleStaging(parent, target.getFileName().toString());
        Path staging = parent.resolve(hidden(target, "tmp"));
        try {
            Files.createDirectory(staging);
            for (Map.Entry<String, byte[]> e : files.entrySet()) AtomicFiles.writeBytes(staging.resolve(e.getKey()), e.getValue());
            swapIn(staging, target.toAbsolutePath());
            staging = null;
        } finally {
            if (staging != null) deleteTree(staging);
        }
        listener.message("added " + files.size() + " files to " + target + " (md5 ok, every batch checked)");
    }

    /** The batches (checked) and extra files of the archive, by file name. */
    static Map<String, byte[]> extract(Path archive, Official expected) throws IOException {
        List<String> batches = new ArrayList<>(Cifar10.TRAIN_FILES);
        batches.add(Cifar10.TEST_FILE);
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive), 1 << 16), 1 << 16)) {
            TarReader tar = new TarReader(in, archive.toString());
            for (TarReader.Entry e; (e = tar.next()) != null; ) {
                if (!e.isFile() || !e.name().startsWith(ENTRY_DIR)) continue;
                String name = e.name().substring(ENTRY_DIR.length());
                if (batches.contains(name)) out.put(name, checked(archive, name, tar.readContent(), expected.recordsPerFile()));
                else if (EXTRA_FILES.contains(name)) out.put(name, tar.readContent());
            }
        } catch (ZipException e) {
            throw new IOException(archive + ": corrupt gzip data (" + e.getMessage() + "); nothing was written", e);
        }
        for (String b : batches)
            if (!out.containsKey(b)) throw new IOException(archive + ": the archive has no " + ENTRY_DIR + b + "; nothing was written");
        return out;
    }

    private static byte[] checked(Path archive, String name, byte[] b, int records) throws IOException {
        String where = archive + "!" + ENTRY_DIR + name;
        if (b.length != (long) records * Cifar10.RECORD)
            throw new IOException(where + ": " + b.length + " bytes, expected " + records + " records of " + Cifar10.RECORD
                    + "; nothing was written");
        for (int r = 0; r < records; r++) {
            int label = b[r * Cifar10.RECORD] & 0xff;
            if (label >= Cifar10.CLASSES)
                throw new IOException(where + ": label " + label + " of record " + r + " is out of range [0, 10); nothing was written");
        }
        return b;
    }

    /** Renames the staging folder to {@code target}, moving an existing target aside first and deleting it after. */
    private static void swapIn(Path staging, Path target) throws IOException {
        Path old = null;
        try {
            if (Files.exists(target)) {
                old = target.resolveSibling(hidden(target, "old.tmp"));
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            if (old != null && !Files.exists(target)) Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            throw new IOException("the file system of " + target.getParent() + " cannot rename atomically", e);
        }
        try (FileChannel ch = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // directory fsync is best effort; the files themselves are synced
        }
        if (old != null) deleteTree(old);
    }

    private static String hidden(Path target, String suffix) {
        return "." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + "." + suffix;
    }

    /** Deletes staging folders an interrupted add left next to {@code name}. */
    private static void removeStaleStaging(Path parent, String name) throws IOException {
        try (Stream<Path> s = Files.list(parent)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith("." + name + ".") && n.endsWith(".tmp") && Files.isDirectory(p)) deleteTree(p);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    static String md5(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
