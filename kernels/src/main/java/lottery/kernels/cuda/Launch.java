package lottery.kernels.cuda;

/** Kernel arguments in declaration order, and the launch on the context's stream. */
final class Launch {
    static final int BLOCK = 256;
    /** Grid-stride kernels need no more blocks than this to fill any current GPU. */
    static final int MAX_STRIDE_BLOCKS = 1 << 16;

    private final KernelArgs args = new KernelArgs();

    Launch i(int v) { args.i(v); return this; }

    Launch f(float v) { args.f(v); return this; }

    /** A device pointer argument: the buffer's first element, or NULL for a null buffer. */
    Launch p(DeviceBuffer b) { args.p(b == null ? 0 : b.address()); return this; }

    /** A device pointer {@code elements} 4-byte elements into the buffer. */
    Launch p(DeviceBuffer b, long elements) { args.p(b.at(elements)); return this; }

    /** A mask argument pair: its words (NULL for no mask) and words per row (0). */
    Launch mask(DeviceMask m) { args.p(m == null ? 0 : m.address()); args.i(m == null ? 0 : m.wordsPerRow); return this; }

    /** Blocks of {@link #BLOCK} threads covering {@code threads}. */
    static int blocks(long threads) {
        long b = (threads + BLOCK - 1) / BLOCK;
        if (b > Integer.MAX_VALUE) throw new IllegalArgumentException("launch of " + threads + " threads is too large");
        return (int) Math.max(1, b);
    }

    /** Blocks for a grid-stride loop over {@code n} elements. */
    static int strideBlocks(long n) { return (int) Math.min(blocks(n), MAX_STRIDE_BLOCKS); }

    void run(CudaContext ctx, String kernel, int gridX, int gridY, int block) { ctx.launch(kernel, gridX, gridY, block, args); }

    void run(CudaContext ctx, String kernel, int gridX) { run(ctx, kernel, gridX, 1, BLOCK); }
}
