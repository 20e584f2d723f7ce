package lottery.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float vector species of the CPU kernels: the machine's preferred one (512-bit on AVX-512,
 * 256-bit on AVX2), or the width the system property {@code lottery.vectorBits} (128, 256 or 512)
 * forces, e.g. {@code -Dlottery.vectorBits=256} to run the AVX2 code paths on an AVX-512 machine.
 * Kernels copy it into their own static finals so the Vector API code is intrinsified.
 */
public final class VectorWidth {
    /** The system property that forces the width. */
    public static final String PROPERTY = "lottery.vectorBits";
    public static final VectorSpecies<Float> FLOAT = species(Integer.getInteger(PROPERTY, 0));

    private VectorWidth() {}

    static VectorSpecies<Float> species(int bits) {
        return switch (bits) {
            case 0 -> FloatVector.SPECIES_PREFERRED;
            case 128 -> FloatVector.SPECIES_128;
            case 256 -> FloatVector.SPECIES_256;
            case 512 -> FloatVector.SPECIES_512;
            default -> throw new IllegalArgumentException(PROPERTY + "=" + bits + ": use 128, 256 or 512 (or leave it unset)");
        };
    }
}
