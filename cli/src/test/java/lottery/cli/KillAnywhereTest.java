package lottery.cli;

import lottery.pruning.Arm;
import lottery.pruning.ExperimentStore;
import lottery.nn.io.TempFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Kill anywhere: a real {@code lottery imp} process is killed with SIGKILL at {@value #KILLS}
 * seeded random moments and started again each time (in two chains side by side, each on its own
 * store, so the two cores of a small machine both work). Half the moments are a random time after
 * the start (during start-up, data loading, training, evaluation or the report); the others are
 * the moment the process is seen writing its n-th file (a temp file in the store), so the kill
 * lands in the middle of a write. The finished store must equal an uninterrupted run's byte for
 * byte, wall times aside, and no run may ever have found a damaged level. The whole file set is
 * compared: it holds no temp file (a dead writer's are removed when the store is opened) and no
 * lease (leases/ holds one file per training in progress; a killed process's lease is taken over
 * and released by the run that finds its level finished, or that trains it again), only the
 * summary lock file that every run has.
 */
class KillAnywhereTest {
    static final int KILLS = 20, CHAINS = 2;
    /** No single run, nor a whole chain, may take longer than this. */
    private static final long LIMIT_SECONDS = 300;
    private static final int SIGKILL_EXIT = 128 + 9;

    @TempDir Path tmp;

    private static String[] imp(Path data, Path out) {
        return new String[] {"imp", "--dataset", "cifar10", "--data-dir", data.toString(), "--model", "lenet300", "--iterations", "10",
                "--eval-every", "10", "--batch", "8", "--levels", "2", "--arms", "ticket,reinit", "--rewind", "5it", "--threads", "1",
                "--seed", "3", "--out", out.toString()};
    }

    @Test void aStoreKilledAnywhereResumesToTheSameBytes() throws Exception {
        Path data = TinyCifar.write(tmp.resolve("data"));
        Path ref = tmp.resolve("ref"), refLog = tmp.resolve("ref.log");
        Process reference = ChildJvm.builder(refLog, List.of(), imp(data, ref)).start();
        ExecutorService pool = Executors.newFixedThreadPool(CHAINS);
        try {
            // two chains of kills side by side (two cores), each on its own store
            List<Future<String>> chains = new ArrayList<>();
            for (int c = 0; c < CHAINS; c++) {
                Path out = tmp.resolve("chain" + c);
                long seed = KILLS + c;
                chains.add(pool.submit(() -> killChain(data, out, seed, KILLS / CHAINS)));
            }
            for (Future<String> f : chains) System.out.println(f.get(LIMIT_SECONDS, TimeUnit.SECONDS));
            assertTrue(reference.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS), "the reference run hung");
            assertEquals(0, reference.exitValue(), () -> log(refLog));
        } finally {
            pool.shutdownNow();
            reference.destroyForcibly();
        }

        Path a = onlyStore(ref);
        TreeMap<String, byte[]> want = files(a);
        for (int c = 0; c < CHAINS; c++) {
            Path b = onlyStore(tmp.resolve("chain" + c));
            assertEquals(a.getFileName(), b.getFileName());
            TreeMap<String, byte[]> got = files(b);
            assertEquals(want.keySet(), got.keySet(), "the same files: no temp file and no lease left");
            for (String name : want.keySet()) {
                if (isText(name)) assertEquals(normalise(want.get(name)), normalise(got.get(name)), name);
                else assertArrayEquals(want.get(name), got.get(name), name);
            }
            ExperimentStore store = ExperimentStore.existing(b);
            for (int level = 0; level <= 2; level++)
                for (Arm arm : level == 0 ? List.of(Arm.TICKET) : List.of(Arm.TICKET, Arm.REINIT))
                    assertTrue(store.finished(arm, 0, level, m -> fail(m)).isPresent(), arm + " level " + level);
        }
    }

    /**
     * Starts {@code lottery imp} on {@code out} again and again, killing it at seeded moments, until
     * {@code kills} kills have landed; then lets one run finish. Returns what happened.
     */
    private String killChain(Path data, Path out, long seed, int kills) throws Exception {
        SplittableRandom rng = new SplittableRandom(seed);
        int landed = 0, atWrites = 0, runs = 0;
        List<String> plan = new ArrayList<>();
        while (landed < kills) {
            assertTrue(++runs <= 3 * kills, "only " + landed + " kills landed in " + (runs - 1) + " runs: " + plan);
            Path log = out.resolveSibling(out.getFileName() + "-run" + runs + ".log");
            boolean atWrite = rng.nextBoolean();
            int nthWrite = rng.nextInt(1, 6);
            long delayNanos = TimeUnit.MILLISECONDS.toNanos(rng.nextInt(0, 2000));
            Process p = ChildJvm.builder(log, List.of(), imp(data, out)).start();
            long start = System.nanoTime();
            int exit;
            try {
                Set<String> temps = new HashSet<>();
                boolean sent = false;
                while (p.isAlive() && !sent) {
                    if (atWrite) {
                        String mine = ".p" + p.pid() + ".";                      // not the temp files a killed run left behind
                        for (String t : tempFiles(out)) if (t.contains(mine)) temps.add(t);
                        sent = temps.size() >= nthWrite;
                    } else {
                        sent = System.nanoTime() - start >= delayNanos;
                    }
                    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(LIMIT_SECONDS), "run " + runs + " hung");
                    if (sent) p.destroyForcibly();
                    else Thread.sleep(1);
                }
                exit = p.waitFor();
            } finally {
                p.destroyForcibly();
            }
            int run = runs;
            for (String line : ChildJvm.errLines(log))
                assertFalse(line.contains("damaged") || line.contains("internal error"), "run " + run + ": " + line);
            if (exit == SIGKILL_EXIT) {
                landed++;
                if (atWrite) atWrites++;
                plan.add((atWrite ? "write " + nthWrite : "time") + " @" + (System.nanoTime() - start) / 1_000_000 + " ms");
            } else {
                assertEquals(0, exit, () -> log(log));
            }
        }
        Path last = out.resolveSibling(out.getFileName() + "-last.log");
        Process finish = ChildJvm.builder(last, List.of(), imp(data, out)).start();
        try {
            assertTrue(finish.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS), "the last run hung");
        } finally {
            finish.destroyForcibly();
        }
        assertEquals(0, finish.exitValue(), () -> log(last));
        assertTrue(atWrites >= kills / 4, "kills while writing: " + atWrites + " of " + plan);
        return out.getFileName() + ": " + landed + " kills (" + atWrites + " while writing) in " + runs + " runs: " + plan;
    }

    private static boolean isText(String name) { return name.endsWith(".json") || name.endsWith(".md"); }

    /** A JSON or Markdown file with its wall times (and level.json's checksum of itself, which covers them) blanked. */
    static String normalise(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.UTF_8);
        s = s.replaceAll("\"wallSeconds\" : [-+0-9.Ee]+", "\"wallSeconds\" : 0");
        s = s.replaceAll("\"recordSha256\" : \"[0-9a-f]+\"", "\"recordSha256\" : \"\"");
        return s.replaceAll("(?m)\\| [0-9.]+ \\|$", "| - |");                   // report.md: the wall s column
    }

    private static List<String> tempFiles(Path root) {
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> s = Files.walk(root)) {
            return s.map(p -> p.getFileName().toString()).filter(TempFiles::isTempName).toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();                                                    // files came and went while we looked
        }
    }

    private static Path onlyStore(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            List<Path> dirs = s.toList();
            assertEquals(1, dirs.size(), dirs.toString());
            return dirs.getFirst();
        }
    }

    private static TreeMap<String, byte[]> files(Path dir) throws IOException {
        TreeMap<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
        }
        return out;
    }

    private static String log(Path log) {
        try {
            return ChildJvm.err(log) + ChildJvm.out(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
