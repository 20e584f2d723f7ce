package lottery.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Executable;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernels stay fast whatever C2 decides: a Vector API value (vector, mask, shuffle) that crosses
 * a call C2 does not inline is boxed, allocated on the heap, and the kernel runs 10-100x slower.
 * <ul>
 *   <li>No method of lottery.kernels takes or returns a vector, mask or shuffle, so none of our own
 *       calls can box one (a reflection scan of the module's classes).</li>
 *   <li>In a fresh JVM that runs the kernels the way training does ({@link TrainingKernelProbe}), no C2
 *       compilation of lottery.kernels code fails to inline a Vector API call (read from
 *       {@code -XX:+LogCompilation}), and after warm-up no kernel call allocates a byte
 *       (ThreadMXBean), at the machine's preferred vector width on one thread and at 256 bits on two.</li>
 * </ul>
 */
class KernelJitTest {
    private static final Pattern TASK = Pattern.compile("^<task [^>]*method='([^']*)'");
    private static final Pattern LEVEL = Pattern.compile(" level='(\\d)'");
    private static final Pattern KLASS = Pattern.compile("^<klass id='(\\d+)' name='([^']*)'");
    private static final Pattern METHOD = Pattern.compile("^<method id='(\\d+)' holder='(\\d+)' name='([^']*)'");
    private static final Pattern CALL = Pattern.compile("^<call method='(\\d+)'");
    private static final Pattern FAIL = Pattern.compile("^<inline_fail reason='([^']*)'");

    @Test void noKernelMethodTakesOrReturnsAVectorValue() throws Exception {
        Path classes = Path.of(Gemm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                String name = classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, getClass().getClassLoader());
                List<Executable> members = new ArrayList<>(List.of(c.getDeclaredMethods()));
                members.addAll(List.of(c.getDeclaredConstructors()));
                for (Executable e : members) {
                    scanned++;
                    List<Class<?>> types = new ArrayList<>(List.of(e.getParameterTypes()));
                    if (e instanceof java.lang.reflect.Method m) types.add(m.getReturnType());
                    for (Class<?> t : types)
                        if (isVectorValue(t)) offenders.add(c.getName() + "::" + e.getName() + " (" + t.getSimpleName() + ")");
                }
            }
        }
        assertTrue(scanned > 100, "scanned only " + scanned + " methods in " + classes);
        assertEquals(List.of(), offenders, "methods that would box a vector when not inlined");
    }

    /** Vectors, masks and shuffles are values C2 keeps in registers only while they stay inside inlined code. */
    private static boolean isVectorValue(Class<?> t) {
        return jdk.incubator.vector.Vector.class.isAssignableFrom(t) || jdk.incubator.vector.VectorMask.class.isAssignableFrom(t)
                || jdk.incubator.vector.VectorShuffle.class.isAssignableFrom(t);
    }

    @Test void trainingKernelsInlineEveryVectorCallAndAllocateNothing(@TempDir Path dir) throws Exception {
        int preferred = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        Map<Integer, Integer> runs = new java.util.LinkedHashMap<>(); // width -> threads
        runs.put(preferred, 1);
        runs.putIfAbsent(256, 2);
        for (var run : runs.entrySet()) {
            int width = run.getKey(), threads = run.getValue();
            Path log = dir.resolve("compilation-" + width + ".log"), out = dir.resolve("probe-" + width + ".txt");
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--add-modules", "jdk.incubator.vector", "-Xmx1g",
                    "-XX:+UnlockDiagnosticVMOptions", "-XX:+LogCompilation", "-XX:LogFile=" + log,
                    "-D" + VectorWidth.PROPERTY + "=" + width,
                    "-cp", System.getProperty("java.class.path"), TrainingKernelProbe.class.getName(), "4", String.valueOf(threads));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("the probe did not finish in 180 s at " + width + " bits");
            }
            List<String> lines = Files.readAllLines(out);
            assertEquals(0, p.exitValue(), "probe at " + width + " bits failed:\n" + String.join("\n", lines));
            assertTrue(lines.contains("done"), String.join("\n", lines));
            List<String> allocating = lines.stream().filter(l -> l.startsWith("alloc ") && !l.endsWith(" 0")).toList();
            assertTrue(lines.stream().filter(l -> l.startsWith("alloc ")).count() >= 250, "too few kernel calls measured");
            assertEquals(List.of(), allocating, "kernel calls that allocate after warm-up at " + width + " bits, " + threads + " threads");
            assertEquals(Set.of(), failedVectorInlines(log), "C2 failed to inline Vector API calls in lottery.kernels at " + width + " bits");
        }
    }

    /** From a LogCompilation file: "root method -> callee: reason" for every C2 (level 4) compilation of lottery.kernels code. */
    static Set<String> failedVectorInlines(Path log) throws IOException {
        Set<String> failures = new LinkedHashSet<>();
        Map<String, String> klass = new HashMap<>(), method = new HashMap<>();
        String task = null, callee = null;
        boolean c2 = false;
        int c2Tasks = 0;
        try (Stream<String> lines = Files.lines(log)) {
            for (String line : (Iterable<String>) lines::iterator) {
                Matcher m;
                if ((m = TASK.matcher(line)).find()) {
                    task = m.group(1).replace("&lt;", "<").replace("&gt;", ">");
                    Matcher level = LEVEL.matcher(line);
                    c2 = !level.find() || level.group(1).equals("4"); // C2 tasks are level 4 (or carry no level)
                    if (c2 && task.startsWith("lottery.kernels")) c2Tasks++;
                    klass.clear();
                    method.clear();
                    callee = null;
                } else if (line.startsWith("</task>")) {
                    task = null;
                } else if (task == null || !c2 || !task.startsWith("lottery.kernels")) {
                    continue;
                } else if ((m = KLASS.matcher(line)).find()) {
                    klass.put(m.group(1), m.group(2));
                } else if ((m = METHOD.matcher(line)).find()) {
                    method.put(m.group(1), klass.getOrDefault(m.group(2), "?") + "::" + m.group(3));
                } else if ((m = CALL.matcher(line)).find()) {
                    callee = method.get(m.group(1));
                } else if ((m = FAIL.matcher(line)).find() && callee != null
                        && (callee.startsWith("jdk.incubator.vector") || callee.startsWith("jdk.internal.vm.vector"))) {
                    failures.add(task.split(" ")[0] + "." + task.split(" ")[1] + " -> " + callee + ": " + m.group(1));
                }
            }
        }
        assertTrue(c2Tasks > 10, "only " + c2Tasks + " C2 compilations of lottery.kernels in " + log);
        return failures;
    }
}
