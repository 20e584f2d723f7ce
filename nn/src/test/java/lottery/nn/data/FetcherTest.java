package lottery.nn.data;

import com.sun.net.httpserver.HttpServer;
import lottery.nn.io.Checksums;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** The fetcher against a local HTTP server serving a synthetic npm-style tarball. */
class FetcherTest {
    @TempDir Path cache;
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private byte[] served;
    private int status = 200;

    private final byte[] trX = Synthetic.idxImages(6, 28, 28, 11), trY = Synthetic.idxLabels(6, 10);
    private final byte[] teX = Synthetic.idxImages(3, 28, 28, 12), teY = Synthetic.idxLabels(3, 10);
    private final IdxSpec spec = new IdxSpec("toy", 28, 28, 10,
            new IdxSpec.IdxFile("train-images-idx3-ubyte", Checksums.sha256(trX)),
            new IdxSpec.IdxFile("train-labels-idx1-ubyte", Checksums.sha256(trY)),
            new IdxSpec.IdxFile("t10k-images-idx3-ubyte", Checksums.sha256(teX)),
            new IdxSpec.IdxFile("t10k-labels-idx1-ubyte", Checksums.sha256(teY)));

    @BeforeEach void start() throws IOException {
        served = tarball(trX);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/toy.tgz", ex -> {
            requests.incrementAndGet();
            ex.sendResponseHeaders(status, status == 200 ? served.length : -1);
            try (OutputStream o = ex.getResponseBody()) { if (status == 200) o.write(served); }
        });
        server.start();
    }

    @AfterEach void stop() { server.stop(0); }

    private byte[] tarball(byte[] trainImages) throws IOException {
        return Synthetic.gzip(new Synthetic.Tar()
                .file("package/package.json", "{}".getBytes())
                .file("package/data/t10k-images-idx3-ubyte", teX)
                .file("package/data/t10k-labels-idx1-ubyte", teY)
                .file("package/data/train-images-idx3-ubyte", trainImages)
                .file("package/data/train-labels-idx1-ubyte", trY)
                .bytes());
    }

    private Fetcher.Source source(String sha) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/toy.tgz");
        return new Fetcher.Source(spec, url, sha, "package/data/", "fetch by hand");
    }

    private static final class Log implements Fetcher.Listener {
        final List<String> lines = new ArrayList<>();
        long last = -1;
        @Override public void message(String line) { lines.add(line); }
        @Override public void advanced(long bytes) { last = bytes; }
    }

    private static Fetcher fetcher() {
        return new Fetcher(new HttpDownload(Duration.ofSeconds(5), Duration.ofSeconds(5), Map.of()));
    }

    @Test void fetchesVerifiesAndSkipsWhenPresent() throws IOException {
        Path dir = cache.resolve("toy");
        Log log = new Log();
        assertEquals(Fetcher.Outcome.FETCHED, fetcher().fetch(source(Checksums.sha256(served)), dir, log));
        assertEquals(served.length, log.last, "progress reached the full size");
        assertArrayEquals(trX, Files.readAllBytes(dir.resolve("train-images-idx3-ubyte")));
        assertEquals(6, IdxData.load(spec, dir, "").trainLabels().length);
        try (var s = Files.list(dir)) {
            assertEquals(4, s.filter(p -> !p.getFileName().toString().startsWith(".")).count(), "the four data files");
        }
        try (var s = Files.list(dir)) {
            assertEquals(List.of(Fetcher.LOCK_NAME), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList(),
                    "no temp file left, only the lock");
        }

        Log again = new Log();
        assertEquals(Fetcher.Outcome.ALREADY_PRESENT, fetcher().fetch(source(Checksums.sha256(served)), dir, again));
        assertEquals(1, requests.get(), "no download when the files are present and verified");
        assertEquals(List.of(), again.lines, "nothing to say when nothing is done");
    }

    @Test void replacesADamagedFile() throws IOException {
        Path dir = cache.resolve("toy");
        fetcher().fetch(source(Checksums.sha256(served)), dir, new Log());
        byte[] damaged = teY.clone();
        damaged[damaged.length - 1] = 9;
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), damaged);
        Log log = new Log();
        assertEquals(Fetcher.Outcome.FETCHED, fetcher().fetch(source(Checksums.sha256(served)), dir, log));
        assertTrue(log.lines.getFirst().contains("checksum mismatch"), log.lines.toString());
        assertArrayEquals(teY, Files.readAllBytes(dir.resolve("t10k-labels-idx1-ubyte")));
    }

    @Test void tarballChecksumMismatchWritesNothing() {
        Path dir = cache.resolve("toy");
        IOException e = assertThrows(IOException.class, () -> fetcher().fetch(source("00".repeat(32)), dir, new Log()));
        assertTrue(e.getMessage().contains("expected " + "00".repeat(32)) && e.getMessage().contains("nothing was written"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("train-images-idx3-ubyte")));
    }

    @Test void fileChecksumMismatchInsideTarballWritesNothing() throws IOException {
        served = tarball(Synthetic.idxImages(6, 28, 28, 99));          // a different train-images file
        Path dir = cache.resolve("toy");
        IOException e = assertThrows(IOException.class, () -> fetcher().fetch(source(Checksums.sha256(served)), dir, new Log()));
        assertTrue(e.getMessage().contains("package/data/train-images-idx3-ubyte has sha256"), e.getMessage());
        assertTrue(IdxData.missing(spec, dir).size() == 4, "no file written, not even the good ones");
    }

    @Test void httpErrorAndRefusedConnectionAreOneLineWithManualHint() throws IOException {
        status = 404;
        IOException e = assertThrows(IOException.class, () -> fetcher().fetch(source("x"), cache.resolve("toy"), new Log()));
        assertTrue(e.getMessage().contains("HTTP 404") && e.getMessage().contains("fetch by hand"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));

        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) { closedPort = s.getLocalPort(); }
        Fetcher.Source refused = new Fetcher.Source(spec, URI.create("http://127.0.0.1:" + closedPort + "/x.tgz"), "x", "package/data/", "fetch by hand");
        e = assertThrows(IOException.class, () -> fetcher().fetch(refused, cache.resolve("toy"), new Log()));
        assertTrue(e.getMessage().startsWith("cannot download http://127.0.0.1:" + closedPort) && e.getMessage().contains("fetch by hand"), e.getMessage());
    }

    @Test @Timeout(20) void stalledDownloadIsAbandoned() {
        CountDownLatch release = new CountDownLatch(1);
        server.createContext("/stall.tgz", ex -> {
            ex.sendResponseHeaders(200, 1000);
            ex.getResponseBody().write(new byte[10]);
            ex.getResponseBody().flush();
            try { release.await(10, TimeUnit.SECONDS); } catch (InterruptedException ignored) { }
            ex.close();
        });
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/stall.tgz");
        HttpDownload http = new HttpDownload(Duration.ofSeconds(5), Duration.ofSeconds(1), Map.of());
        IOException e = assertThrows(IOException.class, () -> http.get(url, new HttpDownload.Progress() {}));
        release.countDown();
        assertTrue(e.getMessage().contains("no data for 1 s after 10 bytes"), e.getMessage());
    }

    @Test void staleTempFromAKilledFetchIsIgnoredThenRemoved() throws IOException {
        Path dir = cache.resolve("toy");
        Files.createDirectories(dir);
        Path stale = dir.resolve(".train-images-idx3-ubyte.5f3a.tmp");
        Files.write(stale, Synthetic.idxImages(6, 28, 28, 11));          // even complete bytes under a temp name are not data
        assertNull(IdxData.find(dir, "train-images-idx3-ubyte"));
        fetcher().fetch(source(Checksums.sha256(served)), dir, new Log());
        assertFalse(Files.exists(stale));
    }

    @Test void proxyFromEnvironment() {
        URI url = URI.create("https://registry.npmjs.org/x.tgz");
        assertNull(HttpDownload.proxyFor(url, Map.of()));
        assertEquals("proxy.local:3128", str(HttpDownload.proxyFor(url, Map.of("https_proxy", "http://proxy.local:3128"))));
        assertEquals("p:8080", str(HttpDownload.proxyFor(url, Map.of("HTTP_PROXY", "p:8080"))));
        assertNull(HttpDownload.proxyFor(url, Map.of("https_proxy", "http://p:1", "no_proxy", "localhost,.npmjs.org")));
        assertNull(HttpDownload.proxyFor(url, Map.of("https_proxy", "http://p:1", "NO_PROXY", "*")));
        assertNotNull(HttpDownload.proxyFor(url, Map.of("https_proxy", "http://p:1", "no_proxy", "example.org")));
    }

    private static String str(InetSocketAddress a) { return a.getHostString() + ":" + a.getPort(); }
}
