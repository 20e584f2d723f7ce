package lottery.kernels.cuda;

import jcuda.Pointer;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasOperation;
import jcuda.jcublas.cublasStatus;
import jcuda.runtime.cudaStream_t;

/**
 * cuBLAS SGEMM on the shared context's stream: the vendor baseline for the masked GEMM.
 * cuBLAS is column-major; a row-major C = op(A)·op(B) is the column-major Cᵀ = op(B)ᵀ·op(A)ᵀ,
 * and a row-major matrix read column-major is its transpose, so the call passes B first, A
 * second, keeps each operand's transpose flag and swaps m and n ({@link #columnMajor}).
 * Loading needs libcublas.so.12; {@link #status()} says whether it loaded.
 */
public final class Cublas {
    private Cublas() {}

    private static final class Holder {
        static final VendorHandle<cublasHandle> LIB = VendorHandle.open(ctx -> {
            cublasHandle h = new cublasHandle();
            check(JCublas2.cublasCreate(h), "cublasCreate");
            check(JCublas2.cublasSetStream(h, new cudaStream_t(ctx.nativeDriver().stream())), "cublasSetStream");
            return h;
        });
        static final cublasHandle HANDLE = LIB.handle();
    }

    /** Whether cuBLAS loaded and a handle exists on the shared context. */
    public static Cuda.Status status() { return Holder.LIB.status(); }

    /** The column-major call computing a row-major product: first operand, second operand, dimensions. */
    public record ColumnMajorGemm(boolean firstIsB, boolean transFirst, boolean transSecond, int m, int n, int k,
                                  int ldFirst, int ldSecond, int ldc) {}

    /** Maps row-major C[m,n] = op(A)·op(B) to cuBLAS's column-major arguments. */
    public static ColumnMajorGemm columnMajor(boolean transA, boolean transB, int m, int n, int k, int lda, int ldb, int ldc) {
        return new ColumnMajorGemm(true, transB, transA, n, m, k, ldb, lda, ldc);
    }

    /** C[m,n] = alpha·op(A)·op(B) + beta·C, row-major, offsets in elements. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             DeviceBuffer a, long aOff, int lda, DeviceBuffer b, long bOff, int ldb,
                             float beta, DeviceBuffer c, long cOff, int ldc) {
        if (!status().available()) throw new UnsupportedOperationException("cuBLAS unavailable: " + status().reason());
        if (m == 0 || n == 0) return;
        ColumnMajorGemm g = columnMajor(transA, transB, m, n, k, lda, ldb, ldc);
        c.context().nativeDriver().makeCurrent();
        check(JCublas2.cublasSgemm(Holder.HANDLE, op(g.transFirst()), op(g.transSecond()), g.m(), g.n(), g.k(),
                Pointer.to(new float[] {alpha}), NativeDriver.pointer(b.at(bOff)), g.ldFirst(), NativeDriver.pointer(a.at(aOff)),
                        g.ldSecond(),
                Pointer.to(new float[] {beta}), NativeDriver.pointer(c.at(cOff)), g.ldc()), "cublasSgemm");
    }

    private static int op(boolean trans) { return trans ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N; }

    static void check(int status, String call) {
        if (status != cublasStatus.CUBLAS_STATUS_SUCCESS) throw new CudaException(call + " failed: " + cublasStatus.stringFor(status));
    }
}
