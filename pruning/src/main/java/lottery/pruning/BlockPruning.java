package lottery.pruning;

import lottery.kernels.BitMask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Block magnitude pruning ({@code block:RxC} layerwise, {@code block:RxC:global}): each layer's mask
 * [rows, cols] (a convolution kernel's inputs flattened as [inC * kh * kw]) is tiled from (0, 0) by
 * R×C blocks, and whole blocks are pruned, those whose surviving weights have the smallest L2 norm
 * per position (the norm squared over the block's size, which orders full blocks exactly as their L2
 * norm does and does not single out the smaller blocks on the last rows and columns when R or C does
 * not divide the shape). A round removes {@code rint(rate * surviving blocks)} blocks: per layer at
 * the layer's own rate (layerwise), or over the blocks of all prunable layers at {@code --rate}
 * (global). Ties go by layer order, then block position (row-major, lower first). A block survives
 * while any of its weights does; pruning it clears all of them.
 */
public final class BlockPruning implements PruningStrategy {
    static final String PREFIX = "block:";
    private final int r, c;
    private final boolean global;
    private final PruningRates rates;

    BlockPruning(int r, int c, boolean global, PruningRates rates) {
        if (r < 1 || c < 1 || r * c < 2 || r > 1024 || c > 1024)
            throw new IllegalArgumentException("block: R and C must be in [1, 1024] with R×C >= 2, got " + r + "x" + c);
        this.r = r;
        this.c = c;
        this.global = global;
        this.rates = rates;
    }

    /** Parses {@code block:RxC} or {@code block:RxC:global} ({@code :layerwise} is the default and may be written). */
    static BlockPruning parse(String spec, PruningRates rates) {
        String[] parts = spec.substring(PREFIX.length()).split(":", -1);
        String usage = "block: expected block:RxC or block:RxC:global, e.g. block:4x4, got '" + spec + "'";
        if (parts.length > 2 || (parts.length == 2 && !parts[1].equals("global") && !parts[1].equals(LayerwiseMagnitude.NAME)))
            throw new IllegalArgumentException(usage);
        String[] rc = parts[0].split("x", -1);
        if (rc.length != 2) throw new IllegalArgumentException(usage);
        try {
            boolean global = parts.length == 2 && parts[1].equals("global");
            return new BlockPruning(Integer.parseInt(rc[0]), Integer.parseInt(rc[1]), global, rates);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(usage);
        }
    }

    @Override public String name() { return PREFIX + r + "x" + c + (global ? ":global" : ""); }

    public int blockRows() { return r; }

    public int blockCols() { return c; }

    public boolean global() { return global; }

    /** Blocks tiling a [rows, cols] mask. */
    long blocks(int rows, int cols) { return (long) ((rows + r - 1) / r) * ((cols + c - 1) / c); }

    /** True when R×C blocks tile [rows, cols] exactly (every block is full). */
    boolean tiles(int rows, int cols) { return rows % r == 0 && cols % c == 0; }

    /** Blocks of {@code mask} with at least one survivor. */
    long survivingBlocks(BitMask mask) {
        long n = 0;
        int bc = (mask.cols + c - 1) / c;
        for (int b = 0; b < blocks(mask.rows, mask.cols); b++) if (any(mask, (int) (b / bc) * r, (int) (b % bc) * c)) n++;
        return n;
    }

    private boolean any(BitMask mask, int i0, int j0) {
        for (int i = i0; i < Math.min(mask.rows, i0 + r); i++)
            for (int j = j0; j < Math.min(mask.cols, j0 + c); j++) if (mask.get(i, j)) return true;
        return false;
    }

    @Override public Masks prune(Masks current, Map<String, float[]> weights, long seed) {
        List<Masks.Layer> ls = current.layers();
        long[] base = new long[ls.size() + 1];
        for (int i = 0; i < ls.size(); i++) base[i + 1] = base[i] + blocks(ls.get(i).mask().rows, ls.get(i).mask().cols);
        if (base[ls.size()] > 0xffff_ffffL)
            throw new IllegalArgumentException("block pruning supports at most 2^32 blocks, got " + base[ls.size()]);
        List<long[]> pruned = new ArrayList<>();
        if (global) {
            long[] keys = new long[Math.toIntExact(base[ls.size()])];
            int n = 0;
            for (int i = 0; i < ls.size(); i++) n = appendKeys(ls.get(i), Weights.of(weights, ls.get(i).name()), base[i], keys, n);
            long[] all = MagnitudeRanking.smallest(keys, n, PruningRates.countToPrune(rates.rate(), n));
            Arrays.sort(all);
            for (int i = 0; i < ls.size(); i++) {
                int from = lowerBound(all, base[i]), to = lowerBound(all, base[i + 1]);
                pruned.add(Arrays.copyOfRange(all, from, to));
            }
        } else {
            for (int i = 0; i < ls.size(); i++) {
                Masks.Layer l = ls.get(i);
                long[] keys = new long[Math.toIntExact(base[i + 1] - base[i])];
                int n = appendKeys(l, Weights.of(weights, l.name()), base[i], keys, 0);
                pruned.add(MagnitudeRanking.smallest(keys, n, PruningRates.countToPrune(rates.rateFor(l, i, ls.size()), n)));
            }
        }
        List<Masks.Layer> out = new ArrayList<>(ls.size());
        for (int i = 0; i < ls.size(); i++) {
            Masks.Layer l = ls.get(i);
            BitMask m = l.mask().copy();
            int bc = (m.cols + c - 1) / c;
            for (long p : pruned.get(i)) {
                int b = Math.toIntExact(p - base[i]), i0 = (b / bc) * r, j0 = (b % bc) * c;
                for (int y = i0; y < Math.min(m.rows, i0 + r); y++)
                    for (int x = j0; x < Math.min(m.cols, j0 + c); x++) m.set(y, x, false);
            }
            out.add(new Masks.Layer(l.name(), l.shape(), m));
        }
        return new Masks(out);
    }

    private static int lowerBound(long[] sorted, long v) {
        int i = Arrays.binarySearch(sorted, v);
        if (i >= 0) { while (i > 0 && sorted[i - 1] == v) i--; return i; }
        return -i - 1;
    }

    /** Appends one key per surviving block of {@code l}: its mean square (float bits) high, {@code base + block index} low. */
    private int appendKeys(Masks.Layer l, float[] w, long base, long[] keys, int n) {
        BitMask mask = l.mask();
        if (w.length != mask.size())
            throw new IllegalArgumentException("weights of '" + l.name() + "' have " + w.length + " values, mask has " + mask.size());
        int bc = (mask.cols + c - 1) / c;
        long count = blocks(mask.rows, mask.cols);
        for (int b = 0; b < count; b++) {
            int i0 = (b / bc) * r, j0 = (b % bc) * c;
            double sum = 0;
            int size = 0;
            boolean alive = false;
            for (int i = i0; i < Math.min(mask.rows, i0 + r); i++)
                for (int j = j0; j < Math.min(mask.cols, j0 + c); j++) {
                    size++;
                    if (!mask.get(i, j)) continue;
                    alive = true;
                    float v = w[i * mask.cols + j];
                    if (Float.isNaN(v))
                        throw new IllegalStateException("weight " + (i * mask.cols + j) + " of '" + l.name()
                                + "' is NaN; training diverged, nothing to prune by");
                    sum += (double) v * v;
                }
            if (!alive) continue;
            float score = (float) (sum / size);
            keys[n++] = ((long) Float.floatToRawIntBits(score) << 32) | (base + b);
        }
        return n;
    }
}
