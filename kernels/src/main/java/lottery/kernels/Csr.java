package lottery.kernels;

/**
 * Compressed sparse rows of a masked weight matrix W ⊙ M, W: [rows, cols] row-major.
 * Row {@code r} holds the entries {@code rowPtr[r] .. rowPtr[r+1]-1}; entry {@code e} sits at column
 * {@code colIdx[e]}, has value {@code values[e]} and dense flat index {@code denseIndex[e] = r * cols + colIdx[e]}.
 * The structure (which entries exist) comes from the mask and is fixed; the values are refreshed
 * from the dense weights with {@link #gatherValues} after every optimizer step.
 */
public final class Csr {
    public final int rows;
    public final int cols;
    public final int[] rowPtr;
    public final int[] colIdx;
    public final int[] denseIndex;
    public final float[] values;
    private volatile Transpose transpose;

    private Csr(int rows, int cols, int[] rowPtr, int[] colIdx, int[] denseIndex, float[] values) {
        this.rows = rows;
        this.cols = cols;
        this.rowPtr = rowPtr;
        this.colIdx = colIdx;
        this.denseIndex = denseIndex;
        this.values = values;
    }

    /** The pattern of {@code mask}, with values taken from {@code w} (w: [mask.rows, mask.cols]). */
    public static Csr of(float[] w, BitMask mask) {
        int[] dense = mask.keptIndices();
        int nnz = dense.length;
        int[] rowPtr = new int[mask.rows + 1];
        int[] colIdx = new int[nnz];
        for (int e = 0; e < nnz; e++) {
            rowPtr[dense[e] / mask.cols + 1]++;
            colIdx[e] = dense[e] % mask.cols;
        }
        for (int r = 0; r < mask.rows; r++) rowPtr[r + 1] += rowPtr[r];
        Csr csr = new Csr(mask.rows, mask.cols, rowPtr, colIdx, dense, new float[nnz]);
        if (w != null) csr.gatherValues(w);
        return csr;
    }

    public int nnz() { return values.length; }

    /** values[e] = w[denseIndex[e]]. */
    public void gatherValues(float[] w) {
        for (int e = 0; e < values.length; e++) values[e] = w[denseIndex[e]];
    }

    /** dense[denseIndex[e]] = src[e]; other entries untouched. */
    public void scatter(float[] src, float[] dense) {
        for (int e = 0; e < src.length; e++) dense[denseIndex[e]] = src[e];
    }

    /**
     * The same pattern indexed by column (compressed sparse columns of W, i.e. CSR of Wᵀ), built once
     * on first use and cached: structure only, values are read through {@link Transpose#entry}, so
     * {@link #gatherValues} needs no second copy.
     */
    public Transpose transpose() {
        Transpose t = transpose;
        if (t == null) transpose = t = new Transpose(this);
        return t;
    }

    /**
     * Column-major index of a {@link Csr} pattern: column {@code c} holds positions
     * {@code colPtr[c] .. colPtr[c+1]-1}; position {@code k} is row {@code rowIdx[k]} and CSR entry
     * {@code entry[k]} (its value is {@code values[entry[k]]}). Rows ascend within a column.
     */
    public static final class Transpose {
        public final int[] colPtr;
        public final int[] rowIdx;
        public final int[] entry;

        Transpose(Csr w) {
            int nnz = w.nnz();
            colPtr = new int[w.cols + 1];
            rowIdx = new int[nnz];
            entry = new int[nnz];
            for (int e = 0; e < nnz; e++) colPtr[w.colIdx[e] + 1]++;
            for (int c = 0; c < w.cols; c++) colPtr[c + 1] += colPtr[c];
            int[] next = java.util.Arrays.copyOf(colPtr, w.cols);
            for (int r = 0; r < w.rows; r++)
                for (int e = w.rowPtr[r]; e < w.rowPtr[r + 1]; e++) {
                    int k = next[w.colIdx[e]]++;
                    rowIdx[k] = r;
                    entry[k] = e;
                }
        }
    }

    /** Bytes of structure and values: what a sparse kernel reads besides the activations. */
    public long bytes() { return 4L * (rowPtr.length + colIdx.length + values.length); }
}
