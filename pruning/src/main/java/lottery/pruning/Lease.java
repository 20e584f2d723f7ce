package lottery.pruning;

import com.fasterxml.jackson.databind.JsonNode;
import lottery.nn.io.AtomicFiles;
import lottery.nn.io.TempFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A lease on one task of a store, so that no two processes (two {@code lottery imp} runs, two
 * cluster tasks) ever train the same level. The lease is a file created exclusively (a hard link
 * to its written temp file, or O_EXCL) holding its holder (host, pid, process start, cluster job), a random token
 * and an expiry. The holder renews it ({@link Leases}) while it trains; anyone may take over a
 * lease that expired, or whose holder is a dead process on the same host. A takeover is itself
 * claimed with O_EXCL (a claim file named after the stale token), so two takers never both win.
 * A holder that finds its token gone on renewal has lost the lease and stops training.
 */
public final class Lease implements AutoCloseable {
    /** What a lease file says. {@code expires} is epoch milliseconds. */
    public record Holder(String host, long pid, long processStart, String job, String token, long expires) {
        public String describe() {
            return host + ":" + pid + (job.isEmpty() ? "" : " (job " + job + ")");
        }
    }

    /** A takeover claim older than this was left by a taker that died: it is removed and the takeover tried again. */
    static final long CLAIM_TIMEOUT_MILLIS = 30_000;

    private final Path file;
    private final Holder mine;
    private final Duration ttl;
    volatile Thread owner;
    private volatile boolean lost;
    private volatile long renewed = System.currentTimeMillis();
    private volatile boolean created;
    private boolean closed;                                          // guarded by this

    private Lease(Path file, Holder mine, Duration ttl) {
        this.file = file;
        this.mine = mine;
        this.ttl = ttl;
    }

    public Path file() { return file; }

    String token() { return mine.token(); }

    public boolean lost() { return lost; }

    /**
     * Takes the lease at {@code file}, or returns empty with its live holder in {@code heldBy[0]}.
     * An expired lease, or one held by a dead process of this host, is taken over.
     */
    public static Optional<Lease> tryAcquire(Path file, Duration ttl, Holder[] heldBy) throws IOException {
        Files.createDirectories(file.getParent());
        for (int attempt = 0; attempt < 3; attempt++) {
            Lease lease = new Lease(file, Leases.me(UUID.randomUUID().toString(), ttl), ttl);
            Leases.hold(lease);                                     // before the file exists: see Leases.alive
            boolean created;
            try {
                created = lease.create();
            } catch (IOException | RuntimeException e) {
                Leases.release(lease);
                throw e;
            }
            if (created) return Optional.of(lease);
            Leases.release(lease);
            Optional<Holder> current = read(file);
            if (current.isEmpty()) {
                try {
                    if (Leases.ageMillis(file) < ttl.toMillis()) return busy(heldBy, null);   // being written this instant
                    takeOver(file, "unreadable-" + Files.getLastModifiedTime(file).toMillis(), null);
                } catch (NoSuchFileException released) {
                    // released meanwhile: try again
                }
                continue;
            }
            Holder h = current.get();
            if (Leases.alive(h)) return busy(heldBy, h);
            takeOver(file, h.token(), h);
        }
        return busy(heldBy, read(file).orElse(null));
    }

    private static Optional<Lease> busy(Holder[] heldBy, Holder h) {
        if (heldBy != null && heldBy.length > 0) heldBy[0] = h;
        return Optional.empty();
    }

    /** Removes the stale lease (holder {@code stale}, or an unreadable one when null) if this process wins its claim. */
    private static void takeOver(Path file, String staleToken, Holder stale) throws IOException {
        Path claim = file.resolveSibling(file.getFileName() + ".takeover-" + staleToken.replaceAll("[^A-Za-z0-9-]", ""));
        try {
            Files.createFile(claim);
        } catch (FileAlreadyExistsException e) {
            // another process is taking it over; a claim left by a taker that died is removed after a while
            try {
                if (Leases.ageMillis(claim) > CLAIM_TIMEOUT_MILLIS) Files.deleteIfExists(claim);
            } catch (NoSuchFileException gone) {
                // the claim was just released
            }
            return;
        }
        Optional<Holder> now = read(file);
        boolean same = stale == null ? now.isEmpty() : now.isPresent() && now.get().token().equals(stale.token());
        if (same) Files.deleteIfExists(file);
    }

