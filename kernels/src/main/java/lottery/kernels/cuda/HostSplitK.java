package lottery.kernels.cuda;

import java.lang.foreign.MemorySegment;

import static lottery.kernels.cuda.HostKernels.SK_TILE;
import static lottery.kernels.cuda.HostKernels.bit;
import static lottery.kernels.cuda.HostKernels.get;
import static lottery.kernels.cuda.HostKernels.maskBytes;
import static lottery.kernels.cuda.HostKernels.set;

/** gemm_small.cu in Java: split-k partial products over 32×32 tiles, and their reduction. */
final class HostSplitK {
    private HostSplitK() {}

    /** P[s, i, j] = Σ_{p in slice s} op(A)[i, p]·op(B⊙maskB)[p, j] for the tiles and slices the grid covers. */
    static void partials(HostKernels.Mem m, boolean ta, boolean tb, int gridX, int gridY) {
        int M = m.i(0), N = m.i(1), K = m.i(2), chunk = m.i(3), lda = m.i(5), ldb = m.i(7), maskBWords = m.i(9);
        if (chunk < 1) throw new IllegalArgumentException("split-k chunk must be positive, got " + chunk);
        int tilesM = (M + SK_TILE - 1) / SK_TILE, slices = gridY / Math.max(1, tilesM);
        int aRows = ta ? K : M, bRows = tb ? N : K;
        MemorySegment A = m.q(4, 4L * ((long) (aRows - 1) * lda + (ta ? M : K)));
        MemorySegment B = m.q(6, 4L * ((long) (bRows - 1) * ldb + (tb ? K : N)));
        MemorySegment maskB = m.p(8, maskBytes(bRows, maskBWords));
        int rows = Math.min(M, tilesM * SK_TILE), cols = Math.min(N, gridX * SK_TILE);
        MemorySegment P = m.q(10, 4L * slices * M * N);
        for (int s = 0; s < slices; s++) {
            int k0 = s * chunk, k1 = Math.min(K, k0 + chunk);
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < cols; j++) {
                    float acc = 0f;
                    for (int p = k0; p < k1; p++) {
                        float av = get(A, ta ? (long) p * lda + i : (long) i * lda + p);
                        int br = tb ? j : p, bc = tb ? p : j;
                        float bv = maskB != null && !bit(maskB, maskBWords, br, bc) ? 0f : get(B, (long) br * ldb + bc);
                        acc = Math.fma(av, bv, acc);
                    }
                    set(P, ((long) s * M + i) * N + j, acc);
                }
        }
    }

    /** C[i, j] = alpha·Σ_s P[s, i, j] + beta·C[i, j], or 0 where maskC is 0 (one thread per element). */
    static void reduce(HostKernels.Mem m, long threads) {
        int M = m.i(0), N = m.i(1), slices = m.i(2), ldc = m.i(7), maskCWords = m.i(9);
        float alpha = m.f(4), beta = m.f(5);
        if (M == 0 || N == 0) return;
        MemorySegment P = m.q(3, 4L * slices * M * N), C = m.q(6, 4L * ((long) (M - 1) * ldc + N)), maskC = m.p(8, maskBytes(M,
                maskCWords));
        long total = Math.min((long) M * N, threads);
        for (long t = 0; t < total; t++) {
            int i = (int) (t / N), j = (int) (t % N);
            long at = (long) i * ldc + j;
            if (maskC != null && !bit(maskC, maskCWords, i, j)) { set(C, at, 0f); continue; }
            float s = 0f;
            for (int q = 0; q < slices; q++) s += get(P, ((long) q * M + i) * N + j);
            float v = alpha * s;
            set(C, at, beta == 0f ? v : Math.fma(beta, get(C, at), v));
        }
    }
}
