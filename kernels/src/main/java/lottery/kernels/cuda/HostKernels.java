package lottery.kernels.cuda;

import java.lang.foreign.MemorySegment;
import java.util.Map;

import static lottery.kernels.cuda.HostDriver.F;
import static lottery.kernels.cuda.HostDriver.I;
import static lottery.kernels.cuda.HostDriver.L;

/**
 * The project's CUDA kernels (kernels/src/main/cuda) as plain Java, for {@link HostDriver}: same
 * arguments, same results up to float rounding, and the same coverage (a launch whose grid is too
 * small leaves the same elements unwritten as on a GPU). {@link #SIGNATURES} spells each kernel's
 * parameter kinds; a test checks them against the .cu sources.
 */
final class HostKernels {
    private HostKernels() {}

    /** Parameter kinds per kernel: i = int, f = float, p = pointer. */
    static final Map<String, String> SIGNATURES = Map.ofEntries(
            Map.entry("lottery_sgemm_nn", "iiifpipipifpipi"), Map.entry("lottery_sgemm_nt", "iiifpipipifpipi"),
            Map.entry("lottery_sgemm_tn", "iiifpipipifpipi"), Map.entry("lottery_sgemm_tt", "iiifpipipifpipi"),
            Map.entry("lottery_sgemm_splitk_nn", "iiiipipipip"), Map.entry("lottery_sgemm_splitk_nt", "iiiipipipip"),
            Map.entry("lottery_sgemm_splitk_tn", "iiiipipipip"), Map.entry("lottery_sgemm_splitk_tt", "iiiipipipip"),
            Map.entry("lottery_splitk_reduce", "iiipffpipi"),
            Map.entry("lottery_spmm", "iiippppfp"), Map.entry("lottery_spmm_t", "iiippppfp"),
            Map.entry("lottery_spmm_trans_acc", "iiippppp"), Map.entry("lottery_spmm_trans_t_acc", "iiippppp"),
            Map.entry("lottery_sddmm", "iiippppp"), Map.entry("lottery_sddmm_t", "iiippppp"),
            Map.entry("lottery_csr_gather", "ippp"), Map.entry("lottery_csr_scatter", "ippp"),
            Map.entry("lottery_fill", "ifp"), Map.entry("lottery_add", "ippp"), Map.entry("lottery_mul", "ippp"),
            Map.entry("lottery_axpy", "ifpp"), Map.entry("lottery_scale", "ifp"), Map.entry("lottery_relu", "ipp"),
            Map.entry("lottery_relu_backward", "ippp"), Map.entry("lottery_bias_add", "iipp"), Map.entry("lottery_mask_apply", "iipip"),
            Map.entry("lottery_sum_rows", "iipfp"), Map.entry("lottery_sum_cols", "iipfp"), Map.entry("lottery_softmax_xent", "iippfpp"),
            Map.entry("lottery_adam", "iipippppfffffff"), Map.entry("lottery_sgd_momentum", "iipipppfff"));

    /** The GEMM tile edge (gemm.cu BM = BN) and the split-k tile edge (SK_TILE). */
    static final int TILE = 128, SK_TILE = 32;

    static void run(HostDriver d, String kernel, int gridX, int gridY, int block, KernelArgs a) {
        String sig = SIGNATURES.get(kernel);
        if (sig == null) throw new CudaException("cuModuleGetFunction(" + kernel + ") failed: CUDA_ERROR_NOT_FOUND");
        if (!sig.equals(a.signature()))
            throw new IllegalArgumentException(kernel + ": launched with argument kinds " + a.signature() + ", the kernel takes " + sig);
        long threads = (long) gridX * block;
        Mem m = new Mem(d, a);
        switch (kernel) {
            case "lottery_sgemm_nn", "lottery_sgemm_nt", "lottery_sgemm_tn", "lottery_sgemm_tt" ->
                    sgemm(m, kernel.charAt(14) == 't', kernel.charAt(15) == 't', (long) gridX * TILE, (long) gridY * TILE);
            case "lottery_sgemm_splitk_nn", "lottery_sgemm_splitk_nt", "lottery_sgemm_splitk_tn", "lottery_sgemm_splitk_tt" ->
                    HostSplitK.partials(m, kernel.charAt(21) == 't', kernel.charAt(22) == 't', gridX, gridY);
            case "lottery_splitk_reduce" -> HostSplitK.reduce(m, threads);
            case "lottery_spmm", "lottery_spmm_t" -> HostSparse.spmm(m, kernel.equals("lottery_spmm_t"), threads);
            case "lottery_spmm_trans_acc", "lottery_spmm_trans_t_acc" -> HostSparse.spmmTrans(m, kernel.endsWith("_t_acc"), threads);
            case "lottery_sddmm", "lottery_sddmm_t" -> HostSparse.sddmm(m, kernel.endsWith("_t"), threads / 32);
            case "lottery_csr_gather", "lottery_csr_scatter" -> HostSparse.csrCopy(m, kernel.endsWith("gather"), threads);
            case "lottery_adam", "lottery_sgd_momentum" -> HostElementwise.optimizer(m, kernel.equals("lottery_adam"));
            default -> HostElementwise.run(m, kernel, threads);
        }
    }