    /** False when {@code h}'s lease expired, or its holder is a process of this host that no longer runs. */
    public static boolean live(Holder h) { return Leases.alive(h); }

    /** The holder recorded in {@code file}, or empty when it is absent or not (yet) whole. */
    public static Optional<Holder> read(Path file) {
        try {
            JsonNode n = ExperimentStore.JSON.readTree(Files.readAllBytes(file));
            if (n == null || !n.hasNonNull("token")) return Optional.empty();
            return Optional.of(new Holder(n.path("host").asText(), n.path("pid").asLong(), n.path("processStart").asLong(),
                    n.path("job").asText(""), n.path("token").asText(), n.path("expires").asLong()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Creates the lease file whole: its content goes to a temp file first, which is then hard-linked
     * to the lease's name (link fails when the name exists, like O_EXCL, and is atomic on NFS too),
     * so no reader ever sees an empty lease. Where links are not supported, the file is created with
     * O_EXCL and then written.
     */
    private boolean create() throws IOException {
        Path temp = file.resolveSibling(TempFiles.name(file.getFileName().toString()));
        try {
            try (FileChannel c = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                c.write(ByteBuffer.wrap(json(mine)));
                c.force(true);
            }
            try {
                Files.createLink(file, temp);
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException noLinks) {
                return createExclusive();
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        created = true;
        return true;
    }

    private boolean createExclusive() throws IOException {
        FileChannel c;
        try {
            c = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        try (c) {
            c.write(ByteBuffer.wrap(json(mine)));
            c.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);                                  // never leave an empty lease behind (e.g. interrupted)
            throw e;
        }
        return true;
    }

    /** Whether a quarter of the time-to-live has passed since the last renewal. */
    boolean due(long now) { return created && now - renewed >= ttl.toMillis() / 4; }

    /**
     * Pushes the expiry forward; marks the lease lost (and returns false) when its file no longer
     * holds this token. Does nothing once the lease is closed (a renewal never brings back a
     * released lease's file).
     */
    synchronized boolean renew() {
        if (closed) return true;
        if (lost) return false;
        renewed = System.currentTimeMillis();
        Optional<Holder> now = read(file);
        if (now.isPresent() && !now.get().token().equals(mine.token()) || now.isEmpty() && !Files.exists(file)) {
            lost = true;
            return false;
        }
        try {
            AtomicFiles.writeBytes(file, json(Leases.me(mine.token(), ttl)));
        } catch (IOException e) {
            // a failed renewal is retried on the next tick; the lease stays valid until it expires
        }
        return true;
    }

    /** Releases the lease (removes its file if it still holds this token) and its takeover claims. */
    @Override public synchronized void close() {
        if (closed) return;
        closed = true;
        Leases.release(this);
        Optional<Holder> now = read(file);
        try {
            if (now.isPresent() && now.get().token().equals(mine.token())) Files.deleteIfExists(file);
            try (var claims = Files.list(file.getParent())) {
                for (Path p : claims.toList())
                    if (p.getFileName().toString().startsWith(file.getFileName() + ".takeover-")) Files.deleteIfExists(p);
            }
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            // an unreleased lease expires by itself
        }
    }

    private static byte[] json(Holder h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", h.host());
        m.put("pid", h.pid());
        m.put("processStart", h.processStart());
        m.put("job", h.job());
        m.put("token", h.token());
        m.put("expires", h.expires());
        m.put("expiresAt", java.time.Instant.ofEpochMilli(h.expires()).toString());
        try {
            return (ExperimentStore.JSON.writeValueAsString(m) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
