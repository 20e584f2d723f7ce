package lottery.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Horizontal sums in a fixed order. {@code reduceLanes(ADD)} on floats leaves the order of the
 * additions to the implementation, and the interpreter and the JIT-compiled code pick different
 * orders, so the same call could return different last bits before and after warm-up. Here the
 * order is always the same halving tree: lane i += lane i + L/2, then i + L/4, ..., then lane 0 —
 * each step an ordinary lane-wise IEEE add, identical in every execution tier. This keeps training
 * bit-reproducible for a given seed and thread count.
 */
public final class Lanes {
    private static final VectorShuffle<Float>[] S512 = halvings(FloatVector.SPECIES_512);
    private static final VectorShuffle<Float>[] S256 = halvings(FloatVector.SPECIES_256);
    private static final VectorShuffle<Float>[] S128 = halvings(FloatVector.SPECIES_128);

    private Lanes() {}

    /** Σ lanes of v, in the fixed halving order. */
    public static float sum(FloatVector v) {
        return switch (v.length()) {
            case 16 -> tree(v, S512);
            case 8 -> tree(v, S256);
            case 4 -> tree(v, S128);
            default -> sequential(v);
        };
    }

    private static float tree(FloatVector v, VectorShuffle<Float>[] halves) {
        for (VectorShuffle<Float> h : halves) v = v.add(v.rearrange(h));
        return v.lane(0);
    }

    private static float sequential(FloatVector v) {
        float s = 0f;
        for (int i = 0; i < v.length(); i++) s += v.lane(i);
        return s;
    }

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] halvings(VectorSpecies<Float> species) {
        int n = Integer.numberOfTrailingZeros(species.length());
        VectorShuffle<Float>[] out = new VectorShuffle[n];
        for (int i = 0, half = species.length() >> 1; half > 0; i++, half >>= 1)
            out[i] = VectorShuffle.iota(species, half, 1, true);
        return out;
    }
}
