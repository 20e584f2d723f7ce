package lottery.kernels.structured;

import lottery.kernels.VectorWidth;

/**
 * How the structured kernels cover a batch row of {@code batch} floats (batch ≥ L) with whole vectors and
 * no masked access: a chunk {@code [b, end)} of up to W vectors is covered by slots at offsets
 * {@code min(b + jL, end - L)}, so a short last chunk ends with slots that overlap inside the chunk. A
 * chunk never holds less than one vector (the one before it gives way), so no slot reaches back into a
 * chunk already written. Kernels read every slot they write before writing any (overlapping lanes then
 * store the same value) and weight the lanes of sums with {@link #WEIGHTS} so each lane counts once.
 */
final class Slots {
    static final int L = VectorWidth.FLOAT.length();
    /** L zeros then L ones: a vector loaded at offset z has lanes {@code i < L - z} zero, the rest one. */
    static final float[] WEIGHTS = new float[2 * L];

    static {
        for (int i = L; i < 2 * L; i++) WEIGHTS[i] = 1f;
    }

    private Slots() {}

    /** End of the chunk of up to {@code vectors} vectors that starts at b (one vector fewer when the rest would leave less than one). */
    static int end(int b, int batch, int vectors) {
        int rest = batch - b, width = vectors * L;
        if (vectors > 1 && rest > width && rest < width + L) return b + width - L;
        return Math.min(b + width, batch);
    }

    /** Offset of slot j of the chunk [b, end). */
    static int offset(int b, int end, int j) { return Math.min(b + j * L, end - L); }

    /** Offset into {@link #WEIGHTS} for slot j of [b, end): the lanes the slot before it already covered weigh 0. */
    static int weightOffset(int b, int end, int j) {
        if (j == 0) return L;
        int covered = offset(b, end, j - 1) + L - offset(b, end, j);
        return L - Math.max(0, Math.min(L, covered));
    }
}
