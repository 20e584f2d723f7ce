package lottery.kernels.cuda;

import java.lang.foreign.MemorySegment;

import static lottery.kernels.cuda.HostKernels.get;
import static lottery.kernels.cuda.HostKernels.geti;
import static lottery.kernels.cuda.HostKernels.set;

/** sparse.cu in Java: CSR SpMM, its transpose, SDDMM and the gather/scatter between CSR values and dense weights. */
final class HostSparse {
    private HostSparse() {}

    // arguments: out, in, batch, rowPtr, colIdx, values, input, [beta,] output
    private record Csr(int out, int in, int batch, MemorySegment rowPtr, MemorySegment colIdx, MemorySegment values) {
        static Csr of(HostKernels.Mem m, boolean values) {
            int out = m.i(0), in = m.i(1), batch = m.i(2);
            MemorySegment rowPtr = m.q(3, 4L * (out + 1));
            int nnz = geti(rowPtr, out);
            return new Csr(out, in, batch, rowPtr, m.q(4, 4L * nnz), values ? m.q(5, 4L * nnz) : null);
        }
    }

    /** lottery_spmm (y[b, r]) and lottery_spmm_t (yT[r, b]): one thread per output element. */
    static void spmm(HostKernels.Mem m, boolean transposed, long threads) {
        Csr w = Csr.of(m, true);
        float beta = m.f(7);
        MemorySegment x = m.q(6, 4L * w.batch * w.in), y = m.q(8, 4L * w.batch * w.out);
        long total = Math.min((long) w.batch * w.out, threads);
        for (long t = 0; t < total; t++) {
            int r = (int) (transposed ? t / w.batch : t % w.out), b = (int) (transposed ? t % w.batch : t / w.out);
            float s = 0f;
            for (int e = geti(w.rowPtr, r), end = geti(w.rowPtr, r + 1); e < end; e++) {
                int c = geti(w.colIdx, e);
                s = Math.fma(get(w.values, e), get(x, transposed ? (long) c * w.batch + b : (long) b * w.in + c), s);
            }
            long at = transposed ? (long) r * w.batch + b : (long) b * w.out + r;
            set(y, at, beta == 0f ? s : Math.fma(beta, get(y, at), s));
        }
    }

    /** lottery_spmm_trans_acc (dx[b, c] +=) and lottery_spmm_trans_t_acc (dxT[c, b] +=): scatter along row r of W. */
    static void spmmTrans(HostKernels.Mem m, boolean transposed, long threads) {
        Csr w = Csr.of(m, true);
        MemorySegment dy = m.q(6, 4L * w.batch * w.out), dx = m.q(7, 4L * w.batch * w.in);
        long total = Math.min((long) w.batch * w.out, threads);
        for (long t = 0; t < total; t++) {
            int r = (int) (transposed ? t / w.batch : t % w.out), b = (int) (transposed ? t % w.batch : t / w.out);
            float g = get(dy, transposed ? (long) r * w.batch + b : (long) b * w.out + r);
            if (!transposed && g == 0f) continue;
            for (int e = geti(w.rowPtr, r), end = geti(w.rowPtr, r + 1); e < end; e++) {
                int c = geti(w.colIdx, e);
                long at = transposed ? (long) c * w.batch + b : (long) b * w.in + c;
                set(dx, at, get(dx, at) + get(w.values, e) * g);
            }
        }
    }

    /** lottery_sddmm (row-major dy, x) and lottery_sddmm_t (dyT, xT): one warp per row of the pattern. */
    static void sddmm(HostKernels.Mem m, boolean transposed, long warps) {
        Csr p = Csr.of(m, false);
        MemorySegment dy = m.q(5, 4L * p.batch * p.out), x = m.q(6, 4L * p.batch * p.in);
        int nnz = geti(p.rowPtr, p.out);
        MemorySegment dw = m.q(7, 4L * nnz);
        long rows = Math.min(p.out, warps);
        for (int r = 0; r < rows; r++)
            for (int e = geti(p.rowPtr, r), end = geti(p.rowPtr, r + 1); e < end; e++) {
                int c = geti(p.colIdx, e);
                float s = 0f;
                for (int b = 0; b < p.batch; b++)
                    s = Math.fma(get(dy, transposed ? (long) r * p.batch + b : (long) b * p.out + r),
                            get(x, transposed ? (long) c * p.batch + b : (long) b * p.in + c), s);
                set(dw, e, s);
            }
    }

    /** lottery_csr_gather: values[e] = w[denseIndex[e]]; lottery_csr_scatter: dense[denseIndex[e]] = src[e]. */
    static void csrCopy(HostKernels.Mem m, boolean gather, long threads) {
        int nnz = m.i(0);
        MemorySegment index = m.q(1, 4L * nnz);
        long total = Math.min(nnz, threads);
        for (int e = 0; e < total; e++) {
            int k = geti(index, e);
            if (gather) set(m.q(3, 4L * nnz), e, get(m.q(2, 4L * (k + 1)), k));
            else set(m.q(3, 4L * (k + 1)), k, get(m.q(2, 4L * nnz), e));
        }
    }
}
