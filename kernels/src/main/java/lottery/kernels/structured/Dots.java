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

    /** a[ao + i] · c[co + i] over i in [0, batch), batch ≥ L: chunks of four slots ({@link Slots}), each lane counted once. */
    static float dot(float[] a, int ao, float[] c, int co, int batch) {
        FloatVector p0 = FloatVector.zero(S), p1 = p0, p2 = p0, p3 = p0;
        for (int b = 0, end; b < batch; b = end) {
            end = Slots.end(b, batch, 4);
            int o0 = Slots.offset(b, end, 0), o1 = Slots.offset(b, end, 1), o2 = Slots.offset(b, end, 2), o3 = Slots.offset(b, end, 3);
            int z1 = Slots.weightOffset(b, end, 1), z2 = Slots.weightOffset(b, end, 2), z3 = Slots.weightOffset(b, end, 3);
            p0 = FloatVector.fromArray(S, a, ao + o0).fma(FloatVector.fromArray(S, c, co + o0), p0);
            p1 = FloatVector.fromArray(S, a, ao + o1).mul(FloatVector.fromArray(S, Slots.WEIGHTS, z1))
                    .fma(FloatVector.fromArray(S, c, co + o1), p1);
            p2 = FloatVector.fromArray(S, a, ao + o2).mul(FloatVector.fromArray(S, Slots.WEIGHTS, z2))
                    .fma(FloatVector.fromArray(S, c, co + o2), p2);
            p3 = FloatVector.fromArray(S, a, ao + o3).mul(FloatVector.fromArray(S, Slots.WEIGHTS, z3))
                    .fma(FloatVector.fromArray(S, c, co + o3), p3);
        }
        FloatVector p = p0.add(p1).add(p2.add(p3));
        if (L >= 16) p = p.add(p.rearrange(H8));
        if (L >= 8) p = p.add(p.rearrange(H4));
        p = p.add(p.rearrange(H2));
        return p.lane(0) + p.lane(1);
    }

    /** The same dot in scalar code, for batch < L. */
    static float scalarDot(float[] a, int ao, float[] c, int co, int batch) {
        float s = 0f;
        for (int i = 0; i < batch; i++) s += a[ao + i] * c[co + i];
        return s;
    }
}
