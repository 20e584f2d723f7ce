package lottery.kernels.gemm;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import lottery.kernels.Strided;
import lottery.kernels.VectorWidth;

/**
 * A short share of C = A·(B ⊙ maskB)ᵀ + beta·C, the forward product Y = X·Wᵀ of a layer, computed
 * as its transpose Cᵀ = B·Aᵀ: the weight B [n, k] is read in place, six rows at a time, by
 * {@link KernelRowsA}, and only the few rows of A [m, k] are packed (as Aᵀ panels, [kc, NR] each).
 * The obvious route, packing Bᵀ, transposes all of W on every call, which the few rows of A cannot
 * amortise. Cᵀ goes to a scratch block T [n, m] and is transposed into C at the end.
 * <pre>
 *   for pc (KC, equal k blocks)     pack A[i0:i1, pc:pc+kc] as Aᵀ panels of NR columns (gathers)
 *                                   B rows in place (a masked B, or the last n % 6 rows, copied once)
 *     for ir (NR rows of A)         the Aᵀ panel [kc, NR] stays in L1
 *       for jr (6 rows of B)        T[jr:jr+6, ir:ir+NR] (+)= B rows · Aᵀ panel
 *   C[i, j] = T[j, i] + beta·C[i, j]
 * </pre>
 */
final class TransposedGemm {
    /** Largest share height that takes this path: T stays small and A's panels stay in L2. */
    static final int MAX_ROWS = 256;
    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    private static final int L = S.length();
    private static final int MR = KernelRowsA.MR, NR = KernelRowsA.NR;

    private TransposedGemm() {}

    static boolean applies(GemmCall g, int rows) {
        return g.transB && !g.transA && g.maskC == null && rows <= MAX_ROWS;
    }

    static void run(GemmCall g, int i0, int i1, int j0, int j1, Workspace ws) {
        int m = i1 - i0, n = j1 - j0, nFull = n - n % MR;
        int mPad = Blocking.roundUp(m, NR);
        float[] t = ws.transposed(Blocking.roundUp(n, MR) * mPad);
        int kcB = Blocking.equalBlock(g.k, Blocking.KC_MAX, 4);
        for (int pc = 0; pc < g.k; pc += kcB) {
            int kc = Math.min(kcB, g.k - pc), ld = Blocking.roundUp(kc, MaskedRows.L);
            float[] ap = ws.packedB(mPad * kc);
            packTransposed(g.a, g.aOff + i0 * g.lda + pc, g.lda, m, kc, ap, ws);
            // B rows [j0, j1) of this k block: in place, or (masked, or the last rows past a multiple of 6) copied
            float[] b = g.b, edge = null;
            int bi = g.bOff + j0 * g.ldb + pc, ldb = g.ldb;
            if (g.maskB != null) {
                b = ws.scratch(Blocking.roundUp(n, MR) * ld);
                bi = 0;
                ldb = ld;
                copyRows(g, g.bOff + j0 * g.ldb + pc, j0, pc, n, Blocking.roundUp(n, MR), kc, b, ld);
            } else if (nFull < n) {
                edge = ws.edgeB(MR * ld);
                copyRows(g, g.bOff + (j0 + nFull) * g.ldb + pc, j0 + nFull, pc, n - nFull, MR, kc, edge, ld);
            }
            boolean accumulate = pc > 0;
            for (int ir = 0; ir < m; ir += NR) { // one Aᵀ panel stays in L1 while every row block of B streams past
                for (int jr = 0; jr < nFull || (edge == null && jr < n); jr += MR)
                    KernelRowsA.run(kc, b, bi + jr * ldb, ldb, ap, ir * kc, accumulate, t, jr * mPad + ir, mPad);
                if (edge != null) KernelRowsA.run(kc, edge, 0, ld, ap, ir * kc, accumulate, t, nFull * mPad + ir, mPad);
            }
        }
        // C[i, j] = T[j, i] + beta·C[i, j] (C not read when beta is 0), in cache tiles
        Strided.copy2d(m, n, t, 0, 1, mPad, g.beta, g.c, g.cOff + i0 * g.ldc + j0, g.ldc, 1);
    }

    /**
     * Aᵀ panels of A[0:m, 0:kc] (src: index of A[0, 0], rows lda apart): dst[(i / NR)·kc·NR + p·NR + i % NR] = A[i, p],
     * one gather of L rows per vector. Columns past m repeat row m - 1 (they land in T's padding, never read).
     */
    private static void packTransposed(float[] a, int src, int lda, int m, int kc, float[] dst, Workspace ws) {
        int[] index = ws.index(NR);
        for (int ip = 0; ip < m; ip += NR) {
            for (int c = 0; c < NR; c++) index[c] = Math.min(ip + c, m - 1) * lda;
            int d = ip * kc;
            for (int p = 0; p < kc; p++)
                for (int v = 0; v < NR; v += L) FloatVector.fromArray(S, a, src + p, index, v).intoArray(dst, d + p * NR + v);
        }
    }

    // rows [0, rows) of B ⊙ mask from src into dst [padRows, ld]; rows [rows, padRows) zero.
    private static void copyRows(GemmCall g, int src, int row0, int p0, int rows, int padRows, int kc, float[] dst, int ld) {
        if (g.maskB != null) MaskedRows.copy(g.b, src, g.ldb, g.maskB, row0, p0, rows, kc, dst, ld);
        else for (int r = 0; r < rows; r++) System.arraycopy(g.b, src + r * g.ldb, dst, r * ld, kc);
        for (int r = rows; r < padRows; r++) Arrays.fill(dst, r * ld, r * ld + kc, 0f);
    }
}
