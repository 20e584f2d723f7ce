package lottery.pruning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The leases this process holds: who "this process" is (host, pid, process start, cluster job),
 * a daemon that renews every held lease four times per time-to-live (it looks every 250 ms) and interrupts the thread
 * training under a lease it lost, and a shutdown hook that releases them all when the process is
 * stopped (SIGTERM from {@code kill}, {@code scancel} or a time limit). A process killed outright
 * leaves its leases to expire, or to be taken over at once by a process of the same host.
 */
public final class Leases {
    /** The time-to-live of a lease: {@code -Dlottery.lease.seconds} or {@code LOTTERY_LEASE_SECONDS}, default 120 s. */
    public static final Duration TTL = Duration.ofSeconds(Long.parseLong(System.getProperty("lottery.lease.seconds",
            System.getenv().getOrDefault("LOTTERY_LEASE_SECONDS", "120"))));

    private static final Set<Lease> HELD = ConcurrentHashMap.newKeySet();
    private static final String HOST = host();
    private static final long PID = ProcessHandle.current().pid();
    private static final long START = startOf(ProcessHandle.current());
    private static final String JOB = job();
    private static volatile ScheduledExecutorService renewer;

    private Leases() {}

    static Lease.Holder me(String token, Duration ttl) {
        return new Lease.Holder(HOST, PID, START, JOB, token, System.currentTimeMillis() + ttl.toMillis());
    }

    /**
     * False when the lease expired, or its holder is a process of this host that no longer runs, or
     * this very process without holding it any more (a lease leaked by a failed run in this JVM).
     */
    static boolean alive(Lease.Holder h) {
        if (h.expires() < System.currentTimeMillis()) return false;
        if (!h.host().equals(HOST)) return true;
        if (h.pid() == PID && h.processStart() == START) return HELD.stream().anyMatch(l -> l.token().equals(h.token()));
        return ProcessHandle.of(h.pid()).map(p -> startOf(p) == h.processStart()).orElse(false);
    }

    static long ageMillis(Path file) throws IOException {
        return System.currentTimeMillis() - Files.getLastModifiedTime(file).toMillis();
    }

    static Lease hold(Lease lease) {
        lease.owner = Thread.currentThread();
        HELD.add(lease);
        startRenewer();
        return lease;
    }

    static void release(Lease lease) { HELD.remove(lease); }

    private static synchronized void startRenewer() {
        if (renewer != null) return;
        renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lottery-lease-renewer");
            t.setDaemon(true);
            return t;
        });
        renewer.scheduleWithFixedDelay(Leases::renewAll, 250, 250, TimeUnit.MILLISECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { for (Lease l : HELD) l.close(); }, "lottery-lease-release"));
    }

    /** Renews each held lease a quarter of its time-to-live after the last renewal. */
    private static void renewAll() {
        long now = System.currentTimeMillis();
        for (Lease l : HELD) {
            if (l.due(now) && !l.renew()) {
                HELD.remove(l);
                Thread t = l.owner;
                if (t != null) t.interrupt();
            }
        }
    }

    private static long startOf(ProcessHandle p) {
        return p.info().startInstant().map(i -> i.toEpochMilli() / 1000).orElse(0L);
    }

    private static String host() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException u) {
                return "unknown-host";
            }
        }
    }

    private static String job() {
        String array = System.getenv("SLURM_ARRAY_JOB_ID"), task = System.getenv("SLURM_ARRAY_TASK_ID");
        if (array != null && task != null) return array + "_" + task;
        return System.getenv().getOrDefault("SLURM_JOB_ID", "");
    }
}
