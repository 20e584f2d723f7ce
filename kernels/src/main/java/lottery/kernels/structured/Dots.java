package lottery.kernels.structured;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import lottery.kernels.VectorWidth;

/**
 * The dot product of two batch rows for the structured backward-weights products. Lanes are summed
 * in a fixed halving order written out here (lane i += lane i + L/2, ..., then lanes 0 and 1), not
 * with {@code reduceLanes}, whose order differs between the interpreter and C2; the shuffles are
 * static finals. Takes and returns only arrays and floats.
 */
final class Dots {
    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    private static final int L = S.length();
    // lane i takes lane i + h (wrapping; only the low lanes' sums are read); the identity where h is not below L (unused)
    private static final VectorShuffle<Float> H8 = VectorShuffle.iota(S, L > 8 ? 8 : 0, 1, true),
            H4 = VectorShuffle.iota(S, L > 4 ? 4 : 0, 1, true), H2 = VectorShuffle.iota(S, 2, 1, true);

    private Dots() {}

    /** a[ao + b] · c[co + b] over b in [0, b1), in blocks of four vectors below b4, then single vectors; summed across lanes in order. */
    static float dot(float[] a, int ao, float[] c, int co, int b4, int b1) {
        FloatVector p0 = FloatVector.zero(S), p1 = p0, p2 = p0, p3 = p0;
        int b = 0;
        for (; b < b4; b += 4 * L) {
            p0 = FloatVector.fromArray(S, a, ao + b).fma(FloatVector.fromArray(S, c, co + b), p0);
            p1 = FloatVector.fromArray(S, a, ao + b + L).fma(FloatVector.fromArray(S, c, co + b + L), p1);
            p2 = FloatVector.fromArray(S, a, ao + b + 2 * L).fma(FloatVector.fromArray(S, c, co + b + 2 * L), p2);
            p3 = FloatVector.fromArray(S, a, ao + b + 3 * L).fma(FloatVector.fromArray(S, c, co + b + 3 * L), p3);
        }
        for (; b < b1; b += L) p0 = FloatVector.fromArray(S, a, ao + b).fma(FloatVector.fromArray(S, c, co + b), p0);
        FloatVector p = p0.add(p1).add(p2.add(p3));
        if (L >= 16) p = p.add(p.rearrange(H8));
        if (L >= 8) p = p.add(p.rearrange(H4));
        p = p.add(p.rearrange(H2));
        return p.lane(0) + p.lane(1);
    }
}
