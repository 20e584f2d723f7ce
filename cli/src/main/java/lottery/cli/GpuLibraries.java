package lottery.cli;

import lottery.kernels.cuda.Cuda;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Wording of library status lines for {@code gpu-check}. */
final class GpuLibraries {
    private GpuLibraries() {}

    static String describe(Cuda.Status s) { return s.available() ? "loaded" : "unavailable (" + s.reason() + ")"; }

    /** The JCuda version from its jar's Maven metadata, or "(version unknown)". */
    static String jcudaVersion() {
        try (InputStream in = Cuda.class.getClassLoader().getResourceAsStream("META-INF/maven/org.jcuda/jcuda/pom.properties")) {
            if (in == null) return "(version unknown)";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "(version unknown)");
        } catch (IOException e) {
            return "(version unknown)";
        }
    }
}
