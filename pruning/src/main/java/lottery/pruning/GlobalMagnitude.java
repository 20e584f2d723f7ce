package lottery.pruning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Global magnitude pruning: rank the survivors of all prunable layers together and remove the
 * {@code rint(rate * surviving)} with the smallest |w| (only {@code rate} is used). Ties are
 * broken by layer order, then position.
 */
public final class GlobalMagnitude implements PruningStrategy {
    static final String NAME = "global";
    private final PruningRates rates;

    public GlobalMagnitude(PruningRates rates) { this.rates = rates; }

    @Override public String name() { return NAME; }

    @Override public Masks prune(Masks current, Map<String, float[]> weights, long seed) {
        List<Masks.Layer> ls = current.layers();
        long[] keys = new long[Math.toIntExact(current.weightsRemaining())];
        long[] base = new long[ls.size()];
        int n = 0;
        long offset = 0;
        for (int i = 0; i < ls.size(); i++) {
            Masks.Layer l = ls.get(i);
            base[i] = offset;
            n = MagnitudeRanking.appendKeys(Weights.of(weights, l.name()), l.mask(), offset, keys, n, l.name());
            offset += l.size();
        }
        if (offset > 0xffff_ffffL) throw new IllegalArgumentException("global pruning supports at most 2^32 prunable weights, got " + offset);
        long[] pruned = MagnitudeRanking.smallest(keys, n, PruningRates.countToPrune(rates.rate(), n));
        java.util.Arrays.sort(pruned);
        List<Masks.Layer> out = new ArrayList<>();
        int p = 0;
        for (int i = 0; i < ls.size(); i++) {
            Masks.Layer l = ls.get(i);
            int from = p;
            while (p < pruned.length && pruned[p] < base[i] + l.size()) p++;
            long[] mine = java.util.Arrays.copyOfRange(pruned, from, p);
            out.add(new Masks.Layer(l.name(), l.shape(), MagnitudeRanking.without(l.mask(), mine, base[i])));
        }
        return new Masks(out);
    }
}
