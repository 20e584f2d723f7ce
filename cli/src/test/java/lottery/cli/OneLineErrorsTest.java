package lottery.cli;

import lottery.nn.data.DataCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Every failure is one line and the right exit code: 2 for a setting that cannot work, 1 for a failure at run time. */
class OneLineErrorsTest {
    @TempDir Path tmp;
    private String savedCache;

    @BeforeEach void emptyCache() {
        savedCache = System.getProperty(DataCache.PROPERTY);
        System.setProperty(DataCache.PROPERTY, tmp.resolve("cache").toString());
    }

    @AfterEach void restoreCache() {
        if (savedCache == null) System.clearProperty(DataCache.PROPERTY); else System.setProperty(DataCache.PROPERTY, savedCache);
    }

    private static String oneLine(CliRun r) {
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), "one line, no stack trace: " + r.err());
        assertTrue(lines.getFirst().startsWith("lottery: "), lines.getFirst());
        return lines.getFirst();
    }

    private void assertUsage(String expected, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
        String line = oneLine(r);
        assertTrue(line.contains(expected), line);
        assertFalse(Files.exists(tmp.resolve("runs")), "a rejected command creates nothing");
    }

    @Test void settingsThatCannotWorkAreRejectedBeforeAnythingIsCreated() {
        String out = tmp.resolve("runs").toString();
        assertUsage("--arms is empty", "imp", "--arms", "", "--out", out);
        assertUsage("names ticket twice", "imp", "--arms", "ticket,ticket", "--out", out);
        assertUsage("has an empty entry", "imp", "--arms", "ticket,,reinit", "--out", out);
        assertUsage("--rewind 999999it is past the end of training (--iterations 100)",
                "imp", "--rewind", "999999it", "--iterations", "100", "--eval-every", "10", "--out", out);
        assertUsage("--levels 100 goes past the end of pruning: from level 52 on no round removes a weight (9 of 266,200 are left",
                "imp", "--levels", "100", "--out", out);
        assertUsage("--iterations must be >= 1, got 0", "train", "--iterations", "0", "--out", out);
        assertUsage("--batch 55000 is too large for conv6: the output of conv1 (50,176 floats per sample) would need 2,759,680,000 floats, "
                + "more than the 2,147,483,639 a Java array holds", "train", "--model", "conv6", "--batch", "55000", "--out", out);
        assertUsage("--batch 55000 is too large for conv6", "imp", "--model", "conv6", "--batch", "55000", "--out", out);
        assertUsage("unknown dataset 'imagenet'", "train", "--dataset", "imagenet");
    }

    @Test void aBatchThatCannotFitInTheHeapIsRefusedAndARealOutOfMemoryIsOneLine() throws Exception {
        Path data = TinyCifar.write(tmp.resolve("data"));
        Path refused = tmp.resolve("refused.log");
        assertEquals(2, ChildJvm.run(refused, List.of("-Xmx64m"), "train", "--model", "conv6", "--batch", "1000",
                "--data-dir", data.toString()));
        List<String> lines = ChildJvm.errLines(refused);
        assertEquals(1, lines.size(), lines.toString());
        String line = lines.getFirst();
        assertTrue(line.startsWith("lottery: --batch 1000 needs at least 1.4 GiB for conv6") && line.contains("-Xmx"), line);

        // the estimate is a lower bound: this run passes it and then runs out while loading the data
        Path oom = tmp.resolve("oom.log");
        assertEquals(1, ChildJvm.run(oom, List.of("-Xmx40m"), "train", "--dataset", "cifar10", "--data-dir", data.toString(),
                "--iterations", "1"));
        lines = ChildJvm.errLines(oom);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.getFirst().matches("lottery: out of memory \\(.+\\) with a heap of at most \\d+ MiB; try a smaller --batch, "
                + "or give the JVM more memory with LOTTERY_JAVA_OPTS=-Xmx<size> \\(e\\.g\\. -Xmx16g\\)"), lines.getFirst());
    }

    @Test void everyOtherErrorIsOneLineToo() {
        StringWriter s = new StringWriter();
        assertEquals(1, Errors.onError(new StackOverflowError(), new PrintWriter(s)));
        assertEquals(1, Errors.onError(new OutOfMemoryError("Direct buffer memory"), new PrintWriter(s)));
        assertEquals(1, Errors.onError(new UnsatisfiedLinkError("no libcuda.so.1\nin java.library.path"), new PrintWriter(s)));
        List<String> lines = s.toString().lines().toList();
        assertEquals(3, lines.size(), s.toString());
        assertTrue(lines.get(0).contains("stack overflow") && lines.get(0).contains("-Xss"), lines.get(0));
        assertTrue(lines.get(1).contains("MaxDirectMemorySize"), lines.get(1));
        assertEquals("lottery: internal error: UnsatisfiedLinkError: no libcuda.so.1 (please report it with the command line; "
                + "set LOTTERY_DEBUG=1 for the stack trace)", lines.get(2));
    }

    @Test void aDivergedRunStoresNothingAndARunWithOtherSettingsProceeds() throws IOException {
        Path data = TinyCifar.write(tmp.resolve("data"));
        Path out = tmp.resolve("runs");
        String[] common = {"--dataset", "cifar10", "--data-dir", data.toString(), "--iterations", "10", "--eval-every", "10",
                "--batch", "8", "--out", out.toString()};
        CliRun diverged = CliRun.of(concat(new String[] {"imp", "--levels", "1", "--lr", "1e6"}, common));
        assertEquals(1, diverged.exit(), diverged.err());
        String line = oneLine(diverged);
        assertTrue(line.matches("lottery: ticket rep 0 level 0: training diverged at iteration \\d+: .*; nothing of this level was stored"),
                line);
        try (Stream<Path> s = Files.walk(out)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().equals("level.json")), "a diverged level is never stored as finished");
        }
        CliRun fine = CliRun.of(concat(new String[] {"imp", "--levels", "0", "--lr", "1e-3"}, common));
        assertEquals(0, fine.exit(), fine.err());
        // summary.json is derived data: a finished experiment run again rebuilds it when it is gone
        Path summary;
        try (Stream<Path> s = Files.walk(out)) {
            summary = s.filter(p -> p.getFileName().toString().equals("summary.json")).findFirst().orElseThrow();
        }
        byte[] good = Files.readAllBytes(summary);
        Files.delete(summary);
        CliRun again = CliRun.of(concat(new String[] {"imp", "--levels", "0", "--lr", "1e-3"}, common));
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.err().contains(summary + " was missing; rebuilt it from the 1 finished levels"), again.err());
        assertArrayEquals(good, Files.readAllBytes(summary));

        Path trainOut = tmp.resolve("train");
        common[common.length - 1] = trainOut.toString();
        CliRun train = CliRun.of(concat(new String[] {"train", "--lr", "1e6"}, common));
        assertEquals(1, train.exit(), train.err());
        assertTrue(train.err().contains("training diverged at iteration"), train.err());
        assertTrue(Files.readString(trainOut.resolve(TrainOutputs.SUMMARY)).contains("\"status\" : \"diverged\""));
        assertFalse(Files.exists(trainOut.resolve(TrainOutputs.WEIGHTS)));
    }

    @Test void dataCheckNamesTheMissingFile() throws IOException {
        Path mnist = tmp.resolve("cache").resolve("mnist");
        Files.createDirectories(mnist);
        for (String f : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte"))
            Files.writeString(mnist.resolve(f), "x");
        CliRun r = CliRun.of("data", "check", "mnist");
        assertEquals(1, r.exit());
        assertEquals("lottery: " + mnist + ": has only some of the mnist files (missing t10k-labels-idx1-ubyte); "
                + "run `lottery data fetch mnist`", oneLine(r));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
