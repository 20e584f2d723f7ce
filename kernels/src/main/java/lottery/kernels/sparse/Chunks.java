package lottery.kernels.sparse;

import jdk.incubator.vector.VectorSpecies;
import lottery.kernels.VectorWidth;

/**
 * How the kernels walk a batch row of {@code batch} floats (batch ≥ L) with four vectors at a time and
 * no masked memory access: a chunk {@code [b, end)} is covered by vector slots at offsets
 * {@code min(b + jL, end - L)}, j = 0..3, so a short last chunk ends with overlapping or repeated slots
 * that stay inside the chunk. Writes of the same lane from two slots store the same value; sums use a
 * 0/1 lane weight ({@link #weightOffset}) so every lane counts once.
 */
final class Chunks {
    /** The kernels' species: the machine's preferred width, or the one {@link VectorWidth} forces (e.g. to test AVX2 paths). */
    static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    static final int L = S.length();
    static final int BLOCK = 4 * L;
    /** L zeros then L ones: a vector loaded at offset z has lanes {@code i < L - z} zero, the rest one. */
    static final float[] WEIGHTS = new float[2 * L];

    static {
        for (int i = L; i < 2 * L; i++) WEIGHTS[i] = 1f;
    }

    private Chunks() {}

    /** End of the chunk that starts at b: four vectors, or two when the rest would leave less than one vector. */
    static int end(int b, int batch) {
        int rest = batch - b;
        if (rest > BLOCK && rest < BLOCK + L) return b + 2 * L;
        return Math.min(b + BLOCK, batch);
    }

    /** Offset of slot j of chunk [b, end). */
    static int offset(int b, int end, int j) { return Math.min(b + j * L, end - L); }

    /** Offset into {@link #WEIGHTS} that keeps only the lanes of slot j not covered by slots before it. */
    static int weightOffset(int b, int end, int j) {
        int first = b + j * L;
        return first >= end ? 0 : L - (first - offset(b, end, j));
    }
}
