package lottery.pruning;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class LocalExecutorTest {
    @TempDir Path out;

    static ExperimentConfig config(int levels, int replicates) {
        return new ExperimentConfig("fake", "none", "layerwise", 0.2, 0.1, 0.15, "2ep", 20, 8, "adam", 1e-3, 0.9, 0,
                5, 7, levels, replicates, Arm.parseList("reinit,random,finetune"));
    }

    static List<LevelResult> run(ExperimentConfig c, FakeNetwork.Factory f, Path out, LocalExecutor executor,
            ImpListener l) throws IOException {
        return new Imp(c, f, ExperimentStore.open(out, c), l).run(executor);
    }

    /** Every file of a store except level.json (its wall time differs) and the leases folder, as bytes. */
    static List<String> files(Path store) throws IOException {
        List<String> s = new ArrayList<>();
        try (Stream<Path> all = Files.walk(store)) {
            for (Path p : all.sorted().toList()) {
                String rel = store.relativize(p).toString();
                if (!Files.isRegularFile(p) || rel.startsWith("leases") || rel.endsWith("level.json")
                        || rel.equals("summary.json")) continue;
                s.add(rel + " " + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(p))));
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return s;
    }

    @Test void twoOrThreeJobsGiveTheSameStoreAsOneAndRunControlsNextToTheNextTicket() throws IOException {
        ExperimentConfig c = config(3, 2);
        List<LevelResult> sequential = run(c, new FakeNetwork.Factory(20, 5), out.resolve("a"), LocalExecutor.SEQUENTIAL, ImpListener.NONE);
        FakeNetwork.Factory f = new FakeNetwork.Factory(20, 5);
        f.stepMillis = 1;
        AtomicInteger running = new AtomicInteger(), most = new AtomicInteger();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        ImpListener watch = new ImpListener() {
            @Override public void levelStarted(Arm arm, int r, int level, long w, int it) {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                order.add(arm.id() + r + level);
            }
            @Override public void levelFinished(LevelResult r, boolean resumed) { if (!resumed) running.decrementAndGet(); }
        };
        List<LevelResult> parallel = run(c, f, out.resolve("b"), new LocalExecutor(3, 1), watch);
        assertEquals(ImpTest.comparable(sequential), ImpTest.comparable(parallel));
        assertEquals(files(out.resolve("a").resolve(c.storeName())), files(out.resolve("b").resolve(c.storeName())));
        assertEquals(2 * (1 + 3 * 4), f.trainings);
        assertEquals(3, most.get(), "three jobs should have run at once");
        for (int r = 0; r < 2; r++)
            for (int level = 1; level <= 3; level++)
                assertTrue(order.indexOf("ticket" + r + (level - 1)) < order.indexOf("reinit" + r + level),
                        "a control ran before its ticket");
    }

    @Test void realTrainingsSideBySideWriteTheSameBytesAsOneAfterAnotherOnTwoThreads() throws IOException {
        ExperimentConfig c = NnImpTest.config("adam", 0, "init", 2, Arm.parseList("reinit,random")).withExtent(2, 2,
                Arm.parseList("reinit,random"));
        int before = lottery.kernels.Threads.count();
        try {
            lottery.kernels.Threads.set(2);
            new Imp(c, new NnNetworks(c, NnImpTest.data()), ExperimentStore.open(out.resolve("a"), c), ImpListener.NONE).run();
            new Imp(c, new NnNetworks(c, NnImpTest.data()), ExperimentStore.open(out.resolve("b"), c), ImpListener.NONE)
                    .run(new LocalExecutor(3, 1));
        } finally {
            lottery.kernels.Threads.set(before);
        }
        List<String> a = files(out.resolve("a").resolve(c.storeName()));
        // mask, weights and metrics per level, θ0 per replicate, config.json
        assertEquals(2 * (1 + 2 * 3) * 3 + 2 + 1, a.size(), a.toString());
        assertEquals(a, files(out.resolve("b").resolve(c.storeName())));
    }

    @Test void aFailureStopsTheOtherJobsAndTheResumedRunFinishesWithTheSameNumbers() throws IOException {
        ExperimentConfig c = config(2, 2);
        List<LevelResult> whole = run(c, new FakeNetwork.Factory(20, 5), out.resolve("a"), LocalExecutor.SEQUENTIAL, ImpListener.NONE);
        FakeNetwork.Factory dying = new FakeNetwork.Factory(20, 5);
        dying.stepMillis = 2;
        dying.failAt = 4;
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> run(c, dying, out.resolve("b"), new LocalExecutor(2, 1), ImpListener.NONE));
        assertEquals("simulated kill", e.getMessage());
        FakeNetwork.Factory resumed = new FakeNetwork.Factory(20, 5);
        List<LevelResult> rest = run(c, resumed, out.resolve("b"), new LocalExecutor(2, 1), ImpListener.NONE);
        assertTrue(resumed.trainings < 2 * (1 + 2 * 4), "nothing was kept from the failed run");
        assertEquals(ImpTest.comparable(whole), ImpTest.comparable(rest));
        assertEquals(files(out.resolve("a").resolve(c.storeName())), files(out.resolve("b").resolve(c.storeName())));
        try (Stream<Path> leases = Files.list(out.resolve("b").resolve(c.storeName()).resolve("leases"))) {
            assertEquals(List.of("summary.lock"), leases.map(p -> p.getFileName().toString()).toList(), "a lease was left behind");
        }
    }

    /**
     * A process killed after it wrote its level but before it released the level's lease leaves the
     * lease behind; the next run finds the level finished, takes the dead holder's lease over and
     * releases it, and leaves a live holder's lease alone.
     */
    @Test void aResumedRunReleasesTheLeaseADeadProcessLeftOnAFinishedLevel() throws Exception {
        ExperimentConfig c = config(1, 1);
        run(c, new FakeNetwork.Factory(20, 5), out, LocalExecutor.SEQUENTIAL, ImpListener.NONE);
        ExperimentStore store = ExperimentStore.open(out, c);
        Path dead = StoreTasks.leaseFile(store, new LevelTask(Arm.TICKET, 0, 1));
        Path live = StoreTasks.leaseFile(store, new LevelTask(Arm.REINIT, 0, 1));
        Lease mine = Lease.tryAcquire(dead, Leases.TTL, null).orElseThrow();
        String json = Files.readString(dead);
        mine.close();
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Files.writeString(dead, json.replaceFirst("\"pid\":\\d+", "\"pid\":" + p.pid()));
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            long start = sleeper.info().startInstant().orElseThrow().toEpochMilli() / 1000;
            Files.writeString(live, json.replaceFirst("\"pid\":\\d+", "\"pid\":" + sleeper.pid())
                    .replaceFirst("\"processStart\":\\d+", "\"processStart\":" + start));
            FakeNetwork.Factory again = new FakeNetwork.Factory(20, 5);
            run(c, again, out, LocalExecutor.SEQUENTIAL, ImpListener.NONE);
            assertEquals(0, again.trainings, "every level was finished");
            assertFalse(Files.exists(dead), "the dead process's lease was left behind");
            assertTrue(Files.exists(live), "a live holder's lease is not touched");
        } finally {
            sleeper.destroyForcibly().waitFor();
        }
    }

    @Test void twoRunsOnOneStoreNeverTrainTheSameLevelAndTheSecondSaysItWaits() throws Exception {
        ExperimentConfig c = config(3, 1);
        List<LevelResult> whole = run(c, new FakeNetwork.Factory(20, 5), out.resolve("a"), LocalExecutor.SEQUENTIAL, ImpListener.NONE);
        FakeNetwork.Factory f = new FakeNetwork.Factory(20, 5);   // shared: it counts every training of both runs
        f.stepMillis = 3;
        List<String> waits = Collections.synchronizedList(new ArrayList<>());
        ImpListener l = new ImpListener() {
            @Override public void waiting(LevelTask t, String holder) { waits.add(t + " " + holder); }
        };
        Path b = out.resolve("b");
        Thread other = new Thread(() -> {
            try {
                run(c, f, b, new LocalExecutor(1, 0, 20), l);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        other.start();
        List<LevelResult> mine = run(c, f, b, new LocalExecutor(2, 1, 20), l);
        other.join();
        assertEquals(1 + 3 * 4, f.trainings, "a level was trained twice");
        assertFalse(waits.isEmpty(), "one run should have waited for the other");
        assertTrue(waits.get(0).contains(":" + ProcessHandle.current().pid()), waits.get(0));
        assertEquals(ImpTest.comparable(whole), ImpTest.comparable(mine));
        assertEquals(files(out.resolve("a").resolve(c.storeName())), files(b.resolve(c.storeName())));
    }
}
