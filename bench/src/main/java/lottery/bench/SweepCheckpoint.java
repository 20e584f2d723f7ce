package lottery.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Keeps a long sweep's records on disk while it runs: at most every {@code everyMs}, the records so far are written
 * atomically to {@code file} as a sweep report, so a killed run loses at most that much measuring. The finished run
 * writes its real outputs and then {@link #delete}s the checkpoint.
 */
public final class SweepCheckpoint implements Consumer<List<BenchRecord>> {
    private final Path file;
    private final MachineFacts machine;
    private final String timing;
    private final long everyNanos;
    private final List<BenchRecord> records = new ArrayList<>();
    private long last = System.nanoTime();

    public SweepCheckpoint(Path file, MachineFacts machine, String timing, long everyMs) {
        this.file = file;
        this.machine = machine;
        this.timing = timing;
        this.everyNanos = everyMs * 1_000_000L;
    }

    @Override public void accept(List<BenchRecord> group) {
        records.addAll(group);
        if (System.nanoTime() - last >= everyNanos) write();
    }

    /** Writes the records so far (nothing when there are none). */
    public void write() {
        if (records.isEmpty()) return;
        try {
            BenchJson.writeAtomic(file, BenchJson.toJson(SweepReport.of(machine, timing, records, List.of())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sweep checkpoint " + file + ": " + e.getMessage(), e);
        }
        last = System.nanoTime();
    }

    public Path file() { return file; }

    public void delete() throws IOException { Files.deleteIfExists(file); }
}
