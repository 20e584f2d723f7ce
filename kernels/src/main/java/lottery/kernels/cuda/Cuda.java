package lottery.kernels.cuda;

import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the CUDA backend can run here, decided once per process: the JCuda driver natives load
 * (they need libcuda.so.1), the driver initialises, a device exists, and the project's PTX modules
 * load into a context on device 0. A failure becomes a one-line {@link #reason()}, never a crash;
 * everything else then runs on the CPU.
 */
public final class Cuda {
    private Cuda() {}

    /** The probe's result: available, or a one-line reason why not. */
    public record Status(boolean available, String reason) {}

    private static final class Holder {
        static final Status STATUS = probe();
    }

    public static Status status() { return Holder.STATUS; }

    public static boolean available() { return status().available(); }

    /** Why CUDA is unavailable ("" when it is available). */
    public static String reason() { return status().reason(); }

    /** The line every caller prints when the backend cannot run. */
    public static String unavailableMessage() { return "CUDA backend unavailable: " + reason(); }

    /** The system property and environment variable that make a missing GPU an error in the tests. */
    public static final String REQUIRE_PROPERTY = "lottery.requireGpu", REQUIRE_ENV = "LOTTERY_REQUIRE_GPU";

    /** Whether this run demands a working GPU: {@code -Dlottery.requireGpu=true} or {@code LOTTERY_REQUIRE_GPU=1} (or true). */
    public static boolean gpuRequired() {
        String p = System.getProperty(REQUIRE_PROPERTY), e = System.getenv(REQUIRE_ENV);
        return truthy(p) || (p == null && truthy(e));
    }

    static boolean truthy(String v) { return v != null && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes")); }

    /**
     * For tests that need {@code what} (the backend, cuBLAS, cuSPARSE): true when {@code status} is
     * available, false (the caller skips with the reason) when not, and, when a GPU is required,
     * an {@link IllegalStateException} with the reason instead, so a broken GPU host fails the build.
     */
    public static boolean usableInTests(String what, Status status) {
        if (status.available()) return true;
        if (gpuRequired())
            throw new IllegalStateException(REQUIRE_PROPERTY + " is set but " + what + " is unavailable: " + status.reason());
        return false;
    }

    /** {@link #usableInTests(String, Status)} for the CUDA backend itself. */
    public static boolean usableInTests() { return usableInTests("the CUDA backend", status()); }

    /** Throws {@link UnsupportedOperationException} with {@link #unavailableMessage()} unless available. */
    public static void require() {
        if (!available()) throw new UnsupportedOperationException(unavailableMessage());
    }

    /** System property: "host" runs the whole CUDA path on {@link HostDriver} (the kernels' Java twins), for tests without a GPU. */
    public static final String DRIVER_PROPERTY = "lottery.cuda.driver";

    private static Status probe() {
        if ("host".equals(System.getProperty(DRIVER_PROPERTY))) {
            CudaContext.initSharedOnHost();
            return new Status(true, "");
        }
        try {
            JCudaDriver.setExceptionsEnabled(false);
            check(JCudaDriver.cuInit(0), "cuInit");
            int[] count = new int[1];
            check(JCudaDriver.cuDeviceGetCount(count), "cuDeviceGetCount");
            if (count[0] == 0) return new Status(false, "the driver reports no CUDA device");
            CudaContext.initShared();
            return new Status(true, "");
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            return new Status(false, describeLinkError(e));
        } catch (CudaException e) {
            return new Status(false, e.getMessage());
        } catch (RuntimeException e) {
            return new Status(false, e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
        }
    }

    private static final Pattern MISSING_LIB = Pattern.compile("([\\w.+-]+\\.so[\\w.]*): cannot open shared object file");

    /** "libcuda.so.1 not found (...)" out of JCuda's multi-line native loading report. */
    static String describeLinkError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m == null) continue;
            Matcher missing = MISSING_LIB.matcher(m);
            if (missing.find()) {
                String lib = missing.group(1);
                String hint = lib.startsWith("libcuda.so") ? "no NVIDIA driver installed" : "install the CUDA 12 runtime libraries";
                return lib + " not found (" + hint + ")";
            }
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + ": " + (m == null ? "native CUDA libraries did not load" : firstLine(m));
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    /** Throws a {@link CudaException} naming {@code call} unless {@code result} is CUDA_SUCCESS. */
    static void check(int result, String call) {
        if (result == CUresult.CUDA_SUCCESS) return;
        String detail = "";
        try {
            String[] s = new String[1];
            if (JCudaDriver.cuGetErrorString(result, s) == CUresult.CUDA_SUCCESS && s[0] != null) detail = ": " + s[0];
        } catch (Throwable ignored) {
            // the name alone still says what failed
        }
        String hint = result == CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION
                ? " (the driver is older than the PTX ISA 8.0 of the kernels; install a CUDA 12 or newer driver)" : "";
        throw new CudaException(call + " failed: " + CUresult.stringFor(result) + detail + hint);
    }
}
