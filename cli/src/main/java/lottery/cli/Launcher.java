package lottery.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command a cluster task runs {@code lottery} with: the {@code lottery} launcher script when
 * this process was started from the jar beside it, else this JVM (same java, same JVM flags,
 * same class path) with the main class. The compute nodes must see the same paths (a shared
 * filesystem); {@code --launcher} overrides it.
 */
final class Launcher {
    private Launcher() {}

    static String current() {
        String cp = System.getProperty("java.class.path", "");
        if (cp.endsWith(".jar") && !cp.contains(java.io.File.pathSeparator)) {
            Path jar = Path.of(cp).toAbsolutePath();
            Path script = jar.getParent() == null || jar.getParent().getParent() == null ? null
                    : jar.getParent().getParent().getParent().resolve("lottery");
            if (script != null && Files.isExecutable(script)
                    && jar.getFileName().toString().equals("lottery.jar")) return quote(script.toString());
            return java() + " -jar " + quote(jar.toString());
        }
        return java() + " -cp " + quote(cp) + " " + Main.class.getName();
    }

    /** This JVM's java binary and the flags a training needs (modules, native access, JIT and heap settings, lottery properties). */
    private static String java() {
        List<String> parts = new ArrayList<>(List.of(quote(Path.of(System.getProperty("java.home"), "bin", "java").toString())));
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--add-modules") && i + 1 < args.size()) { parts.add(a + "=" + args.get(++i)); continue; }
            if (a.startsWith("--add-modules=") || a.startsWith("--enable-native-access") || a.startsWith("-XX:") || a.startsWith("-Xss")
                    || a.startsWith("-Xmx") || a.startsWith("-Dlottery.")) parts.add(quote(a));
        }
        return String.join(" ", parts);
    }

    static String quote(String s) {
        return s.matches("[A-Za-z0-9_./:=,+@%-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
