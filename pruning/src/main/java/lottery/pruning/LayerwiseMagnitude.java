package lottery.pruning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Layerwise magnitude pruning (the paper's default): in each prunable layer, remove the
 * {@code rint(rate * surviving)} surviving weights with the smallest |w|, where the rate is the
 * layer's own ({@link PruningRates#rateFor}). Ties in |w| are broken by position (lower index first).
 */
public final class LayerwiseMagnitude implements PruningStrategy {
    static final String NAME = "layerwise";
    private final PruningRates rates;

    public LayerwiseMagnitude(PruningRates rates) { this.rates = rates; }

    @Override public String name() { return NAME; }

    /** How many weights this round removes from each layer of {@code current}, in layer order. */
    static int[] counts(PruningRates rates, Masks current) {
        List<Masks.Layer> ls = current.layers();
        int[] counts = new int[ls.size()];
        for (int i = 0; i < ls.size(); i++)
            counts[i] = PruningRates.countToPrune(rates.rateFor(ls.get(i), i, ls.size()), ls.get(i).remaining());
        return counts;
    }

    @Override public Masks prune(Masks current, Map<String, float[]> weights, long seed) {
        int[] counts = counts(rates, current);
        List<Masks.Layer> out = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            Masks.Layer l = current.layers().get(i);
            float[] w = Weights.of(weights, l.name());
            long[] pruned = MagnitudeRanking.smallest(w, l.mask(), counts[i], l.name());
            out.add(new Masks.Layer(l.name(), l.shape(), MagnitudeRanking.without(l.mask(), pruned, 0)));
        }
        return new Masks(out);
    }
}
