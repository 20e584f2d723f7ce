package lottery.cli;

import lottery.engine.ComputeDevice;
import lottery.engine.Device;
import lottery.kernels.cuda.Cuda;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** {@code --device cuda} on train, imp, run and bench gemm where CUDA is missing: one line naming the reason, exit 1, nothing written. */
class CudaDeviceCommandTest {
    @TempDir Path tmp;

    private record Run(int exit, String out, String err) {}

    @AfterEach void backToCpu() { ComputeDevice.select(Device.CPU); }

    private static Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = Main.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private void assertUnavailable(String... args) {
        Assumptions.assumeFalse(Cuda.available(), "CUDA is available: the failure path does not apply");
        Run r = run(args);
        String cmd = String.join(" ", args);
        assertEquals(1, r.exit(), cmd + ": " + r.err());
        assertEquals("", r.out(), cmd);
        assertEquals("lottery: CUDA backend unavailable: " + Cuda.reason() + System.lineSeparator(), r.err(), cmd);
        assertEquals(Device.CPU, ComputeDevice.selected(), cmd);
    }

    @Test void trainWithoutCuda() throws Exception {
        Path out = tmp.resolve("train");
        assertUnavailable("train", "--device", "cuda", "--iterations", "1", "--out", out.toString(), "--data-dir", tmp.toString());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test void impWithoutCuda() {
        Path out = tmp.resolve("runs");
        assertUnavailable("imp", "--device", "cuda", "--levels", "1", "--iterations", "1", "--out", out.toString(), "--data-dir", tmp.toString());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test void runWithoutCuda() {
        assertUnavailable("run", "--device", "cuda", "--data-dir", tmp.toString(), "--out", tmp.resolve("runs").toString());
    }

    @Test void benchGemmWithoutCuda() {
        Path json = tmp.resolve("g.json");
        assertUnavailable("bench", "gemm", "--device", "cuda", "--quick", "--shapes", "linear:8x16", "--json", json.toString());
        assertFalse(Files.exists(json), "nothing written");
    }

    @Test void cpuStaysTheDefaultAfterAFailedCudaSelection() {
        Assumptions.assumeFalse(Cuda.available(), "CUDA is available: the failure path does not apply");
        run("train", "--device", "cuda");
        assertEquals(Device.CPU, ComputeDevice.selected());
    }
}
