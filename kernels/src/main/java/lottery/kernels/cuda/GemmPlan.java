package lottery.kernels.cuda;

/**
 * How a GEMM of shape m×n×k is launched. The 128×128-tile kernel fills a GPU only when C has
 * enough tiles: the LeNet forward product 60×300×784 has 3, for 132 SMs. Below {@link #SMALL}
 * tiles the product runs on 32×32 tiles (16 times as many blocks) and, when k is long, k is split
 * into slices computed by separate blocks, so that about {@link #TARGET_BLOCKS} blocks run; a second
 * kernel sums the slices in order (deterministic, no atomics) and applies alpha, beta and maskC.
 *
 * @param slices 0 for the large-tile kernel, else the number of k slices (1 = no split)
 * @param chunk  k per slice, a multiple of the 16-wide k step
 */
public record GemmPlan(int slices, int chunk, int tilesM, int tilesN) {
    /** Tile edges of gemm.cu and gemm_small.cu. */
    public static final int TILE = 128, SMALL_TILE = 32, K_STEP = 16;
    /** Products with fewer 128×128 tiles than this use the small-tile kernels. */
    public static final int SMALL = 64;
    /** Blocks the split aims for: about two per SM on a 132-SM H100/H200. */
    public static final int TARGET_BLOCKS = 256;
    /** No slice is shorter than this (shorter ones cost more in partial sums than they gain). */
    public static final int MIN_CHUNK = 64;
    /** The partial sums of all slices take at most this many floats (64 MiB). */
    public static final long MAX_PARTIAL_FLOATS = 1L << 24;

    public static GemmPlan of(int m, int n, int k) {
        long tiles = (long) ceil(m, TILE) * ceil(n, TILE);
        return tiles >= SMALL || k == 0 ? LARGE : small(m, n, k);
    }

    /** The 128×128-tile kernel. */
    public static final GemmPlan LARGE = new GemmPlan(0, 0, 0, 0);

    /** The 32×32-tile kernel with k split for about {@link #TARGET_BLOCKS} blocks, whatever the shape (k ≥ 1). */
    public static GemmPlan small(int m, int n, int k) {
        if (k < 1) throw new IllegalArgumentException("the split-k kernel needs k >= 1, got " + k);
        int tilesM = ceil(m, SMALL_TILE), tilesN = ceil(n, SMALL_TILE);
        int want = Math.max(1, ceil(TARGET_BLOCKS, tilesM * tilesN));
        long maxSlices = Math.max(1, MAX_PARTIAL_FLOATS / ((long) m * n));  // bounds the partial-sum workspace
        int slices = (int) Math.max(1, Math.min(Math.min(want, k / MIN_CHUNK), maxSlices));
        int chunk = ceil(ceil(k, slices), K_STEP) * K_STEP;
        return new GemmPlan(ceil(k, chunk), chunk, tilesM, tilesN);
    }

    private static int ceil(int a, int b) { return (a + b - 1) / b; }
}
