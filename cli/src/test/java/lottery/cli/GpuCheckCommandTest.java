package lottery.cli;

import lottery.kernels.cuda.Cuda;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** gpu-check's contract where CUDA is missing (every machine without a driver), on a GPU, and for bad options. */
class GpuCheckCommandTest {
    private static CliRun run(String... args) { return CliRun.of(args); }

    @Test void withoutCudaPrintsOneLineAndExits1() {
        Assumptions.assumeFalse(Cuda.available(), "CUDA is available here: gpu-check runs the self-tests instead");
        CliRun r = run("gpu-check");
        assertEquals(1, r.exit());
        assertEquals("", r.out());
        assertEquals(Cuda.unavailableMessage() + System.lineSeparator(), r.err());
    }

    @Test void withAGpuReportsTheDeviceAndPassesEverySelfTest() {
        Assumptions.assumeTrue(Cuda.usableInTests(), Cuda::unavailableMessage);
        CliRun r = run("gpu-check");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("device     0: "), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\d+ of \\d+ self-tests passed")
                && l.split(" ")[0].equals(l.split(" ")[2])), r.out());
    }

    @Test void badBenchSizeIsAUsageError() {
        CliRun r = run("gpu-check", "--bench", "0");
        assertEquals(2, r.exit());
        assertEquals("lottery: --bench must be between 1 and 16384, got 0" + System.lineSeparator(), r.err());
    }
}