    /** The launch's arguments with pointers resolved to host memory. */
    static final class Mem {
        final HostDriver d;
        final KernelArgs a;

        Mem(HostDriver d, KernelArgs a) { this.d = d; this.a = a; }

        int i(int index) { return a.intArg(index); }

        float f(int index) { return a.floatArg(index); }

        /** The memory at pointer argument {@code index} holding {@code bytes}, or null for a NULL pointer. */
        MemorySegment p(int index, long bytes) {
            long address = a.address(index);
            return address == 0 ? null : d.at(address, bytes);
        }

        /** A pointer argument that must not be NULL. */
        MemorySegment q(int index, long bytes) {
            MemorySegment s = p(index, bytes);
            if (s == null) throw new CudaException("host driver: NULL pointer for argument " + index);
            return s;
        }
    }

    static float get(MemorySegment s, long i) { return s.getAtIndex(F, i); }

    static void set(MemorySegment s, long i, float v) { s.setAtIndex(F, i, v); }

    static int geti(MemorySegment s, long i) { return s.getAtIndex(I, i); }

    /** Bit (r, c) of a BitMask-layout mask with {@code words} words per row. */
    static boolean bit(MemorySegment mask, int words, long r, long c) {
        return ((mask.getAtIndex(L, r * words + (c >> 6)) >>> (c & 63)) & 1L) != 0;
    }

    static long maskBytes(int rows, int words) { return 8L * rows * words; }

    /** gemm.cu: C = alpha·op(A)·op(B⊙maskB) + beta·C, 0 where maskC is 0; only the tiles the grid covers. */
    private static void sgemm(Mem m, boolean ta, boolean tb, long coveredCols, long coveredRows) {
        int M = m.i(0), N = m.i(1), K = m.i(2), lda = m.i(5), ldb = m.i(7), maskBWords = m.i(9), ldc = m.i(12), maskCWords = m.i(14);
        float alpha = m.f(3), beta = m.f(10);
        if (M == 0 || N == 0) return;
        int aRows = ta ? K : M, bRows = tb ? N : K;
        MemorySegment A = K == 0 ? null : m.q(4, 4L * ((long) (aRows - 1) * lda + (ta ? M : K))),
                B = K == 0 ? null : m.q(6, 4L * ((long) (bRows - 1) * ldb + (tb ? K : N))),
                C = m.q(11, 4L * ((long) (M - 1) * ldc + N));
        MemorySegment maskB = m.p(8, maskBytes(bRows, maskBWords)), maskC = m.p(13, maskBytes(M, maskCWords));
        int rows = (int) Math.min(M, coveredRows), cols = (int) Math.min(N, coveredCols);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) {
                float acc = 0f;
                for (int p = 0; p < K; p++) {
                    float av = get(A, ta ? (long) p * lda + i : (long) i * lda + p);
                    int br = tb ? j : p, bc = tb ? p : j;
                    float bv = maskB != null && !bit(maskB, maskBWords, br, bc) ? 0f : get(B, (long) br * ldb + bc);
                    acc = Math.fma(av, bv, acc);
                }
                long at = (long) i * ldc + j;
                if (maskC != null && !bit(maskC, maskCWords, i, j)) { set(C, at, 0f); continue; }
                float v = alpha * acc;
                set(C, at, beta == 0f ? v : Math.fma(beta, get(C, at), v));
            }
    }
}
