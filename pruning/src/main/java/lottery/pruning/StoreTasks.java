package lottery.pruning;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tasks of one experiment store as a {@link TaskGraph}, each run at most once across every
 * process sharing the store: a finished level is skipped (it is checked to read back whole), an
 * unfinished one is computed under its {@link Lease}, and summary.json is rewritten after it under
 * a file lock (so concurrent writers never leave a stale one). Leases live in {@code <store>/leases/}.
 */
public final class StoreTasks {
    private final Imp imp;
    private final ExperimentStore store;
    private final ImpListener listener;
    private final Set<LevelTask> announced = ConcurrentHashMap.newKeySet();

    StoreTasks(Imp imp, ExperimentStore store, ImpListener listener) {
        this.imp = imp;
        this.store = store;
        this.listener = listener;
    }

    public static Path leaseFile(ExperimentStore store, LevelTask t) {
        return store.dir().resolve("leases").resolve(t.name().replace('/', '-') + ".lease");
    }

    /** Every task of the experiment, a node each; tickets rank before controls (they are the critical path). */
    public TaskGraph graph() {
        TaskGraph g = new TaskGraph();
        Map<LevelTask, TaskGraph.Node> nodes = new HashMap<>();
        for (LevelTask t : imp.tasks()) {
            List<TaskGraph.Node> needs = t.needs().stream().map(nodes::get).toList();
            nodes.put(t, g.add(store.dir().getFileName() + "/" + t.name(), needs, t.arm() == Arm.TICKET ? 0 : 1, () -> attempt(t)));
        }
        return g;
    }

    /**
     * Runs the one task {@code t} (a cluster task's share of the store): returns at once when it is
     * finished, waits while another process holds its lease, fails when a task it needs is not finished.
     */
    public void runOne(LevelTask t, long retryMillis) throws IOException {
        if (!imp.tasks().contains(t))
            throw new IllegalArgumentException(t + " is not a task of this experiment (see --levels, --replicates, --arms)");
        for (LevelTask need : t.needs())
            if (imp.finished(need).isEmpty()) throw new IllegalStateException(t + " needs " + need + ", which is not finished in "
                    + store.dir());
        while (!attempt(t).done()) {
            try {
                Thread.sleep(retryMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.CancellationException(t + ": interrupted while waiting for its lease");
            }
        }
    }

    /** Runs {@code t} if it is not finished and no other process holds it. */
    public TaskGraph.Attempt attempt(LevelTask t) throws IOException {
        Optional<LevelResult> done = imp.finished(t);
        if (done.isPresent()) {
            releaseDeadLease(t);
            listener.levelFinished(done.get(), true);
            return TaskGraph.Attempt.DONE;
        }
        Lease.Holder[] heldBy = new Lease.Holder[1];
        Optional<Lease> lease = Lease.tryAcquire(leaseFile(store, t), Leases.TTL, heldBy);
        if (lease.isEmpty()) {
            String who = heldBy[0] == null ? "another process" : heldBy[0].describe();
            if (announced.add(t)) listener.waiting(t, who);
            return TaskGraph.Attempt.busy(who);
        }
        try (Lease held = lease.get()) {
            done = imp.finished(t);                               // finished by another process meanwhile
            if (done.isPresent()) {
                listener.levelFinished(done.get(), true);
                return TaskGraph.Attempt.DONE;
            }
            try {
                imp.compute(t);
            } catch (java.util.concurrent.CancellationException e) {
                if (!held.lost()) throw e;
                Thread.interrupted();
                throw new IllegalStateException(t + ": another process took over its lease " + held.file()
                        + " (this one could not renew it in time); stopped training it");
            }
            writeSummary(store);
        }
        return TaskGraph.Attempt.DONE;
    }

    /**
     * A process killed after it wrote its level but before it released the level's lease leaves
     * the lease behind: a later run takes it over (if its holder is dead or it expired) and
     * releases it at once, so a finished store holds no lease of a finished level. A live holder's
     * lease is left alone.
     */
    private void releaseDeadLease(LevelTask t) throws IOException {
        Path file = leaseFile(store, t);
        if (!java.nio.file.Files.exists(file)) return;                         // the usual case
        Lease.tryAcquire(file, Leases.TTL, null).ifPresent(Lease::close);
    }

    /** Rewrites summary.json under an exclusive lock on {@code <store>/leases/summary.lock}. */
    public static void writeSummary(ExperimentStore store) throws IOException {
        underSummaryLock(store, () -> { store.writeSummary(); return null; });
    }

    /** {@link ExperimentStore#repairSummary} under the same lock, so it never races a writer of another process. */
    public static Optional<String> repairSummary(ExperimentStore store) throws IOException {
        return underSummaryLock(store, store::repairSummary);
    }

    private interface SummaryWrite<T> { T run() throws IOException; }

    private static <T> T underSummaryLock(ExperimentStore store, SummaryWrite<T> write) throws IOException {
        Path lock = store.dir().resolve("leases").resolve("summary.lock");
        java.nio.file.Files.createDirectories(lock.getParent());
        synchronized (StoreTasks.class) {
            try (FileChannel c = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = c.lock()) {
                return write.run();
            }
        }
    }
}
