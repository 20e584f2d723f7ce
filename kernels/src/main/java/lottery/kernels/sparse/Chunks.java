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

    /**
     * Floats of the streamed matrix a panel may cover: the kernels walk the batch in panels of consecutive chunks, each
     * panel through all rows before the next, so the streamed rows' panel columns (srcRows x width floats) stay in the
     * L2 cache while every output row reuses them. Without panels a batch of 61,440 (a lowered conv layer) streamed each
     * source row from memory once per nonzero.
     */
    static final int PANEL_FLOATS = 64 * 1024;

    /** Panel width for {@code srcRows} streamed rows: a multiple of {@link #BLOCK}, at least one chunk. */
    static int panelWidth(long srcRows) {
        long w = PANEL_FLOATS / Math.max(1, srcRows);
        return (int) Math.max(BLOCK, w - w % BLOCK);
    }

    /** End of the panel that starts at chunk boundary p0: whole chunks until it spans {@code width} floats or the batch ends. */
    static int panelEnd(int p0, int batch, int width) {
        int e = p0;
        do e = end(e, batch); while (e < batch && e - p0 < width);
        return e;
    }

    /** Offset of slot j of chunk [b, end). */
    static int offset(int b, int end, int j) { return Math.min(b + j * L, end - L); }

    /** Offset into {@link #WEIGHTS} that keeps only the lanes of slot j not covered by slots before it. */
    static int weightOffset(int b, int end, int j) {
        int first = b + j * L;
        return first >= end ? 0 : L - (first - offset(b, end, j));
    }
}
