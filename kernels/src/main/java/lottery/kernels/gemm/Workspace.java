package lottery.kernels.gemm;

/**
 * One thread's reusable GEMM buffers: the packed A block, the packed B block, one packed B panel for
 * edges read in place, a temporary C tile, the transposed result of {@link TransposedGemm}, and
 * the argument holder and parallel job of products this thread starts. Allocated on first use, grown when a bigger block
 * comes, never shrunk: steady-state calls allocate nothing.
 */
final class Workspace {
    private static final ThreadLocal<Workspace> CURRENT = ThreadLocal.withInitial(Workspace::new);

    final GemmCall call = new GemmCall();
    final ParallelGemm job = new ParallelGemm();
    float[] packedA = new float[0];
    float[] packedB = new float[0];
    float[] edgeB = new float[0];
    float[] tile = new float[0];
    float[] scratch = new float[0];
    float[] transposed = new float[0];
    private int[] gatherIndex = new int[0];
    private int[] index = new int[0];
    private int gatherStride = -1;

    static Workspace current() { return CURRENT.get(); }

    float[] packedA(int size) {
        if (packedA.length < size) packedA = new float[size];
        return packedA;
    }

    float[] packedB(int size) {
        if (packedB.length < size) packedB = new float[size];
        return packedB;
    }

    float[] edgeB(int size) {
        if (edgeB.length < size) edgeB = new float[size];
        return edgeB;
    }

    float[] scratch(int size) {
        if (scratch.length < size) scratch = new float[size];
        return scratch;
    }

    float[] transposed(int size) {
        if (transposed.length < size) transposed = new float[size];
        return transposed;
    }

    /** A scratch index array of at least count ints. */
    int[] index(int count) {
        if (index.length < count) index = new int[count];
        return index;
    }

    /** {0, stride, 2·stride, ...} for gathering one column of a row-major block, cached. */
    int[] gatherIndex(int count, int stride) {
        if (gatherIndex.length < count || gatherStride != stride) {
            if (gatherIndex.length < count) gatherIndex = new int[count];
            for (int c = 0; c < gatherIndex.length; c++) gatherIndex[c] = c * stride;
            gatherStride = stride;
        }
        return gatherIndex;
    }

    float[] tile(int size) {
        if (tile.length < size) tile = new float[size];
        return tile;
    }
}
