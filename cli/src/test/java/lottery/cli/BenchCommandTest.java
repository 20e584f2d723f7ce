package lottery.cli;

import lottery.bench.BenchJson;
import lottery.bench.BenchRecord;
import lottery.kernels.Threads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Bad benchmark input is one line and exit 2; a tiny run writes schema records and a table. */
class BenchCommandTest {
    @TempDir Path tmp;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    private PrintStream savedOut, savedErr;

    @BeforeEach void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
    }

    @AfterEach void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
        Threads.set(Runtime.getRuntime().availableProcessors());
    }

    private void assertUsageError(String expect, String... args) {
        err.reset();
        assertEquals(2, Main.execute(args), String.join(" ", args));
        String e = err.toString().strip();
        assertTrue(e.contains(expect), e);
        assertEquals(1, e.lines().count(), e);
    }

    @Test void badInputIsOneLineAndExitTwo() {
        assertUsageError("unknown shape spec 'lenet7'", "bench", "gemm", "--shapes", "lenet7");
        assertUsageError("density must be in (0, 1]", "bench", "gemm", "--densities", "1,0");
        assertUsageError("density must be in (0, 1]", "bench", "sweep", "--densities", "1.5");
        assertUsageError("thread count must be >= 1", "bench", "gemm", "--threads", "1,0");
        assertUsageError("unknown impl 'mkl'", "bench", "sweep", "--impls", "dense,mkl");
        assertUsageError("unknown pattern 'stripes'", "bench", "sweep", "--patterns", "stripes");
        assertUsageError("--device must be cpu or cuda", "bench", "gemm", "--device", "tpu");
        assertUsageError("batch must be >= 1", "bench", "sweep", "--batches", "0");
        assertUsageError("density must be in (0, 1]", "bench", "train", "--densities", "-0.1");
        assertUsageError("--engine must be harness or jmh", "bench", "sweep", "--engine", "criterion");
        assertUsageError("JMH forks must be >= 1", "bench", "sweep", "--engine", "jmh", "--forks", "0");
        assertUsageError("JMH iterations must be >= 2", "bench", "sweep", "--engine", "jmh", "--iterations", "1");
        assertUsageError("need --engine jmh", "bench", "sweep", "--forks", "2");
        assertUsageError("--engine harness only", "bench", "sweep", "--engine", "jmh", "--store", tmp.toString());
    }

    /** The JMH engine forks a JVM per point and maps JMH's mean, min and 99.9% error into the sweep's records. */
    @Test void jmhSweepWritesJmhRecords() throws Exception {
        Path dir = tmp.resolve("sweep");
        assertEquals(0, Main.execute("bench", "sweep", "--engine", "jmh", "--shapes", "square:33", "--impls", "dense,sparse",
                "--densities", "0.5", "--threads", "1", "--patterns", "random", "--no-train",
                "--forks", "1", "--warmup-iterations", "1", "--iterations", "2", "--iteration-ms", "20", "--out", dir.toString()), err.toString());
        com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("sweep.json").toFile());
        assertTrue(report.get("timing").asText().startsWith("JMH 1 fork(s)"), report.get("timing").asText());
        List<BenchRecord> recs = BenchJson.readRecords(report.get("records").toString());
        assertEquals(3 * 2, recs.size(), "square:33 in three layouts x (dense, sparse@0.5)");
        for (BenchRecord r : recs) {
            assertTrue(r.ms() > 0 && r.msMin() > 0 && r.msMin() <= r.ms() && r.error() >= 0, r.toString());
            assertEquals(2.0 * 33 * 33 * 33 / (r.ms() * 1e6), r.gflops(), 1e-9 * r.gflops());
            if (r.impl().equals("sparse")) {
                assertEquals(Math.round(0.5 * 33 * 33) / (33.0 * 33), r.density(), 1e-12);
                assertEquals(4L * (33 + 1) + 8L * Math.round(0.5 * 33 * 33), r.weightBytes());
            } else assertEquals(1.0, r.density());
        }
        assertTrue(Files.readString(dir.resolve("sweep.md")).contains("JMH 1 fork(s)"));
        assertFalse(Files.exists(dir.resolve("sweep.partial.json")), "the checkpoint goes once the outputs are written");

        // bench report re-renders sweep.md and the plots from sweep.json alone
        Files.delete(dir.resolve("sweep.md"));
        assertEquals(0, Main.execute("bench", "report", dir.toString()), err.toString());
        assertTrue(Files.readString(dir.resolve("sweep.md")).contains("JMH 1 fork(s)"));
        assertTrue(Files.exists(dir.resolve("plots").resolve("speedup-square33-b33.png")));
    }

    @Test void benchReportRejectsMissingAndCorruptSweeps() throws Exception {
        assertUsageError("has no sweep.json", "bench", "report", tmp.toString());
        Files.writeString(tmp.resolve("sweep.json"), "{\"machine\": {\"cpu\": ");
        err.reset();
        assertEquals(1, Main.execute("bench", "report", tmp.toString()));
        String e = err.toString().strip();
        assertTrue(e.contains("is not a sweep report"), e);
        assertEquals(1, e.lines().count(), e);
    }

    @Test void tinyGemmRunWritesRecordsAndATable() throws Exception {
        Path json = tmp.resolve("g.json");
        assertEquals(0, Main.execute("bench", "gemm", "--quick", "--shapes", "linear:8x16", "--densities", "1,0.5",
                "--threads", "1", "--json", json.toString()), err.toString());
        List<BenchRecord> recs = BenchJson.readRecords(Files.readString(json));
        assertEquals(3 * (1 + 2 + 2 + 1), recs.size());
        assertTrue(out.toString().contains("sparse speedup"));
        assertTrue(out.toString().contains("linear8x16"));
    }
}
