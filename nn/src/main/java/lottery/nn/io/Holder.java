package lottery.nn.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process that writes into a store, as its id {@code p<pid>.h<host>}: the process id and the
 * first 8 hex digits of the SHA-256 of its host name. Temp files carry it in their names, so a
 * later process can tell whether their writer is gone; a lock that records its holder can do the same.
 */
public record Holder(long pid, String host) {
    private static final Pattern ID = Pattern.compile("p(\\d{1,18})\\.h([0-9a-f]{8})");
    private static final String HOST_NAME = hostName();
    private static final Holder CURRENT = new Holder(ProcessHandle.current().pid(), hash(HOST_NAME == null ? "unknown" : HOST_NAME));

    /** This process. */
    public static Holder current() { return CURRENT; }

    /** {@code p<pid>.h<host>}. */
    public String id() { return "p" + pid + ".h" + host; }

    /** The holder of an {@link #id()}; empty when {@code id} is not one. */
    public static Optional<Holder> parse(String id) {
        Matcher m = ID.matcher(id);
        return m.matches() ? Optional.of(new Holder(Long.parseLong(m.group(1)), m.group(2))) : Optional.empty();
    }

    /**
     * True only when this holder certainly no longer runs: a process of this host (whose name could
     * be read) that has exited. A holder on another host, or a process id that is alive again, is
     * never known to be gone.
     */
    public boolean knownGone() {
        if (HOST_NAME == null || !host.equals(CURRENT.host) || pid == CURRENT.pid) return false;
        return !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String hash(String s) {
        return HexFormat.of().formatHex(Checksums.newSha256().digest(s.getBytes(StandardCharsets.UTF_8)), 0, 4);
    }

    /** This host's name, or null when it cannot be read. */
    private static String hostName() {
        String host = null;
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) host = Files.readString(kernel, StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            host = null;
        }
        if (host == null || host.isEmpty()) host = System.getenv("HOSTNAME");
        if (host == null || host.isEmpty()) host = System.getenv("COMPUTERNAME");
        return host == null || host.isEmpty() ? null : host;
    }
}
