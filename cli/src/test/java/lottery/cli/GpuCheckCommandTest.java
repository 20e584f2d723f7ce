package lottery.cli;

import lottery.kernels.cuda.Cuda;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** gpu-check's contract where CUDA is missing (every machine without a driver) and for bad options. */
class GpuCheckCommandTest {
    private record Run(int exit, String out, String err) {}

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

    @Test void withoutCudaPrintsOneLineAndExits1() {
        if (Cuda.available()) return;
        Run r = run("gpu-check");
        assertEquals(1, r.exit());
        assertEquals("", r.out());
        assertEquals(Cuda.unavailableMessage() + System.lineSeparator(), r.err());
    }

    @Test void badBenchSizeIsAUsageError() {
        Run r = run("gpu-check", "--bench", "0");
        assertEquals(2, r.exit());
        assertEquals("lottery: --bench must be between 1 and 16384, got 0" + System.lineSeparator(), r.err());
    }
}
