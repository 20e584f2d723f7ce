package lottery.nn.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Downloads a URL into memory with java.net.http: connect and response timeouts, a stall
 * timeout while the body streams, a proxy from https_proxy / HTTPS_PROXY / http_proxy /
 * HTTP_PROXY / all_proxy (honouring no_proxy), else the JVM's default proxy settings.
 */
public final class HttpDownload {
    /** Download progress callbacks (called on the downloading thread). */
    public interface Progress {
        /** {@code totalBytes} is -1 when the server does not say. */
        default void started(long totalBytes) {}
        default void advanced(long bytesSoFar) {}
        default void finished() {}
    }

    private final Duration connectTimeout;
    private final Duration stallTimeout;
    private final Map<String, String> env;

    public HttpDownload(Duration connectTimeout, Duration stallTimeout, Map<String, String> env) {
        this.connectTimeout = connectTimeout;
        this.stallTimeout = stallTimeout;
        this.env = env;
    }

    /** 30 s to connect and to receive the headers, 60 s without a byte aborts; proxy from the process environment. */
    public static HttpDownload defaults() {
        return new HttpDownload(Duration.ofSeconds(30), Duration.ofSeconds(60), System.getenv());
    }

    /** The body of a 200 response to GET {@code url}; any failure is an IOException saying what failed. */
    public byte[] get(URI url, Progress progress) throws IOException {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NORMAL);
        InetSocketAddress proxy = proxyFor(url, env);
        if (proxy != null) b.proxy(ProxySelector.of(proxy));
        HttpRequest req = HttpRequest.newBuilder(url).timeout(connectTimeout).header("User-Agent", "lottery").GET().build();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "download-watchdog");
            t.setDaemon(true);
            return t;
        });
        HttpClient client = b.build();
        try {
            HttpResponse<InputStream> resp;
            try {
                resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("download of " + url + " interrupted");
            } catch (IOException e) {
                throw new IOException("cannot download " + url + ": " + describe(e) + (proxy != null ? " (via proxy " + proxy + ")" : ""), e);
            }
            try (InputStream in = resp.body()) {
                if (resp.statusCode() != 200) throw new IOException("cannot download " + url + ": HTTP " + resp.statusCode());
                long total = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
                return readBody(url, in, total, progress, watchdog);
            }
        } finally {
            watchdog.shutdownNow();
            client.shutdownNow();      // a stalled exchange must not keep close() waiting
            client.close();
        }
    }

    private byte[] readBody(URI url, InputStream in, long total, Progress progress, ScheduledExecutorService watchdog) throws IOException {
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        AtomicBoolean stalled = new AtomicBoolean();
        long stallNanos = stallTimeout.toNanos();
        watchdog.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastProgress.get() > stallNanos) {
                stalled.set(true);
                try { in.close(); } catch (IOException ignored) { /* closing only to unblock the reader */ }
            }
        }, 200, 200, TimeUnit.MILLISECONDS);
        ByteArrayOutputStream out = new ByteArrayOutputStream(total > 0 && total < Integer.MAX_VALUE ? (int) total : 1 << 20);
        byte[] buf = new byte[1 << 16];
        long got = 0;
        progress.started(total);
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                got += n;
                lastProgress.set(System.nanoTime());
                progress.advanced(got);
            }
        } catch (IOException e) {
            if (stalled.get()) throw new IOException("cannot download " + url + ": no data for " + stallTimeout.toSeconds() + " s after " + got + " bytes");
            throw new IOException("cannot download " + url + ": connection failed after " + got + " bytes: " + describe(e), e);
        }
        if (total >= 0 && got != total)
            throw new IOException("cannot download " + url + ": got " + got + " of " + total + " bytes");
        progress.finished();
        return out.toByteArray();
    }

    /** The proxy the environment asks for when fetching {@code url}, or null for a direct connection / JVM default. */
    static InetSocketAddress proxyFor(URI url, Map<String, String> env) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        String noProxy = first(env, "no_proxy", "NO_PROXY");
        if (noProxy != null) {
            for (String p : noProxy.split(",")) {
                String d = p.trim().toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
                if (d.isEmpty()) continue;
                if (d.equals("*")) return null;
                if (d.startsWith("*")) d = d.substring(1);
                if (d.startsWith(".")) d = d.substring(1);
                if (host.equals(d) || host.endsWith("." + d)) return null;
            }
        }
        String spec = "https".equalsIgnoreCase(url.getScheme())
                ? first(env, "https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY")
                : first(env, "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY");
        if (spec == null || spec.isBlank()) return null;
        URI p = URI.create(spec.contains("://") ? spec.trim() : "http://" + spec.trim());
        if (p.getHost() == null) throw new IllegalArgumentException("cannot parse the proxy setting '" + spec + "' from the environment");
        int port = p.getPort() > 0 ? p.getPort() : ("https".equalsIgnoreCase(p.getScheme()) ? 443 : 80);
        return InetSocketAddress.createUnresolved(p.getHost(), port);
    }

    private static String first(Map<String, String> env, String... keys) {
        for (String k : keys) {
            String v = env.get(k);
            if (v != null && !v.isBlank()) return v;
        }
        return null;
    }

    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause())
            if (t.getMessage() != null && !t.getMessage().isBlank()) return t.getClass().getSimpleName() + ": " + t.getMessage();
        return e.getClass().getSimpleName();
    }
}
