package lottery.nn.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

class TempFilesTest {
    @TempDir Path dir;

    /** A pid above Linux's largest (2^22): no process has it. */
    private static final long DEAD_PID = 2_000_000_000L;

    private static String host() {
        Matcher m = Pattern.compile("\\.p\\d+\\.h([0-9a-f]{8})\\.").matcher(TempFiles.name("x"));
        assertTrue(m.find());
        return m.group(1);
    }

    private Path temp(String name, Duration age) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "partial");
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(age)));
        return p;
    }

    @Test void aHolderIsItsIdAndOnlyADeadProcessOfThisHostIsKnownGone() {
        Holder me = Holder.current();
        assertEquals(ProcessHandle.current().pid(), me.pid());
        assertEquals(java.util.Optional.of(me), Holder.parse(me.id()));
        assertEquals(java.util.Optional.empty(), Holder.parse("p12.hxyz"));
        assertFalse(me.knownGone());
        assertTrue(new Holder(DEAD_PID, me.host()).knownGone());
        assertFalse(new Holder(DEAD_PID, me.host().equals("00000000") ? "11111111" : "00000000").knownGone(), "another host: cannot tell");
    }

    @Test void namesCarryTheWriterAndAreTempNames() {
        String n = TempFiles.name("weights.safetensors");
        assertTrue(n.startsWith(".weights.safetensors.p" + ProcessHandle.current().pid() + ".h"), n);
        assertTrue(TempFiles.isTempName(n) && AtomicFiles.isTempName(n));
        assertFalse(TempFiles.isTempName("weights.safetensors"));
    }

    @Test void aTempFileOfADeadProcessOnThisHostIsStaleAtOnce() throws IOException {
        assertTrue(TempFiles.isStale(temp(".mask.safetensors.p" + DEAD_PID + ".h" + host() + ".1f.tmp", Duration.ZERO)));
        assertFalse(TempFiles.isStale(temp(TempFiles.name("level.json"), Duration.ofDays(2))), "this process's own write is never stale");
    }

    @Test void aLiveProcessOrAnotherHostOrAnOldNameNeedsAnHourOfSilence() throws IOException {
        long live = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L);
        String other = host().equals("00000000") ? "11111111" : "00000000";
        List<String> names = List.of(".a.p" + live + ".h" + host() + ".2.tmp", ".b.p" + DEAD_PID + ".h" + other + ".3.tmp",
                ".c.json.7b3.tmp");
        for (String name : names) {
            assertFalse(TempFiles.isStale(temp(name, Duration.ofMinutes(59))), name + " may belong to a writer that is alive");
            assertTrue(TempFiles.isStale(temp(name, Duration.ofMinutes(61))), name + " has been silent for an hour");
        }
    }

    @Test void removeStaleDeletesOnlyAbandonedTempFiles() throws IOException {
        Path level = dir.resolve("ticket/rep0/level03");
        Files.createDirectories(level);
        Path data = level.resolve("mask.safetensors");
        Files.writeString(data, "data");
        Path dead = level.resolve(".weights.safetensors.p" + DEAD_PID + ".h" + host() + ".9.tmp");
        Files.writeString(dead, "half");
        Path mine = level.resolve(TempFiles.name("level.json"));
        Files.writeString(mine, "in flight");
        Path hidden = level.resolve(".hidden");
        Files.writeString(hidden, "not a temp file");
        assertEquals(List.of(dead), TempFiles.removeStale(dir, 8));
        assertTrue(Files.exists(data) && Files.exists(mine) && Files.exists(hidden));
        assertEquals(List.of(), TempFiles.removeStale(dir.resolve("absent"), 8));
    }

    /**
     * Other trainings write into the store while it is cleaned: their temp files appear and are
     * renamed away, and folders appear, during the listing. removeStale must neither fail nor touch
     * a live writer's file, and still remove a dead writer's.
     */
    @Test void removeStaleToleratesConcurrentWrites() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int id = w;
            Thread t = new Thread(() -> {
                try {
                    for (int i = 0; !stop.get(); i++) {
                        Path level = dir.resolve("ticket/rep" + id + "/level" + (i % 7));
                        Files.createDirectories(level);
                        AtomicFiles.writeString(level.resolve("level.json"), "{\"i\": " + i + "}");
                        AtomicFiles.writeString(dir.resolve("summary.json"), "{\"w\": " + id + ", \"i\": " + i + "}");
                    }
                } catch (Throwable e) {
                    writerFailure.set(e);
                }
            });
            t.start();
            writers.add(t);
        }
        try {
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            int sweeps = 0;
            while (System.nanoTime() < until || sweeps < 50) {
                Path dead = dir.resolve(".summary.json.p" + DEAD_PID + ".h" + host() + "." + sweeps + ".tmp");
                Files.writeString(dead, "half");
                List<Path> removed = TempFiles.removeStale(dir, 4);
                assertEquals(List.of(dead), removed, "only the dead writer's temp file, sweep " + sweeps);
                sweeps++;
            }
        } finally {
            stop.set(true);
            for (Thread t : writers) t.join();
        }
        assertNull(writerFailure.get(), () -> "a writer failed: " + writerFailure.get());
        try (var s = Files.walk(dir)) {
            assertEquals(List.of(), s.filter(p -> TempFiles.isTempName(p.getFileName().toString())).toList(), "writers renamed all theirs");
        }
    }

    @Test void atomicWritesUseTheseNames() throws IOException {
        Path f = dir.resolve("state.bin");
        AtomicFiles.write(f, out -> {
            try (var s = Files.list(dir)) {
                String tmp = s.map(p -> p.getFileName().toString()).filter(TempFiles::isTempName).findFirst().orElseThrow();
                assertTrue(tmp.startsWith(".state.bin.p" + ProcessHandle.current().pid() + ".h" + host() + "."), tmp);
            }
            out.write(1);
        });
        assertEquals(1, Files.size(f));
    }
}
