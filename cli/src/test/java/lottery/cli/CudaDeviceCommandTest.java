package lottery.cli;

import lottery.engine.ComputeDevice;
import lottery.engine.Device;
import lottery.kernels.cuda.Cuda;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** {@code --device cuda} on train, imp, run and bench gemm where CUDA is missing: one line naming the reason, exit 1, nothing written. */
class CudaDeviceCommandTest {
    @TempDir Path tmp;

    @AfterEach void backToCpu() { ComputeDevice.select(Device.CPU); }

    private static CliRun run(String... args) { return CliRun.of(args); }

    private void assertUnavailable(String... args) {
        Assumptions.assumeFalse(Cuda.available(), "CUDA is available: the failure path does not apply");
        CliRun r = run(args);
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
