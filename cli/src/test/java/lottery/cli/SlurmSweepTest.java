package lottery.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import lottery.nn.data.DataCache;
import lottery.nn.data.IdxData;
import lottery.nn.data.IdxSpec;
import lottery.pruning.Lease;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The same small sweep (2 cells x 2 replicates x 2 levels x 200 iterations, arms ticket and
 * reinit) on this machine and on a real single-node Slurm cluster (src/test/slurm/cluster.sh
 * installs Debian's slurm-wlm and munge when missing and root, and starts munged, slurmctld and
 * slurmd). A ticket task of level 1 is cancelled with scancel in the middle of its training; the
 * levels finished by then must equal the local ones, `sweep status` must show the failure, and
 * after `sweep resume` every result must equal the local run's, byte for byte. Skipped, with the
 * reason, where Slurm cannot start or MNIST is not in the cache.
 */
class SlurmSweepTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCRIPT = Path.of("src/test/slurm/cluster.sh").toAbsolutePath();
    @TempDir static Path tmp;
    private static Path cluster;
    private static String notReady;

    @BeforeAll static void startSlurm() throws Exception {
        cluster = tmp.resolve("cluster");
        Process p = new ProcessBuilder("bash", SCRIPT.toString(), "start", cluster.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) notReady = out.lines().reduce((a, b) -> b).orElse("cluster.sh failed");
    }

    @AfterAll static void stopSlurm() throws Exception {
        if (cluster != null) new ProcessBuilder("bash", SCRIPT.toString(), "stop", cluster.toString()).inheritIO().start().waitFor();
    }

    /** This JVM, its flags and class path: how the tasks and the CLI subprocesses run lottery. */
    private static List<String> lottery() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-Xss8m", "-cp", cp, Main.class.getName());
    }

    private static String launcher() {
        List<String> l = lottery();
        return String.join(" ", l.stream().map(Launcher::quote).toList());
    }

    /** Runs a CLI command (or a Slurm command) in a subprocess that talks to the test cluster; returns its output. */
    private static String sh(List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SLURM_CONF", cluster.resolve("slurm.conf").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", cmd.subList(0, Math.min(cmd.size(), 12))) + ":\n" + out);
        return out;
    }

    private static String cli(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(lottery());
        cmd.addAll(List.of(args));
        return sh(cmd);
    }

    private static List<String> squeue() throws Exception {
        return sh(List.of("squeue", "-h", "-r", "-o", "%i %T %r")).lines().filter(l -> !l.isBlank()).toList();
    }

    /**
     * Waits until no task runs or could start: none RUNNING and every pending one waiting on a
     * dependency, for 4 s in a row (the scheduler runs every second), or the queue empty.
     */
    private static void awaitQuiet() throws Exception {
        long end = System.nanoTime() + 240_000_000_000L;
        int quiet = 0;
        while (System.nanoTime() < end) {
            List<String> q = squeue();
            if (q.isEmpty()) return;
            quiet = q.stream().allMatch(l -> l.contains("PENDING") && l.contains("Dependency")) ? quiet + 1 : 0;
            if (quiet >= 8) return;
            Thread.sleep(500);
        }
        fail("the Slurm tasks did not finish in 240 s: " + squeue());
    }

    @Test void aSweepGivesTheSameResultsLocallyAndOnSlurmAlsoAfterAKilledTaskAndAResume() throws Exception {
        assumeTrue(notReady == null, notReady);
        Path mnist = DataCache.dir("mnist");
        assumeTrue(IdxData.missing(IdxSpec.MNIST, mnist).isEmpty(), "MNIST is not in " + mnist + " (lottery data fetch mnist)");
        Path spec = tmp.resolve("sweep.yaml");
        Files.writeString(spec, """
                out: unused
                replicates: 2
                base: {iterations: 200, eval-every: 200, levels: 2, arms: [ticket, reinit], lr: 2.0e-3}
                axes:
                  strategy: [layerwise, global]
                """);
        Path local = tmp.resolve("local"), slurm = tmp.resolve("slurm");
        long t0 = System.nanoTime();
        CliRun run = CliRun.of("sweep", spec.toString(), "--out", local.toString(), "--jobs", "2");
        assertEquals(0, run.exit(), run.err());
        System.out.printf("local sweep: %.1f s%n", (System.nanoTime() - t0) / 1e9);

        String submitted = cli("sweep", spec.toString(), "--out", slurm.toString(), "--executor", "slurm", "--launcher", launcher(),
                "--slurm-opt", "time=00:10:00");
        assertTrue(submitted.contains("submitted ticket-L01 as job"), submitted);
        String ticket1 = JSON.readTree(slurm.resolve("slurm/jobs.json").toFile()).get(1).path("id").asText();
        killWhileTraining(slurm, ticket1);
        System.out.printf("killed a task at %.1f s%n", (System.nanoTime() - t0) / 1e9);
        awaitQuiet();
        System.out.printf("quiet at %.1f s%n", (System.nanoTime() - t0) / 1e9);
        String status = cli("sweep", "status", slurm.toString());
        assertTrue(status.contains("CANCELLED"), status);
        Map<String, String> partial = results(slurm), whole = results(local);
        assertTrue(partial.size() < whole.size(), "the cancelled task's level and those after it must be missing");
        partial.forEach((k, v) -> assertEquals(whole.get(k), v, k + " differs between the local run and Slurm"));

        String resumed = cli("sweep", "resume", slurm.toString(), "--launcher", launcher());
        assertTrue(resumed.contains("submitted"), resumed);
        awaitQuiet();
        assertTrue(squeue().isEmpty(), squeue().toString());
        System.out.printf("resumed sweep finished at %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertEquals(whole, results(slurm));
        assertEquals(summaries(local), summaries(slurm));
        String report = cli("sweep", "report", slurm.toString());
        assertTrue(report.contains("| strategy=layerwise |"), report);
    }

    /** Cancels the ticket level-1 task that holds a lease first (it is training). */
    private static void killWhileTraining(Path root, String job) throws Exception {
        long end = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < end) {
            try (Stream<Path> leases = Files.find(root, 3,
                    (p, a) -> p.getFileName().toString().matches("ticket-rep\\d+-level01\\.lease"))) {
                List<Path> found = leases.toList();
                var holder = found.isEmpty() ? java.util.Optional.<Lease.Holder>empty() : Lease.read(found.getFirst());
                if (holder.isPresent()) {                       // written whole (it is empty for an instant after creation)
                    String task = holder.get().job();
                    assertTrue(task.startsWith(job + "_"), task);
                    Thread.sleep(100);                           // inside its 200 iterations
                    sh(List.of("scancel", task));
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no ticket level-1 task started training in 180 s: " + squeue());
    }

    /** Every result file of every cell (masks, weights, metrics, θ0) by path, as its SHA-256. */
    private static Map<String, String> results(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString(), name = p.getFileName().toString();
                if (rel.startsWith("slurm") || rel.startsWith("cells") || name.endsWith(".png") || name.endsWith(".svg")) continue;
                if (!name.endsWith(".safetensors") && !name.equals("metrics.csv")) continue;
                m.put(rel, HexFormat.of().formatHex(sha256(Files.readAllBytes(p))));
            }
        }
        return m;
    }

    /** Each cell's summary.json records without their wall time. */
    private static Map<String, String> summaries(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> files = Files.find(root, 2, (p, a) -> p.getFileName().toString().equals("summary.json"))) {
            for (Path p : files.toList()) {
                JsonNode records = JSON.readTree(p.toFile()).path("records");
                for (JsonNode r : records) ((ObjectNode) r).remove("wallSeconds");
                m.put(root.relativize(p).toString(), records.toString());
            }
        }
        return m;
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
