package lottery.bench;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.bytedeco.openblas.global.openblas_full;

/**
 * The OpenBLAS baseline (org.bytedeco:openblas natives). Natives load once, on first use; a failure
 * is remembered and reported as one line by {@link #require()}.
 */
public final class OpenBlas {
    private OpenBlas() {}

    private static final class Holder {
        static final String ERROR = load();

        private static String load() {
            try {
                openblas.blas_get_num_threads();
                return null;
            } catch (Throwable t) { // UnsatisfiedLinkError, ExceptionInInitializerError, NoClassDefFoundError
                String m = t.getMessage();
                Throwable c = t.getCause();
                if ((m == null || m.isBlank()) && c != null) m = c.toString();
                return t.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
            }
        }
    }

    public static boolean available() { return Holder.ERROR == null; }

    /** Throws IllegalStateException with one line naming the reason when the natives did not load. */
    public static void require() {
        if (Holder.ERROR != null)
            throw new IllegalStateException("OpenBLAS natives did not load (" + Holder.ERROR + "); the openblas baseline needs "
                    + "org.bytedeco:openblas for linux-x86_64 on the class path, or leave it out with --impls");
    }

    public static void setThreads(int n) {
        require();
        openblas.blas_set_num_threads(n);
    }

    /** Version and build configuration, e.g. "OpenBLAS 0.3.31 DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64". */
    public static String config() {
        if (!available()) return "OpenBLAS unavailable";
        try {
            return openblas_full.openblas_get_config().getString().trim() + " (core " + openblas_full.openblas_get_corename().getString().trim() + ")";
        } catch (Throwable t) { // the config entry points live in the full binding; the version constant is always there
            return "OpenBLAS " + openblas.OPENBLAS_VERSION;
        }
    }

    /** C = op(A)·op(B) + beta·C, row-major, on native buffers (no copies in the timed call). */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             FloatPointer a, int lda, FloatPointer b, int ldb, float beta, FloatPointer c, int ldc) {
        openblas.cblas_sgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, 1f, a, lda, b, ldb, beta, c, ldc);
    }
}
