package lottery.kernels.cuda;

import jcuda.Pointer;
import jcuda.cudaDataType;
import jcuda.jcusparse.JCusparse;
import jcuda.jcusparse.cusparseConstDnMatDescr;
import jcuda.jcusparse.cusparseConstSpMatDescr;
import jcuda.jcusparse.cusparseDnMatDescr;
import jcuda.jcusparse.cusparseHandle;
import jcuda.jcusparse.cusparseSpMatDescr;
import jcuda.jcusparse.cusparseStatus;
import jcuda.runtime.cudaStream_t;

import static jcuda.jcusparse.cusparseIndexBase.CUSPARSE_INDEX_BASE_ZERO;
import static jcuda.jcusparse.cusparseIndexType.CUSPARSE_INDEX_32I;
import static jcuda.jcusparse.cusparseOperation.CUSPARSE_OPERATION_NON_TRANSPOSE;
import static jcuda.jcusparse.cusparseOperation.CUSPARSE_OPERATION_TRANSPOSE;
import static jcuda.jcusparse.cusparseOrder.CUSPARSE_ORDER_COL;
import static jcuda.jcusparse.cusparseOrder.CUSPARSE_ORDER_ROW;
import static jcuda.jcusparse.cusparseSDDMMAlg.CUSPARSE_SDDMM_ALG_DEFAULT;
import static jcuda.jcusparse.cusparseSpMMAlg.CUSPARSE_SPMM_ALG_DEFAULT;

/**
 * cuSPARSE generic-API SpMM and SDDMM on the shared context's stream: vendor baselines for the
 * CSR kernels. Descriptors are made per call (read-only operands as const descriptors); the
 * work buffer comes from the caching allocator. Loading needs libcusparse.so.12.
 */
public final class Cusparse {
    private Cusparse() {}

    private static final class Holder {
        static final VendorHandle<cusparseHandle> LIB = VendorHandle.open(ctx -> {
            cusparseHandle h = new cusparseHandle();
            check(JCusparse.cusparseCreate(h), "cusparseCreate");
            check(JCusparse.cusparseSetStream(h, new cudaStream_t(ctx.nativeDriver().stream())), "cusparseSetStream");
            return h;
        });
        static final cusparseHandle HANDLE = LIB.handle();
    }

    /** Whether cuSPARSE loaded and a handle exists on the shared context. */
    public static Cuda.Status status() { return Holder.LIB.status(); }

    /** yT[out, batch] = W · xT[in, batch] + beta·yT (row-major dense operands). */
    public static void spmmT(DeviceCsr w, DeviceBuffer xT, int batch, float beta, DeviceBuffer yT) {
        spmm(w, xT, yT, batch, beta, CUSPARSE_ORDER_ROW, batch, batch);
    }

    /**
     * y[batch, out] = x[batch, in] · Wᵀ + beta·y: read column-major, x is xT [in, batch] with leading
     * dimension in and y is yT [out, batch] with leading dimension out, so this is yT = W·xT.
     */
    public static void spmm(DeviceCsr w, DeviceBuffer x, int batch, float beta, DeviceBuffer y) {
        spmm(w, x, y, batch, beta, CUSPARSE_ORDER_COL, w.cols, w.rows);
    }

    private static void spmm(DeviceCsr w, DeviceBuffer b, DeviceBuffer c, int batch, float beta, int order, long ldb, long ldc) {
        require();
        CudaKernels.need("input", b, (long) w.cols * batch);
        CudaKernels.need("output", c, (long) w.rows * batch);
        if (w.rows == 0 || batch == 0) return;
        c.context().nativeDriver().makeCurrent();
        cusparseConstSpMatDescr a = csrConst(w);
        cusparseConstDnMatDescr bd = new cusparseConstDnMatDescr();
        cusparseDnMatDescr cd = new cusparseDnMatDescr();
        check(JCusparse.cusparseCreateConstDnMat(bd, w.cols, batch, ldb, ptr(b), cudaDataType.CUDA_R_32F, order),
                "cusparseCreateConstDnMat");
        check(JCusparse.cusparseCreateDnMat(cd, w.rows, batch, ldc, ptr(c), cudaDataType.CUDA_R_32F, order), "cusparseCreateDnMat");
        Pointer alpha = Pointer.to(new float[] {1f}), betaP = Pointer.to(new float[] {beta});
        long[] size = new long[1];
        try {
            check(JCusparse.cusparseSpMM_bufferSize(Holder.HANDLE, CUSPARSE_OPERATION_NON_TRANSPOSE, CUSPARSE_OPERATION_NON_TRANSPOSE,
                    alpha, a, bd, betaP, cd, cudaDataType.CUDA_R_32F, CUSPARSE_SPMM_ALG_DEFAULT, size), "cusparseSpMM_bufferSize");
            try (DeviceBuffer work = c.context().allocate(Math.max(size[0], 1))) {
                check(JCusparse.cusparseSpMM(Holder.HANDLE, CUSPARSE_OPERATION_NON_TRANSPOSE, CUSPARSE_OPERATION_NON_TRANSPOSE,
                        alpha, a, bd, betaP, cd, cudaDataType.CUDA_R_32F, CUSPARSE_SPMM_ALG_DEFAULT, ptr(work)), "cusparseSpMM");
            }
        } finally {
            JCusparse.cusparseDestroySpMat(a);
            JCusparse.cusparseDestroyDnMat(bd);
            JCusparse.cusparseDestroyDnMat(cd.asConst());
        }
    }

