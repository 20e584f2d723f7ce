package lottery.bench;

import lottery.kernels.BitMask;

import java.util.SplittableRandom;

/**
 * How pruned weights are laid out: unstructured random, or whole blocks of bh×bw weights kept or pruned.
 * Each pattern keeps exactly round(density · size) weights (blocks: round(density · blocks) blocks), at least one.
 */
public interface MaskPattern {
    String label();

    BitMask make(int rows, int cols, double density, long seed);

    MaskPattern RANDOM = new MaskPattern() {
        @Override public String label() { return "random"; }

        @Override public BitMask make(int rows, int cols, double density, long seed) {
            BitMask mask = new BitMask(rows, cols);
            for (int idx : choose(rows * cols, density, seed)) mask.set(idx / cols, idx % cols, true);
            return mask;
        }
    };

    /** Blocks of bh rows × bw columns; edge blocks are clipped to the matrix. */
    static MaskPattern blocks(int bh, int bw) {
        return new MaskPattern() {
            @Override public String label() { return "block" + bh + "x" + bw; }

            @Override public BitMask make(int rows, int cols, double density, long seed) {
                int br = (rows + bh - 1) / bh, bc = (cols + bw - 1) / bw;
                BitMask mask = new BitMask(rows, cols);
                for (int b : choose(br * bc, density, seed)) {
                    int r0 = (b / bc) * bh, c0 = (b % bc) * bw;
                    for (int i = r0; i < Math.min(rows, r0 + bh); i++)
                        for (int j = c0; j < Math.min(cols, c0 + bw); j++) mask.set(i, j, true);
                }
                return mask;
            }
        };
    }

    static MaskPattern parse(String s) {
        return switch (s.trim()) {
            case "random" -> RANDOM;
            case "block4x4" -> blocks(4, 4);
            case "block1x8" -> blocks(1, 8);
            default -> throw new IllegalArgumentException("unknown pattern '" + s + "'; use random, block4x4 or block1x8");
        };
    }

    /** Exactly max(1, round(density · n)) distinct indices of 0..n-1 (partial Fisher-Yates, seeded). */
    static int[] choose(int n, double density, long seed) {
        int keep = (int) Math.max(1, Math.min(n, Math.round(density * n)));
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < keep; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = idx[i]; idx[i] = idx[j]; idx[j] = t;
        }
        return java.util.Arrays.copyOf(idx, keep);
    }
}
