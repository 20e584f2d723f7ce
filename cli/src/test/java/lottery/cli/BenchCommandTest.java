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
