package lottery.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code lottery} as a real child process: the {@code java} of this JVM, the test class path and
 * the main class {@link Main}, with the flags the launcher passes (tiered compilation left on: these
 * runs are short). Its stdout and stderr go to files.
 */
final class ChildJvm {
    private ChildJvm() {}

    static ProcessBuilder builder(Path log, List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-XX:+UseParallelGC", "-Xss8m"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("LOTTERY_DEBUG");
        pb.redirectOutput(log.resolveSibling(log.getFileName() + ".out").toFile());
        pb.redirectError(log.resolveSibling(log.getFileName() + ".err").toFile());
        return pb;
    }

    /** Runs to the end (at most five minutes); returns the exit code. */
    static int run(Path log, List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        Process p = builder(log, jvmOptions, args).start();
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES)) throw new AssertionError("lottery " + String.join(" ", args) + " hung");
            return p.exitValue();
        } finally {
            p.destroyForcibly();
        }
    }

    static String err(Path log) throws IOException { return Files.readString(log.resolveSibling(log.getFileName() + ".err")); }

    static String out(Path log) throws IOException { return Files.readString(log.resolveSibling(log.getFileName() + ".out")); }

    /** stderr without the JVM's notice about incubator modules. */
    static List<String> errLines(Path log) throws IOException {
        return err(log).lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList();
    }
}
