package lottery.nn.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The temp files of {@link AtomicFiles}, and removing the ones a killed writer left behind. A temp
 * file is named {@code .<target>.p<pid>.h<host>.<random>.tmp}, after its writer ({@link Holder}).
 * Such a file is stale, and safe to delete, when its writer is a process of this host that no
 * longer runs. A file from another host (a store on a shared file system), one whose process id is
 * alive again, or one named before this scheme, is stale once it has not been modified for
 * {@link #ABANDONED_AFTER}: a writer that is alive keeps its temp file for seconds.
 */
public final class TempFiles {
    /** Temp files end with this suffix (and start with a dot). */
    public static final String SUFFIX = ".tmp";
    /** Age after which a temp file whose writer cannot be checked counts as abandoned. */
    public static final Duration ABANDONED_AFTER = Duration.ofHours(1);

    private static final Pattern WRITER = Pattern.compile("\\.(p\\d+\\.h[0-9a-f]{8})\\.[0-9a-f]+" + Pattern.quote(SUFFIX) + "$");

    private TempFiles() {}

    /** A fresh temp file name for {@code targetName}, owned by this process. */
    public static String name(String targetName) {
        String random = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        return "." + targetName + "." + Holder.current().id() + "." + random + SUFFIX;
    }

    /** True for a temp file name (such files are never data). */
    public static boolean isTempName(String fileName) {
        return fileName.startsWith(".") && fileName.endsWith(SUFFIX);
    }

    /** True when {@code file} is a temp file that no live writer will rename. */
    public static boolean isStale(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (!isTempName(name)) return false;
        Matcher m = WRITER.matcher(name);
        Optional<Holder> writer = m.find() ? Holder.parse(m.group(1)) : Optional.empty();
        if (writer.isPresent() && writer.get().equals(Holder.current())) return false;   // one of our own writes, in flight
        if (writer.isPresent() && writer.get().knownGone()) return true;
        long age = System.currentTimeMillis() - Files.getLastModifiedTime(file).toMillis();
        return age > ABANDONED_AFTER.toMillis();
    }

    /**
     * Deletes the stale temp files under {@code root} (to {@code maxDepth} levels down) and returns
     * them. Other processes may write into {@code root} meanwhile: each folder is listed (not walked
     * with Files.walk, which reads every entry's attributes and fails when a writer renames its temp
     * file in between), only temp files are examined, and an entry that vanishes meanwhile (renamed
     * by its writer, removed by another cleaner, a folder removed) is skipped.
     */
    public static List<Path> removeStale(Path root, int maxDepth) throws IOException {
        List<Path> removed = new ArrayList<>();
        removeStale(root, maxDepth, removed);
        return removed;
    }

    private static void removeStale(Path dir, int depth, List<Path> removed) throws IOException {
        if (depth < 1) return;
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) entries.add(p);
        } catch (NoSuchFileException | NotDirectoryException gone) {
            return;
        }
        for (Path p : entries) {
            try {
                if (isTempName(p.getFileName().toString())) {
                    if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && isStale(p) && Files.deleteIfExists(p)) removed.add(p);
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    removeStale(p, depth - 1, removed);
                }
            } catch (NoSuchFileException gone) {
                // renamed or removed by someone else while we looked
            }
        }
    }
}
