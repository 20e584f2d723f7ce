package lottery.pruning.sweep;

import lottery.pruning.Arm;
import lottery.pruning.Lease;
import lottery.pruning.LevelTask;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where each cell of a sweep stands: trainings finished of all, ticket levels finished per
 * replicate, trainings running (a live lease in the store, or a running Slurm task), queued
 * (pending in squeue; "blocked" when behind a failed task), and failed (a task that left a log but
 * neither finished nor is queued or running), with the last line of the failing task's log.
 */
public final class SweepStatus {
    public record Row(String cell, String label, int finished, int total, String ticketLevels, int running, int queued,
                      int blocked, int failed, String lastError) {}

    private final List<Row> rows;
    private final String squeueError;

    private SweepStatus(List<Row> rows, String squeueError) {
        this.rows = rows;
        this.squeueError = squeueError;
    }

    public List<Row> rows() { return rows; }

    /** Why squeue could not be asked (null when it answered or the sweep never used Slurm). */
    public String squeueError() { return squeueError; }

    public static SweepStatus of(Sweep sweep) throws IOException {
        sweep.onWarning(m -> {});
        SlurmPlanIndex index = new SlurmPlanIndex(sweep);
        List<Slurm.Queued> queue = List.of();
        String error = null;
        if (!Slurm.jobs(sweep).isEmpty()) {
            try {
                queue = Slurm.queued(sweep);
            } catch (IOException e) {
                error = e.getMessage();
            }
        }
        Map<String, Slurm.Queued> queued = new HashMap<>();
        for (Slurm.Queued q : queue) queued.put(q.stage() + "#" + q.index(), q);
        List<Row> rows = new ArrayList<>();
        for (int ci = 0; ci < sweep.cells().size(); ci++) {
            SweepSpec.Cell c = sweep.cells().get(ci);
            int finished = 0, total = 0, running = 0, waiting = 0, blocked = 0, failed = 0;
            String lastError = "";
            long lastErrorTime = 0;
            StringBuilder levels = new StringBuilder();
            for (int r = 0; r < c.config().replicates(); r++) {
                int done = -1;
                while (done < c.config().levels() && sweep.finished(c, new LevelTask(Arm.TICKET, r, done + 1))) done++;
                levels.append(levels.isEmpty() ? "" : ", ").append(done + 1).append('/').append(c.config().levels() + 1);
            }
            for (LevelTask t : LevelTask.all(c.config())) {
                total++;
                if (sweep.finished(c, t)) { finished++; continue; }
                Slurm.Queued q = queued.get(SlurmPlan.name(t.arm(), t.level()) + "#" + index.of(ci, t.replicate()));
                boolean leased = leased(sweep, c, t);
                if (leased || q != null && q.state().equals("RUNNING")) { running++; continue; }
                if (q != null) {
                    if (q.reason().contains("NeverSatisfied")) blocked++; else waiting++;
                    continue;
                }
                Optional<Path> log = lastLog(sweep, SlurmPlan.name(t.arm(), t.level()), index.of(ci, t.replicate()));
                if (log.isPresent()) {
                    failed++;
                    long time = Files.getLastModifiedTime(log.get()).toMillis();
                    if (time > lastErrorTime) {
                        lastErrorTime = time;
                        lastError = t + ": " + lastLine(log.get());
                    }
                }
            }
            rows.add(new Row(c.name(), c.label(), finished, total, levels.toString(), running, waiting, blocked, failed, lastError));
        }
        return new SweepStatus(rows, error);
    }

    private static boolean leased(Sweep sweep, SweepSpec.Cell c, LevelTask t) {
        Path file = sweep.storeDir(c).resolve("leases").resolve(t.name().replace('/', '-') + ".lease");
        return Files.exists(file) && Lease.read(file).map(Lease::live).orElse(true);
    }

    private static Optional<Path> lastLog(Sweep sweep, String stage, int index) throws IOException {
        Path logs = sweep.slurmDir().resolve("logs");
        if (!Files.isDirectory(logs)) return Optional.empty();
        try (Stream<Path> files = Files.list(logs)) {
            return files.filter(p -> p.getFileName().toString().matches(java.util.regex.Pattern.quote(stage) + "-\\d+_" + index + "\\.log"))
                    .max(Comparator.comparingLong(p -> p.toFile().lastModified()));
        }
    }

    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        String l = lines.isEmpty() ? "(empty log)" : lines.getLast();
        return l.length() > 160 ? l.substring(0, 157) + "..." : l;
    }

    public String markdown() {
        StringBuilder s = new StringBuilder(
                "| cell | store | trainings finished | ticket levels per replicate | running | queued | failed | last error |\n");
        s.append("|---|---|---:|---|---:|---:|---:|---|\n");
        for (Row r : rows)
            s.append(String.format(Locale.ROOT, "| %s | %s | %d/%d | %s | %d | %d%s | %d | %s |%n",
                    r.label(), r.cell(), r.finished(), r.total(),
                    r.ticketLevels(), r.running(), r.queued(), r.blocked() > 0 ? " (+" + r.blocked() + " blocked)" : "", r.failed(),
                    r.lastError().replace("|", "\\|")));
        return s.toString();
    }

    /** Array indices as {@link SlurmPlan} numbers them. */
    private record SlurmPlanIndex(int replicates) {
        SlurmPlanIndex(Sweep sweep) { this(sweep.cells().stream().mapToInt(c -> c.config().replicates()).max().orElse(1)); }

        int of(int cell, int replicate) { return cell * replicates + replicate; }
    }
}
