package lottery.pruning;

import lottery.kernels.Threads;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link TaskGraph} on this machine with {@code jobs} workers, each training on
 * {@code threadsPerJob} kernel threads (0: the process-wide {@code --threads}). With one job, nodes
 * run on the calling thread in graph order; with more, ready nodes start by rank, then in graph
 * order. A busy node (another process holds its lease) is tried again
 * every {@code retryMillis}. The first failure stops the run: running trainings are interrupted
 * (each loses only the level it was training) and the failure is rethrown. Results do not depend
 * on the number of jobs or the order: every input of a training is read back from the store and
 * every seed derives from the task's path.
 */
public final class LocalExecutor {
    public static final LocalExecutor SEQUENTIAL = new LocalExecutor(1, 0);

    private final int jobs, threadsPerJob;
    private final long retryMillis;

    public LocalExecutor(int jobs, int threadsPerJob) { this(jobs, threadsPerJob, 2000); }

    public LocalExecutor(int jobs, int threadsPerJob, long retryMillis) {
        if (jobs < 1) throw new IllegalArgumentException("--jobs must be >= 1, got " + jobs);
        if (threadsPerJob < 0) throw new IllegalArgumentException("threads per job must be >= 0, got " + threadsPerJob);
        this.jobs = jobs;
        this.threadsPerJob = threadsPerJob;
        this.retryMillis = retryMillis;
    }

    public int jobs() { return jobs; }

    public int threadsPerJob() { return threadsPerJob; }

    private record Finished(TaskGraph.Node node, TaskGraph.Attempt attempt, Throwable failure) {}

    public void run(TaskGraph graph) throws IOException {
        List<TaskGraph.Node> pending = new ArrayList<>(graph.nodes());
        Comparator<TaskGraph.Node> order = jobs > 1 ? Comparator.comparingInt(TaskGraph.Node::rank) : (a, b) -> 0;
        pending.sort(order);   // stable: graph order within a rank
        Set<TaskGraph.Node> done = new HashSet<>();
        Map<TaskGraph.Node, Long> retryAt = new HashMap<>();
        Map<TaskGraph.Node, Thread> running = new HashMap<>();
        LinkedBlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
        Throwable failure = null;
        boolean interrupted = false;
        while (!pending.isEmpty() || !running.isEmpty()) {
            long now = System.currentTimeMillis();
            if (failure == null)
                for (var it = pending.iterator(); it.hasNext() && running.size() < jobs; ) {
                    TaskGraph.Node n = it.next();
                    if (!done.containsAll(n.needs()) || retryAt.getOrDefault(n, 0L) > now) continue;
                    it.remove();
                    retryAt.remove(n);
                    running.put(n, start(n, finished, jobs > 1));
                }
            if (running.isEmpty()) {
                if (failure != null) break;
                long wait = retryAt.values().stream().mapToLong(t -> t - System.currentTimeMillis()).min().orElse(retryMillis);
                if (wait > 0) sleep(wait);
                continue;
            }
            Finished f;
            try {
                f = finished.poll(retryMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {                          // stop: let the running trainings end, then report it
                if (failure == null) {
                    failure = new java.util.concurrent.CancellationException("interrupted");
                    running.values().forEach(Thread::interrupt);
                }
                interrupted = true;
                continue;
            }
            if (f == null) continue;
            running.remove(f.node());
            if (f.failure() != null) {
                if (failure == null) {
                    failure = f.failure();
                    running.values().forEach(Thread::interrupt);
                }
            } else if (f.attempt().done()) done.add(f.node());
            else {
                retryAt.put(f.node(), System.currentTimeMillis() + retryMillis);
                pending.add(f.node());
                pending.sort(order);
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (failure != null) rethrow(failure);
    }

    private Thread start(TaskGraph.Node n, LinkedBlockingQueue<Finished> finished, boolean ownThread) {
        Runnable body = () -> {
            try {
                if (ownThread) Threads.setForThisThread(threadsPerJob);
                finished.add(new Finished(n, n.work().attempt(), null));
            } catch (Throwable e) {
                finished.add(new Finished(n, null, e));
            }
        };
        if (!ownThread) {
            body.run();
            return Thread.currentThread();
        }
        Thread t = new Thread(body, "lottery-job-" + n.name());
        t.start();
        return t;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void rethrow(Throwable e) throws IOException {
        if (e instanceof IOException io) throw io;
        if (e instanceof RuntimeException r) throw r;
        if (e instanceof Error err) throw err;
        throw new IllegalStateException(e);
    }
}
