package lottery.kernels.gemm;

import lottery.kernels.BitMask;

/**
 * The five loops around the micro-kernel for one thread's share C[i0:i1, j0:j1]:
 * <pre>
 *   for jc (NC columns)                  B block  [kc, nc]  packed once, reused by every A block
 *     for pc (KC, equal k blocks)        beta applies on the first k block, later blocks add
 *       for ic (MC rows)                 A block  [mc, kc]  packed into MR-row panels (L2)
 *         for jr (NR columns)            B panel  [kc, NR]  (L1)
 *           for ir (MR rows)             micro-kernel on an [MR, NR] register tile
 * </pre>
 * When the share has few rows and B is stored [k, n], B panels are read in place (stride ldb)
 * instead of packed: each panel would be reused only a few times. A masked B is then packed one
 * panel at a time, just before its tiles, so the panel is still in L1 when the kernel reads it.
 * Edge tiles are computed into a temporary tile from zero-padded panels and merged into C.
 * With maskC, tiles whose mask bits are all zero are never computed and their C is set to 0.
 * A short share of A·Bᵀ goes to {@link TransposedGemm} instead (B read in place, no transpose of B).
 */
final class GemmLoops {
    /** Largest share height for which an unmasked [k, n] B is read in place. */
    static final int IN_PLACE_B_MAX_ROWS = 96;

    private GemmLoops() {}

    static void run(GemmCall g, int i0, int i1, int j0, int j1, Workspace ws) {
        if (TransposedGemm.applies(g, i1 - i0)) {
            TransposedGemm.run(g, i0, i1, j0, j1, ws);
            return;
        }
        MicroKernel kr = g.kernel;
        int MR = kr.mr(), NR = kr.nr();
        int kcB = Blocking.equalBlock(g.k, Blocking.KC_MAX, 4);
        int mcB = Blocking.equalBlock(i1 - i0, Blocking.MC_MAX, MR);
        int ncB = Blocking.equalBlock(j1 - j0, Blocking.NC_MAX, NR);
        boolean inPlaceB = !g.transB && i1 - i0 <= IN_PLACE_B_MAX_ROWS;
        float[] tile = ws.tile(MR * NR);
        for (int jc = j0; jc < j1; jc += ncB) {
            int nc = Math.min(ncB, j1 - jc);
            for (int pc = 0; pc < g.k; pc += kcB) {
                int kc = Math.min(kcB, g.k - pc);
                float betaK = pc == 0 ? g.beta : 1f;
                float[] bp = null;
                if (!inPlaceB) {
                    bp = ws.packedB(Blocking.roundUp(nc, NR) * kc);
                    PackB.pack(g.transB, g.b, g.bOff, g.ldb, g.maskB, pc, kc, jc, nc, NR, bp, 0, ws);
                }
                for (int ic = i0; ic < i1; ic += mcB) {
                    int mc = Math.min(mcB, i1 - ic);
                    float[] ap = ws.packedA(Blocking.roundUp(mc, MR) * kc);
                    PackA.pack(g.transA, g.a, g.aOff, g.lda, ic, mc, pc, kc, MR, ap);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr), j = jc + jr;
                        float[] bArr = bp;
                        int bi = jr * kc, bStride = NR;
                        if (inPlaceB) {
                            if (nr == NR && g.maskB == null) {
                                bArr = g.b;
                                bi = g.bOff + pc * g.ldb + j;
                                bStride = g.ldb;
                            } else {
                                bArr = ws.edgeB(kc * NR);
                                bi = 0;
                                PackB.pack(false, g.b, g.bOff, g.ldb, g.maskB, pc, kc, j, nr, NR, bArr, 0, ws);
                            }
                        }
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir), i = ic + ir;
                            int ci = g.cOff + i * g.ldc + j;
                            if (g.maskC != null) {
                                maskedTile(g, kr, kc, ap, ir * kc, bArr, bi, bStride, pc == 0, betaK, i, j, mr, nr, ci, tile);
                            } else if (mr == MR && nr == NR) {
                                kr.run(kc, ap, ir * kc, bArr, bi, bStride, betaK, g.c, ci, g.ldc);
                            } else {
                                kr.run(kc, ap, ir * kc, bArr, bi, bStride, 0f, tile, 0, NR);
                                merge(tile, NR, mr, nr, betaK, g.c, ci, g.ldc);
                            }
                        }
                    }
                }
            }
        }
    }

    // C tile [mr, nr] at (i, j) under maskC: skipped when no bit is set, else computed and merged.
    private static void maskedTile(GemmCall g, MicroKernel kr, int kc, float[] ap, int ai, float[] bArr, int bi, int bStride,
                                   boolean firstK, float betaK, int i, int j, int mr, int nr, int ci, float[] tile) {
        BitMask mask = g.maskC;
        int w = i * mask.wordsPerRow + (j >>> 6), shift = j & 63;
        long any = 0;
        for (int r = 0; r < mr; r++) any |= mask.words[w + r * mask.wordsPerRow] >>> shift;
        if ((any & lowBits(nr)) == 0) {
            if (firstK) zero(mr, nr, g.c, ci, g.ldc);
            return;
        }
        int NR = kr.nr();
        if (mr == kr.mr() && nr == NR) { // full tile: straight into C, then pruned outputs back to 0
            kr.run(kc, ap, ai, bArr, bi, bStride, betaK, g.c, ci, g.ldc);
            long full = lowBits(nr);
            for (int r = 0; r < mr; r++) {
                long bits = mask.words[w + r * mask.wordsPerRow] >>> shift;
                if ((bits & full) != full) MaskedMerge.zeroPruned(g.c, ci + r * g.ldc, bits, nr);
            }
            return;
        }
        kr.run(kc, ap, ai, bArr, bi, bStride, 0f, tile, 0, NR);
        for (int r = 0; r < mr; r++)
            MaskedMerge.row(tile, r * NR, mask.words[w + r * mask.wordsPerRow] >>> shift, nr, betaK, g.c, ci + r * g.ldc);
    }

    /** C[0:mr, 0:nr] = tile + beta·C (C not read when beta is 0). */
    static void merge(float[] tile, int ldt, int mr, int nr, float beta, float[] c, int ci, int ldc) {
        for (int r = 0; r < mr; r++) {
            int t = r * ldt, o = ci + r * ldc;
            if (beta == 0f) System.arraycopy(tile, t, c, o, nr);
            else for (int j = 0; j < nr; j++) c[o + j] = tile[t + j] + beta * c[o + j];
        }
    }

    private static void zero(int mr, int nr, float[] c, int ci, int ldc) {
        for (int r = 0; r < mr; r++) java.util.Arrays.fill(c, ci + r * ldc, ci + r * ldc + nr, 0f);
    }

    private static long lowBits(int nr) { return nr >= 64 ? -1L : (1L << nr) - 1; }
}
