package lottery.nn.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class AtomicFilesTest {
    @TempDir Path dir;

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) { return s.sorted().toList(); }
    }

    @Test void writesAndReplaces() throws IOException {
        Path f = dir.resolve("a.txt");
        AtomicFiles.writeString(f, "first");
        assertEquals("first", Files.readString(f));
        AtomicFiles.writeBytes(f, "second".getBytes(StandardCharsets.UTF_8));
        assertEquals("second", Files.readString(f));
        assertEquals(List.of(f), listing(), "no temp file left behind");
    }

    @Test void createsMissingDirectories() throws IOException {
        Path f = dir.resolve("x/y/z.txt");
        AtomicFiles.writeString(f, "deep");
        assertEquals("deep", Files.readString(f));
    }

    @Test void writesJson() throws IOException {
        Path f = dir.resolve("c.json");
        AtomicFiles.writeJson(f, Map.of("level", 3, "name", "lenet300"));
        String s = Files.readString(f);
        assertTrue(s.contains("\"level\" : 3"), s);
        assertTrue(s.contains("\"name\" : \"lenet300\""), s);
    }

    @Test void failureInWriterKeepsOldFileAndRemovesTemp() throws IOException {
        Path f = dir.resolve("state.bin");
        AtomicFiles.writeString(f, "old content");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write(new byte[100_000]);                      // more than the buffer: bytes reach the temp file
            throw new IOException("simulated failure mid-write");
        }));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("simulated failure"), e.getMessage());
        assertEquals("old content", Files.readString(f));
        assertEquals(List.of(f), listing(), "temp file removed");
    }

    @Test void runtimeExceptionInWriterKeepsOldFile() throws IOException {
        Path f = dir.resolve("state.bin");
        AtomicFiles.writeString(f, "old");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(f, out -> {
            out.write(1);
            throw new IllegalStateException("boom");
        }));
        assertEquals("old", Files.readString(f));
        assertEquals(List.of(f), listing());
    }

    @Test void writerMayCloseTheStream() throws IOException {
        Path f = dir.resolve("closed.bin");
        AtomicFiles.write(f, out -> {
            try (out) { out.write(new byte[] {1, 2, 3}); }
        });
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
    }

    @Test void failureWithoutOldFileLeavesNothing() {
        Path f = dir.resolve("new.bin");
        assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> { throw new IOException("no"); }));
        assertFalse(Files.exists(f));
        assertDoesNotThrow(() -> assertEquals(List.of(), listing()));
    }

    @Test void unwritableTargetNamesTheFile() throws IOException {
        Path blocker = dir.resolve("blocker");
        Files.writeString(blocker, "a file, not a directory");
        Path f = blocker.resolve("child.txt");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeString(f, "x"));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test void tempNamesAreRecognised() {
        assertTrue(AtomicFiles.isTempName(".train-images-idx3-ubyte.1a2b.tmp"));
        assertFalse(AtomicFiles.isTempName("train-images-idx3-ubyte"));
    }
}
