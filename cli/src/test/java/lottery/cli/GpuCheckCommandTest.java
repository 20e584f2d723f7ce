package lottery.cli;

import lottery.kernels.cuda.Cuda;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;

/** gpu-check's contract where CUDA is missing (every machine without a driver) and for bad options. */
class GpuCheckCommandTest {
    private static CliRun run(String... args) { return CliRun.of(args); }

    @Test void withoutCudaPrintsOneLineAndExits1() {
        if (Cuda.available()) return;
        CliRun r = run("gpu-check");
        assertEquals(1, r.exit());
        assertEquals("", r.out());
        assertEquals(Cuda.unavailableMessage() + System.lineSeparator(), r.err());
    }

    @Test void badBenchSizeIsAUsageError() {
        CliRun r = run("gpu-check", "--bench", "0");
        assertEquals(2, r.exit());
        assertEquals("lottery: --bench must be between 1 and 16384, got 0" + System.lineSeparator(), r.err());
    }
}
