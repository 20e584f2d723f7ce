package lottery.kernels.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import lottery.kernels.BitMask;
import lottery.kernels.VectorWidth;

/**
 * Packs a full NR-column panel of op(B) = Bᵀ, B stored [n, k] (the weight of a forward product
 * Y = X·Wᵀ): a transpose. Each packed k step is one gather of NR floats, one from each of the
 * panel's NR rows of B. With a mask (shape [n, k]) the NR rows are first copied with masked
 * vector loads (the mask bits of a row are contiguous in k) into a scratch block, and the gather
 * reads from there.
 * <pre>
 *   dst[d + p·NR + c] = B[j + c, p0 + p] · mask(j + c, p0 + p)     p in [0, kc), c in [0, NR)
 * </pre>
 */
final class PackBTransposed {
    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    private static final int L = S.length();

    private PackBTransposed() {}

    /** True when a panel of width nr can be packed here (whole vectors of the gather species). */
    static boolean fits(int nr) { return nr % L == 0; }

    /** src: index of B[j, p0]; stride ldb between rows. */
    static void pack(float[] b, int src, int ldb, int kc, int nr, float[] dst, int d, Workspace ws) {
        int[] index = ws.gatherIndex(nr, ldb);
        gather(b, src, index, kc, nr, dst, d);
    }

    static void packMasked(float[] b, int src, int ldb, BitMask mask, int j, int p0, int kc, int nr, float[] dst, int d, Workspace ws) {
        int ld = Blocking.roundUp(kc, L);
        float[] rows = ws.scratch(nr * ld);
        MaskedRows.copy(b, src, ldb, mask, j, p0, nr, kc, rows, ld);
        gather(rows, 0, ws.gatherIndex(nr, ld), kc, nr, dst, d);
    }

    private static void gather(float[] x, int src, int[] index, int kc, int nr, float[] dst, int d) {
        for (int p = 0; p < kc; p++) {
            int o = d + p * nr;
            for (int v = 0; v < nr; v += L) FloatVector.fromArray(S, x, src + p, index, v).intoArray(dst, o + v);
        }
    }
}
