package lottery.pruning;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

class LeaseTest {
    @TempDir Path dir;
    static final Duration TTL = Duration.ofSeconds(30);

    /**
     * A lease taken by another thread, which then ends: the holder of a lease that is later taken
     * over is interrupted by the renewer, and that must not be the test's own thread.
     */
    static Lease elsewhere(Path file, Duration ttl) throws Exception {
        Lease[] l = new Lease[1];
        Thread t = new Thread(() -> {
            try {
                l[0] = Lease.tryAcquire(file, ttl, null).orElseThrow();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        t.start();
        t.join();
        return l[0];
    }

    /** Leaves at {@code file} the lease of a holder on another host that stopped renewing it a second ago. */
    static void expired(Path file) throws Exception {
        Lease l = Lease.tryAcquire(file, TTL, null).orElseThrow();
        String json = Files.readString(file);
        l.close();
        Files.writeString(file, json.replaceFirst("\"expires\":\\d+", "\"expires\":" + (System.currentTimeMillis() - 1000))
                .replaceFirst("\"host\":\"[^\"]*\"", "\"host\":\"elsewhere\""));
    }

    @Test void aHeldLeaseIsBusyForOthersAndFreeAfterRelease() throws Exception {
        Path file = dir.resolve("leases/ticket-rep0-level01.lease");
        Lease.Holder[] heldBy = new Lease.Holder[1];
        try (Lease lease = Lease.tryAcquire(file, TTL, heldBy).orElseThrow()) {
            Lease.Holder h = Lease.read(file).orElseThrow();
            assertEquals(ProcessHandle.current().pid(), h.pid());
            assertTrue(h.expires() > System.currentTimeMillis() + 20_000);
            assertTrue(Lease.tryAcquire(file, TTL, heldBy).isEmpty());
            assertEquals(h.token(), heldBy[0].token());
            assertFalse(lease.lost());
        }
        assertFalse(Files.exists(file));
        Lease.tryAcquire(file, TTL, heldBy).orElseThrow().close();
    }

    @Test void aHeldLeaseIsRenewedPastItsTimeToLiveAndALiveProcessOfThisHostKeepsItsLease() throws Exception {
        Path file = dir.resolve("renewed.lease");
        try (Lease lease = Lease.tryAcquire(file, Duration.ofMillis(1200), null).orElseThrow()) {
            Thread.sleep(2500);
            assertTrue(Lease.read(file).orElseThrow().expires() > System.currentTimeMillis(), "not renewed");
            assertTrue(Lease.tryAcquire(file, TTL, null).isEmpty());
            assertFalse(lease.lost());
        }
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            Lease mine = Lease.tryAcquire(file, TTL, null).orElseThrow();
            String json = Files.readString(file);
            mine.close();
            long start = sleeper.info().startInstant().orElseThrow().toEpochMilli() / 1000;
            Files.writeString(file, json.replaceFirst("\"pid\":\\d+", "\"pid\":" + sleeper.pid())
                    .replaceFirst("\"processStart\":\\d+", "\"processStart\":" + start));
            Lease.Holder[] heldBy = new Lease.Holder[1];
            assertTrue(Lease.tryAcquire(file, TTL, heldBy).isEmpty(), "a live process's lease was taken");
            assertEquals(sleeper.pid(), heldBy[0].pid());
        } finally {
            sleeper.destroy();
        }
    }

    @Test void anExpiredLeaseIsTakenOverAndItsHolderLearnsItLostIt() throws Exception {
        Path file = dir.resolve("a.lease");
        Lease old = elsewhere(file, TTL);
        String json = Files.readString(file);
        // as if its holder had stopped renewing: expired, and on another host
        Files.writeString(file, json.replaceFirst("\"expires\":\\d+", "\"expires\":" + (System.currentTimeMillis() - 1000))
                .replaceFirst("\"host\":\"[^\"]*\"", "\"host\":\"elsewhere\""));
        Lease taker = Lease.tryAcquire(file, TTL, null).orElseThrow();
        assertEquals(ProcessHandle.current().pid(), Lease.read(file).orElseThrow().pid());
        assertFalse(old.renew(), "the old holder must see that it lost the lease");
        assertTrue(old.lost());
        old.close();
        assertTrue(Files.exists(file), "closing a lost lease must not remove the new holder's file");
        assertTrue(taker.renew());
        taker.close();
        assertFalse(Files.exists(file));
    }

    @Test void aLeaseOfADeadProcessOfThisHostIsTakenOverAtOnce() throws Exception {
        Path file = dir.resolve("b.lease");
        Lease mine = Lease.tryAcquire(file, TTL, null).orElseThrow();
        String json = Files.readString(file);
        mine.close();
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long deadPid = p.pid();
        Files.writeString(file, json.replaceFirst("\"pid\":\\d+", "\"pid\":" + deadPid));
        assertTrue(Lease.read(file).orElseThrow().expires() > System.currentTimeMillis(), "not expired");
        Lease taken = Lease.tryAcquire(file, TTL, null).orElseThrow();
        assertEquals(ProcessHandle.current().pid(), Lease.read(file).orElseThrow().pid());
        taken.close();
    }

    @Test void aLeaseOfThisProcessThatItNoLongerHoldsIsTakenOverAtOnce() throws Exception {
        Path file = dir.resolve("leaked.lease");
        Lease mine = Lease.tryAcquire(file, TTL, null).orElseThrow();
        String json = Files.readString(file);
        mine.close();
        Files.writeString(file, json.replaceFirst("\"token\":\"[^\"]+\"", "\"token\":\"leaked\""));
        assertEquals("leaked", Lease.read(file).orElseThrow().token());
        Lease.tryAcquire(file, TTL, null).orElseThrow().close();
    }

    @Test void aFreshUnreadableLeaseCountsAsHeldAndAStaleOneIsTakenOver() throws Exception {
        Path file = dir.resolve("c.lease");
        Files.writeString(file, "");                                  // a holder between create and write
        assertTrue(Lease.tryAcquire(file, TTL, null).isEmpty());
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Lease.tryAcquire(file, TTL, null).orElseThrow().close();
    }

    @Test void ofManyThreadsRacingForOneLeaseExactlyOneWins() throws Exception {
        for (int round = 0; round < 20; round++) {
            Path file = dir.resolve("race" + round + ".lease");
            if (round % 2 == 1) {                                       // half the rounds race over an expired lease
                expired(file);
            }
            int n = 6;
            CountDownLatch go = new CountDownLatch(1);
            AtomicInteger winners = new AtomicInteger();
            List<Lease> won = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            List<Thread> threads = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                        Optional<Lease> l = Lease.tryAcquire(file, TTL, null);
                        if (l.isPresent()) { winners.incrementAndGet(); won.add(l.get()); }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                t.start();
                threads.add(t);
            }
            go.countDown();
            for (Thread t : threads) t.join();
            assertEquals(1, winners.get(), "round " + round);
            won.forEach(Lease::close);
        }
    }
}
