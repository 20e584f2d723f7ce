package lottery.pruning;

import lottery.kernels.BitMask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * N:M magnitude pruning ({@code nm:N:M}, or stepped: {@code nm:4:8,2:8,1:8}): every row of a layer
 * (one output unit; for a convolution kernel one output channel, its inputs flattened as
 * [inC * kh * kw]) is cut into groups of M consecutive weights along the input dimension, and each
 * group keeps its N surviving weights of largest |w| (among equal magnitudes the lower index is
 * pruned first, as in the other magnitude strategies). Round r applies step r of the list, the last step from then on
 * (which removes nothing more, so {@code --levels} stops there). A trailing group shorter than M
 * (when M does not divide the row) keeps min(N, its length): the row read as if padded with zeros.
 *
 * <p>A layer whose rate is 0 ({@code --output-rate 0}, {@code --conv-rate 0}) stays dense; the
 * other rates are not used: the pattern fixes the count, {@code rows * sum over groups of min(N, g)}.
 */
public final class NmPruning implements PruningStrategy {
    static final String PREFIX = "nm:";
    private final int m;
    private final int[] n;          // one N per step, strictly decreasing
    private final PruningRates rates;

    NmPruning(int[] n, int m, PruningRates rates) {
        if (m < 2 || m > 64) throw new IllegalArgumentException("nm: M must be in [2, 64], got " + m);
        if (n.length == 0) throw new IllegalArgumentException("nm: give at least one N:M step");
        for (int s = 0; s < n.length; s++) {
            if (n[s] < 1 || n[s] >= m) throw new IllegalArgumentException("nm: N must be in [1, M-1] = [1, " + (m - 1) + "], got " + n[s]);
            if (s > 0 && n[s] >= n[s - 1])
                throw new IllegalArgumentException("nm: the steps must keep fewer weights each time, got " + n[s - 1] + ":" + m
                        + " then " + n[s] + ":" + m);
        }
        this.m = m;
        this.n = n.clone();
        this.rates = rates;
    }

    /** Parses {@code nm:N:M} or {@code nm:N1:M,N2:M,...} (the same M throughout; spaces allowed). */
    static NmPruning parse(String spec, PruningRates rates) {
        String body = spec.substring(PREFIX.length()).replace(" ", "");
        String[] steps = body.split(",", -1);
        int[] n = new int[steps.length];
        int m = -1;
        for (int s = 0; s < steps.length; s++) {
            String[] nm = steps[s].split(":", -1);
            if (nm.length != 2)
                throw new IllegalArgumentException("nm: expected N:M steps like nm:2:4 or nm:4:8,2:8,1:8, got '" + spec + "'");
            int ms;
            try {
                n[s] = Integer.parseInt(nm[0]);
                ms = Integer.parseInt(nm[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("nm: expected N:M steps like nm:2:4 or nm:4:8,2:8,1:8, got '" + spec + "'");
            }
            if (m >= 0 && ms != m)
                throw new IllegalArgumentException("nm: every step must have the same M, got " + m + " and " + ms + " in '" + spec + "'");
            m = ms;
        }
        return new NmPruning(n, m, rates);
    }

    @Override public String name() {
        StringBuilder b = new StringBuilder(PREFIX);
        for (int s = 0; s < n.length; s++) b.append(s == 0 ? "" : ",").append(n[s]).append(':').append(m);
        return b.toString();
    }

    public int m() { return m; }

    /** The N of each step. */
    public int[] steps() { return n.clone(); }

    /** The N that round {@code round} (1 = the first pruning) applies. */
    public int nAt(int round) {
        if (round < 1) throw new IllegalArgumentException("round must be >= 1, got " + round);
        return n[Math.min(round, n.length) - 1];
    }

    /** Whether layer {@code index} of {@code count} is pruned at all (its rate is not 0). */
    boolean prunes(Masks.Layer layer, int index, int count) { return rates.rateFor(layer, index, count) > 0; }

    /** Weights a row of {@code cols} keeps under N:M: {@code sum over groups of min(N, g)}. */
    static int keptPerRow(int cols, int n, int m) {
        return (cols / m) * n + Math.min(n, cols % m);
    }

    @Override public Masks prune(Masks current, Map<String, float[]> weights, long seed, int round) {
        return apply(current, weights, nAt(round));
    }

    /**
     * Without the round: applies the next step after the densest group of the masks, i.e. the first
     * N below the most survivors any full group of a pruned layer keeps (so a dense network gets the
     * first step). {@link Imp} passes the round instead.
     */
    @Override public Masks prune(Masks current, Map<String, float[]> weights, long seed) {
        int most = 0;
        List<Masks.Layer> ls = current.layers();
        for (int i = 0; i < ls.size(); i++)
            if (prunes(ls.get(i), i, ls.size())) most = Math.max(most, mostPerGroup(ls.get(i).mask(), m));
        for (int s : n) if (s < most) return apply(current, weights, s);
        return apply(current, weights, n[n.length - 1]);
    }

    /** The most survivors in any full group of M of {@code mask} (of any group when none is full). */
    static int mostPerGroup(BitMask mask, int m) {
        int most = 0, full = mask.cols / m;
        for (int i = 0; i < mask.rows; i++)
            for (int g = 0; g < (full > 0 ? full : 1); g++) {
                int c = 0;
                for (int j = g * m; j < Math.min(mask.cols, (g + 1) * m); j++) if (mask.get(i, j)) c++;
                most = Math.max(most, c);
            }
        return most;
    }

    private Masks apply(Masks current, Map<String, float[]> weights, int keep) {
        List<Masks.Layer> ls = current.layers();
        List<Masks.Layer> out = new ArrayList<>(ls.size());
        for (int i = 0; i < ls.size(); i++) {
            Masks.Layer l = ls.get(i);
            if (!prunes(l, i, ls.size())) { out.add(l); continue; }
            float[] w = Weights.of(weights, l.name());
            if (w.length != l.size())
                throw new IllegalArgumentException("weights of '" + l.name() + "' have " + w.length + " values, mask has " + l.size());
            out.add(new Masks.Layer(l.name(), l.shape(), keepLargest(w, l.mask(), keep, m, l.name())));
        }
        return new Masks(out);
    }

    /** A copy of {@code mask} in which every group of {@code m} along a row keeps at most its {@code keep} largest survivors. */
    static BitMask keepLargest(float[] w, BitMask mask, int keep, int m, String layer) {
        BitMask out = mask.copy();
        long[] keys = new long[m];
        for (int i = 0; i < mask.rows; i++)
            for (int g0 = 0; g0 < mask.cols; g0 += m) {
                int k = 0;
                for (int j = g0; j < Math.min(mask.cols, g0 + m); j++) {
                    if (!mask.get(i, j)) continue;
                    float a = Math.abs(w[i * mask.cols + j]);
                    if (Float.isNaN(a))
                        throw new IllegalStateException("weight " + (i * mask.cols + j) + " of '" + layer
                                + "' is NaN; training diverged, nothing to prune by");
                    keys[k++] = ((long) Float.floatToRawIntBits(a) << 32) | j;
                }
                if (k <= keep) continue;
                Arrays.sort(keys, 0, k);                          // by |w|, then position: the first k - keep go
                for (int p = 0; p < k - keep; p++) out.set(i, (int) MagnitudeRanking.position(keys[p]), false);
            }
        return out;
    }
}
