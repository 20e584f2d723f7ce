package lottery.pruning.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import lottery.nn.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Submits a {@link SlurmPlan} with {@code sbatch}, records the jobs in {@code slurm/jobs.json},
 * and asks {@code squeue} and {@code scancel} about them. Every command is run as a process; a
 * missing or failing command is an IOException with its one-line error.
 */
public final class Slurm {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A submitted array: stage name, job id, the array indices. */
    public record Job(String stage, String id, List<Integer> indices) {}

    /** One array task in squeue: state (PENDING, RUNNING, …) and reason. */
    public record Queued(String stage, String job, int index, String state, String reason) {}

    private Slurm() {}

    /**
     * Writes each stage's script under {@code slurm/} and submits it, chaining the dependencies;
     * returns the jobs (also appended to {@code slurm/jobs.json}). With {@code dryRun}, prints the
     * sbatch command lines and scripts to {@code out} instead and submits nothing.
     */
    public static List<Job> submit(Sweep sweep, SlurmPlan plan, String launcher, List<String> options, boolean dryRun,
                                   java.io.PrintStream out) throws IOException {
        Map<String, String> ids = new HashMap<>();
        List<Job> jobs = new ArrayList<>();
        Path dir = sweep.slurmDir();
        if (!dryRun) Files.createDirectories(dir.resolve("logs"));
        for (SlurmPlan.Stage s : plan.stages()) {
            String script = plan.script(s, launcher, options);
            Path file = dir.resolve(s.name() + ".sbatch");
            List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable"));
            if (s.after() != null) cmd.add("--dependency=aftercorr:" + (dryRun ? "<job of " + s.after() + ">" : ids.get(s.after())));
            cmd.add(file.toString());
            if (dryRun) {
                out.println("# " + String.join(" ", cmd));
                out.println(script);
                continue;
            }
            AtomicFiles.writeString(file, script);
            String id = run(cmd).trim().split(";")[0];
            if (!id.matches("\\d+")) throw new IOException("sbatch printed '" + id + "' instead of a job id for " + file);
            ids.put(s.name(), id);
            Job j = new Job(s.name(), id, s.indices());
            jobs.add(j);
            record(sweep, j);
            out.println("submitted " + s.name() + " as job " + id + " (array " + s.arraySpec() + ")"
                    + (s.after() != null ? ", after " + s.after() + " task by task" : ""));
        }
        return jobs;
    }

    private static synchronized void record(Sweep sweep, Job j) throws IOException {
        Path file = sweep.slurmDir().resolve("jobs.json");
        ArrayNode all = Files.exists(file) ? (ArrayNode) JSON.readTree(file.toFile()) : JSON.createArrayNode();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stage", j.stage());
        m.put("id", j.id());
        m.put("indices", j.indices());
        m.put("submitted", Instant.now().toString());
        all.add(JSON.valueToTree(m));
        AtomicFiles.writeJson(file, all);
    }

    /** Every job this sweep submitted, oldest first. */
    public static List<Job> jobs(Sweep sweep) throws IOException {
        Path file = sweep.slurmDir().resolve("jobs.json");
        List<Job> jobs = new ArrayList<>();
        if (!Files.exists(file)) return jobs;
        for (JsonNode n : JSON.readTree(file.toFile())) {
            List<Integer> idx = new ArrayList<>();
            n.path("indices").forEach(i -> idx.add(i.asInt()));
            jobs.add(new Job(n.path("stage").asText(), n.path("id").asText(), idx));
        }
        return jobs;
    }

    /** The sweep's array tasks still in the queue (pending or running). */
    public static List<Queued> queued(Sweep sweep) throws IOException {
        List<Job> jobs = jobs(sweep);
        List<Queued> q = new ArrayList<>();
        if (jobs.isEmpty()) return q;
        Map<String, String> stageOf = new HashMap<>();
        for (Job j : jobs) stageOf.put(j.id(), j.stage());
        for (String line : run(List.of("squeue", "-h", "-r", "--me", "-o", "%i|%T|%r")).split("\n")) {
            String[] f = line.trim().split("\\|");
            if (f.length < 3 || !f[0].contains("_")) continue;
            String[] idx = f[0].split("_");
            String stage = stageOf.get(idx[0]);
            if (stage != null && idx[1].matches("\\d+")) q.add(new Queued(stage, idx[0], Integer.parseInt(idx[1]), f[1], f[2]));
        }
        return q;
    }

    /** Cancels the sweep's pending tasks (running ones finish their level); returns how many were cancelled. */
    public static int cancelPending(Sweep sweep) throws IOException {
        List<Queued> pending = queued(sweep).stream().filter(q -> q.state().equals("PENDING")).toList();
        for (String job : pending.stream().map(Queued::job).distinct().toList()) {
            try {
                run(List.of("scancel", "--state=PENDING", job));
            } catch (IOException e) {
                if (!e.getMessage().contains("Invalid job id")) throw e;   // it left the queue meanwhile
            }
        }
        return pending.size();
    }

    static String run(List<String> cmd) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(cmd.get(0) + " is not available (" + e.getMessage()
                    + "); run this where the Slurm commands are on the PATH");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0)
                throw new IOException(String.join(" ", cmd.subList(0, Math.min(2, cmd.size()))) + " failed: "
                        + out.strip().lines().reduce((a, b) -> b).orElse("exit " + p.exitValue()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(cmd.get(0) + " was interrupted");
        }
        return out;
    }
}
