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
    // One static final per halving step: C2 treats static finals as constants, so every rearrange below is compiled
    // to a vector permute. Shuffles read from an array are not constants; whether those compile then depends on type
    // profiles that other Vector API code can pollute, and the fallback is 10-100x slower.
    private static final VectorShuffle<Float> H512_8 = half(FloatVector.SPECIES_512, 8), H512_4 = half(FloatVector.SPECIES_512, 4),
            H512_2 = half(FloatVector.SPECIES_512, 2), H512_1 = half(FloatVector.SPECIES_512, 1);
    private static final VectorShuffle<Float> H256_4 = half(FloatVector.SPECIES_256, 4), H256_2 = half(FloatVector.SPECIES_256, 2),
            H256_1 = half(FloatVector.SPECIES_256, 1);
    private static final VectorShuffle<Float> H128_2 = half(FloatVector.SPECIES_128, 2), H128_1 = half(FloatVector.SPECIES_128, 1);

    private Lanes() {}

    /** Σ lanes of v, in the fixed halving order. */
    public static float sum(FloatVector v) {
        return switch (v.length()) {
            case 16 -> {
                v = v.add(v.rearrange(H512_8));
                v = v.add(v.rearrange(H512_4));
                v = v.add(v.rearrange(H512_2));
                yield v.add(v.rearrange(H512_1)).lane(0);
            }
            case 8 -> {
                v = v.add(v.rearrange(H256_4));
                v = v.add(v.rearrange(H256_2));
                yield v.add(v.rearrange(H256_1)).lane(0);
            }
            case 4 -> {
                v = v.add(v.rearrange(H128_2));
                yield v.add(v.rearrange(H128_1)).lane(0);
            }
            default -> sequential(v);
        };
    }

    private static float sequential(FloatVector v) {
        float s = 0f;
        for (int i = 0; i < v.length(); i++) s += v.lane(i);
        return s;
    }

    /** Lane i takes lane i + half (wrapping; only lane 0's sum is read). */
    private static VectorShuffle<Float> half(VectorSpecies<Float> species, int half) {
        return VectorShuffle.iota(species, half, 1, true);
    }
}