    /**
     * SDDMM with transposed activations: dw[e] = dyT[row(e), :]·xT[col(e), :] over the pattern's
     * entries, as C = (A·Bᵀ) ∘ spy(C) with A = dyT [out, batch] and B = xT [in, batch], row-major.
     */
    public static void sddmmT(DeviceCsr pattern, DeviceBuffer dyT, DeviceBuffer xT, int batch, DeviceBuffer dw) {
        require();
        CudaKernels.need("dyT", dyT, (long) pattern.rows * batch);
        CudaKernels.need("xT", xT, (long) pattern.cols * batch);
        CudaKernels.need("dw", dw, pattern.nnz);
        if (pattern.nnz == 0) return;
        dw.context().nativeDriver().makeCurrent();
        cusparseConstDnMatDescr ad = new cusparseConstDnMatDescr(), bd = new cusparseConstDnMatDescr();
        cusparseSpMatDescr cd = new cusparseSpMatDescr();
        check(JCusparse.cusparseCreateConstDnMat(ad, pattern.rows, batch, batch, ptr(dyT), cudaDataType.CUDA_R_32F, CUSPARSE_ORDER_ROW),
                "cusparseCreateConstDnMat");
        check(JCusparse.cusparseCreateConstDnMat(bd, pattern.cols, batch, batch, ptr(xT), cudaDataType.CUDA_R_32F, CUSPARSE_ORDER_ROW),
                "cusparseCreateConstDnMat");
        check(JCusparse.cusparseCreateCsr(cd, pattern.rows, pattern.cols, pattern.nnz, ptr(pattern.rowPtr), ptr(pattern.colIdx), ptr(dw),
                CUSPARSE_INDEX_32I, CUSPARSE_INDEX_32I, CUSPARSE_INDEX_BASE_ZERO, cudaDataType.CUDA_R_32F), "cusparseCreateCsr");
        Pointer alpha = Pointer.to(new float[] {1f}), beta = Pointer.to(new float[] {0f});
        long[] size = new long[1];
        try {
            check(JCusparse.cusparseSDDMM_bufferSize(Holder.HANDLE, CUSPARSE_OPERATION_NON_TRANSPOSE, CUSPARSE_OPERATION_TRANSPOSE,
                    alpha, ad, bd, beta, cd, cudaDataType.CUDA_R_32F, CUSPARSE_SDDMM_ALG_DEFAULT, size), "cusparseSDDMM_bufferSize");
            try (DeviceBuffer work = dw.context().allocate(Math.max(size[0], 1))) {
                check(JCusparse.cusparseSDDMM(Holder.HANDLE, CUSPARSE_OPERATION_NON_TRANSPOSE, CUSPARSE_OPERATION_TRANSPOSE,
                        alpha, ad, bd, beta, cd, cudaDataType.CUDA_R_32F, CUSPARSE_SDDMM_ALG_DEFAULT, ptr(work)), "cusparseSDDMM");
            }
        } finally {
            JCusparse.cusparseDestroyDnMat(ad);
            JCusparse.cusparseDestroyDnMat(bd);
            JCusparse.cusparseDestroySpMat(cd.asConst());
        }
    }

    private static cusparseConstSpMatDescr csrConst(DeviceCsr w) {
        cusparseConstSpMatDescr a = new cusparseConstSpMatDescr();
        check(JCusparse.cusparseCreateConstCsr(a, w.rows, w.cols, w.nnz, ptr(w.rowPtr), ptr(w.colIdx), ptr(w.values),
                CUSPARSE_INDEX_32I, CUSPARSE_INDEX_32I, CUSPARSE_INDEX_BASE_ZERO, cudaDataType.CUDA_R_32F), "cusparseCreateConstCsr");
        return a;
    }

    private static jcuda.Pointer ptr(DeviceBuffer b) { return NativeDriver.pointer(b.address()); }

    private static void require() {
        if (!status().available()) throw new UnsupportedOperationException("cuSPARSE unavailable: " + status().reason());
    }

    static void check(int status, String call) {
        if (status != cusparseStatus.CUSPARSE_STATUS_SUCCESS) throw new CudaException(call + " failed: "
                + cusparseStatus.stringFor(status));
    }
}
