package lottery.kernels.gemm;

/**
 * Cache blocking: KC so a B micro-panel [KC, NR] stays in L1, MC so the packed A block [MC, KC]
 * stays in L2, NC so the packed B block [KC, NC] stays in L3. Each dimension is cut into equal
 * blocks (k = 784 becomes 4 × 196, not 256 + 256 + 256 + 16), rounded up to the register tile.
 */
final class Blocking {
    static final int KC_MAX = 256;
    static final int MC_MAX = 192;
    static final int NC_MAX = 3072;

    private Blocking() {}

    /** Size of each of the equal blocks that cover {@code extent} with blocks of at most {@code max}, rounded up to {@code unit}. */
    static int equalBlock(int extent, int max, int unit) {
        if (extent <= 0) return unit;
        int blocks = (extent + max - 1) / max;
        int size = (extent + blocks - 1) / blocks;
        return roundUp(size, unit);
    }

    static int roundUp(int x, int unit) { return (x + unit - 1) / unit * unit; }
}
