package lottery.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The build half of scripts/gpu-run.sh, run after the jar is packaged (integration-test phase): the carry
 * builds within 60 MiB, and its jlinked runtime runs {@code lottery --help}, {@code lottery train} on a small
 * synthetic CIFAR-10 set and {@code lottery gpu-check} on the host driver, and the JUnit console launcher on the
 * packed tests, where a required GPU that is missing fails with the probe's reason. Skipped, with the reason, where the JDK has no jlink.
 */
class GpuCarryIT {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final long MAX_BYTES = 60L << 20;

    @TempDir Path tmp;

    @Test void theCarryBuildsAndItsRuntimeRunsTheCliAndTheTests() throws Exception {
        assumeTrue(Boolean.getBoolean("lottery.packaged"),
                "needs the packaged jar: runs in the build's integration-test phase (execution gpu-carry)");
        Path javaHome = Path.of(System.getProperty("java.home"));
        assumeTrue(Files.isExecutable(javaHome.resolve("bin/jlink")), "no jlink in " + javaHome + ": this JDK cannot build the GPU carry");
        Path jar = ROOT.resolve("cli/target/lottery.jar");
        assertTrue(Files.isRegularFile(jar), "the packaged jar " + jar);
        Path carry = tmp.resolve("carry");

        Result build = run(List.of("bash", ROOT.resolve("scripts/gpu-run.sh").toString(), "build", carry.toString(), "--no-data"),
                Map.of("LOTTERY_JAR", jar.toString(), "JAVA_HOME", javaHome.toString()), 300);
        assertEquals(0, build.exit, build.out);
        long bytes;
        try (Stream<Path> files = Files.walk(carry)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(bytes <= MAX_BYTES, "carry " + bytes + " bytes");
        for (String f : List.of("runtime.tar.gz", "lottery-gpu.jar", "junit-console.jar", "gpu-tests.jar", "gpu-run.sh", "carry.txt"))
            assertTrue(Files.isRegularFile(carry.resolve(f)), f);

        assertEquals(0, run(List.of("tar", "-C", tmp.toString(), "-xzf", carry.resolve("runtime.tar.gz").toString()), Map.of(), 60).exit);
        List<String> java = new ArrayList<>(List.of(tmp.resolve("runtime/bin/java").toString(), "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-Xss8m"));
        assertTrue(run(List.of(java.getFirst(), "--list-modules"), Map.of(), 30).out.lines().noneMatch(l -> l.startsWith("java.desktop")),
                "a runtime without java.desktop");

        Result help = lottery(java, carry, "--help");
        assertEquals(0, help.exit, help.out);
        assertTrue(help.out.contains("Usage: lottery"), help.out);

        Path cifar = syntheticCifar(tmp.resolve("cifar"));
        Result train = lottery(java, carry, "train", "--dataset", "cifar10", "--data-dir", cifar.toString(), "--iterations", "10",
                "--eval-every", "10", "--batch", "20", "--threads", "1");
        assertEquals(0, train.exit, train.out);
        assertTrue(train.out.contains("early stop: iteration 10"), train.out);

        // the CUDA path of the carry's jar on the host driver: gpu-check runs every kernel self-test through it
        List<String> onHost = new ArrayList<>(java);
        onHost.add("-Dlottery.cuda.driver=host");
        Result check = lottery(onHost, carry, "gpu-check");
        assertEquals(0, check.exit, check.out);
        assertTrue(check.out.lines().anyMatch(l -> l.matches("(\\d+) of \\1 self-tests passed")), check.out);

        // the packed tests under JUnit's console launcher: host-memory tests pass; with a required GPU and none here,
        // a GPU test fails naming the reason
        List<String> console = new ArrayList<>(java);
        console.addAll(List.of("-Dlottery.requireGpu=true", "-jar", carry.resolve("junit-console.jar").toString(), "execute",
                "--class-path", carry.resolve("lottery-gpu.jar") + ":" + carry.resolve("gpu-tests.jar"),
                "--select-class", "lottery.kernels.cuda.DeviceLifecycleTest", "--select-method",
                        "lottery.kernels.cuda.CudaDeviceTest#deviceInfoIsSane",
                "--details", "tree", "--disable-banner", "--disable-ansi-colors"));
        Result tests = run(console, Map.of(), 120);
        assertTrue(tests.out.contains("9 tests found") || tests.out.contains("9 tests started"), tests.out);
        if (lottery.kernels.cuda.Cuda.available()) {
            assertEquals(0, tests.exit, tests.out);
        } else {
            assertEquals(1, tests.exit, "a required GPU that is missing fails the run: " + tests.out);
            assertTrue(tests.out.contains("8 tests successful") && tests.out.contains("1 tests failed"), tests.out);
            assertTrue(tests.out.contains("lottery.requireGpu is set but the CUDA backend is unavailable: "
                    + lottery.kernels.cuda.Cuda.reason()), tests.out);
        }
    }

    private Result lottery(List<String> java, Path carry, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(java);
        cmd.addAll(List.of("-jar", carry.resolve("lottery-gpu.jar").toString()));
        cmd.addAll(List.of(args));
        return run(cmd, Map.of(), 120);
    }

    /** CIFAR-10 binary batches with 5,200 random samples (5,000 go to validation) and 100 test samples. */
    private static Path syntheticCifar(Path dir) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom rnd = new SplittableRandom(1);
        for (int f = 0; f < 6; f++) {
            int n = f < 5 ? 1040 : 100;
            byte[] b = new byte[n * 3073];
            rnd.nextBytes(b);
            for (int i = 0; i < n; i++) b[i * 3073] = (byte) Math.floorMod(b[i * 3073], 10);
            Files.write(dir.resolve(f < 5 ? "data_batch_" + (f + 1) + ".bin" : "test_batch.bin"), b);
        }
        return dir;
    }

    private record Result(int exit, String out) {}

    private Result run(List<String> cmd, Map<String, String> env, int seconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path log = Files.createTempFile(tmp, "out", ".txt");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", cmd) + " ran past " + seconds + " s:\n" + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log));
    }
}
