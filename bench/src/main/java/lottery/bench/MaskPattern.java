package lottery.bench;

import lottery.kernels.BitMask;

import java.util.SplittableRandom;

/**
 * How pruned weights are laid out: unstructured random, whole blocks of bh×bw weights kept or pruned, or N:M
 * (in every group of M consecutive weights of a row, N kept at random). Random and block patterns keep exactly
 * round(density · size) weights (blocks: round(density · blocks) blocks), at least one; {@code nm:M} keeps
 * N = max(1, round(density · M)) per group, {@code nm:N:M} always N (whatever the density).
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

    /**
     * N:M: {@code n} weights kept at random in every group of {@code m} columns (min(n, g) in a short last group); n = 0: from
     * the density.
     */
    static MaskPattern nm(int n, int m) {
        if (m < 2 || m > 64 || n < 0 || n > m) throw new IllegalArgumentException("N:M pattern needs 0 < N <= M <= 64, got " + n + ":" + m);
        return new MaskPattern() {
            @Override public String label() { return n == 0 ? "nm" + m : "nm" + n + "x" + m; }

            @Override public BitMask make(int rows, int cols, double density, long seed) {
                int keep = n > 0 ? n : (int) Math.max(1, Math.min(m, Math.round(density * m)));
                BitMask mask = new BitMask(rows, cols);
                SplittableRandom rnd = new SplittableRandom(seed);
                int[] pos = new int[m];
                for (int i = 0; i < rows; i++)
                    for (int g0 = 0; g0 < cols; g0 += m) {
                        int len = Math.min(m, cols - g0);
                        for (int j = 0; j < len; j++) pos[j] = j;
                        for (int t = 0; t < Math.min(keep, len); t++) {
                            int j = t + rnd.nextInt(len - t), x = pos[t];
                            pos[t] = pos[j];
                            pos[j] = x;
                            mask.set(i, g0 + pos[t], true);
                        }
                    }
                return mask;
            }
        };
    }

    static MaskPattern parse(String s) {
        String t = s.trim();
        String usage = "unknown pattern '" + s + "'; use random, block:RxC (block4x4, block1x8), nm:M (N from the density) or nm:N:M";
        try {
            if (t.equals("random")) return RANDOM;
            if (t.startsWith("block")) {
                String[] rc = t.substring(t.startsWith("block:") ? 6 : 5).split("x", -1);
                if (rc.length != 2) throw new IllegalArgumentException(usage);
                int r = Integer.parseInt(rc[0]), c = Integer.parseInt(rc[1]);
                if (r < 1 || c < 1) throw new IllegalArgumentException(usage);
                return blocks(r, c);
            }
            if (t.startsWith("nm:")) {
                String[] nm = t.substring(3).split(":", -1);
                if (nm.length == 1) return nm(0, Integer.parseInt(nm[0]));
                if (nm.length == 2) {
                    int n = Integer.parseInt(nm[0]);
                    if (n < 1) throw new IllegalArgumentException(usage);
                    return nm(n, Integer.parseInt(nm[1]));
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(usage);
        }
        throw new IllegalArgumentException(usage);
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
