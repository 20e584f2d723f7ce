package lottery.nn.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Atomic file writes: the bytes go to a hidden temp file in the target's directory, the file is
 * fsynced, renamed over the target in one atomic step, and the directory is fsynced. A reader
 * sees either the old file or the complete new one, never a partial one. On any failure the old
 * file is left intact, the temp file is removed, and the IOException names the target.
 */
public final class AtomicFiles {
    /** Writes the content of a file to a stream (buffered; closing it is harmless: it only flushes). */
    @FunctionalInterface
    public interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    /** Temp files made by this class end with this suffix (and start with a dot); see {@link TempFiles}. */
    public static final String TEMP_SUFFIX = TempFiles.SUFFIX;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AtomicFiles() {}

    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Writes {@code text} as UTF-8. */
    public static void writeString(Path target, String text) throws IOException {
        writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code value} as indented JSON (Jackson databind: records, maps, lists, JsonNode). */
    public static void writeJson(Path target, Object value) throws IOException {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IOException("cannot write " + target + ": value is not serialisable as JSON: " + e.getMessage(), e);
        }
        writeBytes(target, bytes);
    }

    /**
     * Streams the new content of {@code target} through {@code writer} into a temp file, then
     * replaces the target atomically. Creates missing parent directories.
     */
    public static void write(Path target, StreamWriter writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = createTemp(dir, abs.getFileName().toString());
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                writer.write(new FilterOutputStream(out) {
                    @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }
                    @Override public void close() throws IOException { out.flush(); }   // the channel stays open for fsync
                });
                out.flush();
                ch.force(true);
            }
            move(tmp, abs);
            tmp = null;
            syncDirectory(dir);
        } catch (IOException | RuntimeException | Error e) {
            if (tmp != null) deleteQuietly(tmp, e);
            if (e instanceof IOException io) throw describe(target, io);
            throw e;
        }
    }

    /** True for a temp file name this class makes (such files are never data). */
    public static boolean isTempName(String fileName) {
        return TempFiles.isTempName(fileName);
    }

    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve(TempFiles.name(name));
            try {
                // CREATE_NEW: never reuse a file someone else is writing; default permissions (umask).
                FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt >= 16) throw e;
            }
        }
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target.getParent() + " cannot rename atomically", e);
        }
    }

    /** Makes the rename durable; some platforms cannot open a directory, which is not an error. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Directory fsync is best effort: the data itself is already on disk.
        }
    }

    private static void deleteQuietly(Path tmp, Throwable cause) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private static IOException describe(Path target, IOException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (m.startsWith("cannot write " + target)) return e;
        if (e instanceof FileSystemException fse) {
            String what = fse.getReason() != null ? fse.getReason() : e.getClass().getSimpleName();
            m = what + (fse.getFile() != null ? " (" + fse.getFile() + ")" : "");
        }
        if (m.contains("No space left") || m.contains("Disk quota")) m = "disk full (" + m + ")";
        return new IOException("cannot write " + target + ": " + m, e);
    }
}
