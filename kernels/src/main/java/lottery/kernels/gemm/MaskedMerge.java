package lottery.kernels.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import lottery.kernels.VectorWidth;

/**
 * Writes one row of a computed tile into C under an output mask: kept outputs get
 * tile + beta·C (C not read when beta is 0), pruned outputs get exactly 0; or zeroes the
 * pruned outputs of a row the micro-kernel already wrote. Whole vectors use a
 * blend with zero driven by the mask bits; the rest of the row is scalar.
 */
final class MaskedMerge {
    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    private static final int L = S.length();
    private static final FloatVector ZERO = FloatVector.zero(S);

    private MaskedMerge() {}

    /** C[o : o+nr] from tile[t : t+nr]; bit c of {@code bits} keeps column c. */
    static void row(float[] tile, int t, long bits, int nr, float beta, float[] c, int o) {
        int j = 0;
        for (; j + L <= nr && j + L <= 64; j += L, bits >>>= L) {
            FloatVector v = FloatVector.fromArray(S, tile, t + j);
            if (beta == 1f) v = v.add(FloatVector.fromArray(S, c, o + j));
            else if (beta != 0f) v = FloatVector.fromArray(S, c, o + j).fma(FloatVector.broadcast(S, beta), v);
            ZERO.blend(v, VectorMask.fromLong(S, bits)).intoArray(c, o + j);
        }
        for (; j < nr; j++, bits >>>= 1) {
            float v = beta == 0f ? tile[t + j] : tile[t + j] + beta * c[o + j];
            c[o + j] = (bits & 1L) != 0 ? v : 0f;
        }
    }

    /** C[o : o+nr] = 0 where bit c of {@code bits} is 0, untouched elsewhere. */
    static void zeroPruned(float[] c, int o, long bits, int nr) {
        int j = 0;
        for (; j + L <= nr && j + L <= 64; j += L, bits >>>= L)
            ZERO.blend(FloatVector.fromArray(S, c, o + j), VectorMask.fromLong(S, bits)).intoArray(c, o + j);
        for (; j < nr; j++, bits >>>= 1)
            if ((bits & 1L) == 0) c[o + j] = 0f;
    }
}
