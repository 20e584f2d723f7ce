package lottery.pruning;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How many weights survive each level, known before any training: every round removes
 * {@code rint(rate * surviving)} weights ({@link PruningRates#countToPrune}), per layer for
 * layerwise and random pruning, over all prunable layers for global pruning (whose per-layer split
 * depends on the trained weights). Every arm of a level has the ticket's counts. The store checks
 * each level's masks against it, and {@code lottery imp} uses it to explain where {@code --levels}
 * leads before it starts.
 */
public final class PruningSchedule {
    /** The survivors after some rounds: per layer (empty for global pruning) and in all. */
    public record Survivors(Map<String, Integer> perLayer, long total) {}

    private final String strategy;
    private final PruningRates rates;

    public PruningSchedule(String strategy, PruningRates rates) {
        this.strategy = strategy;
        this.rates = rates;
    }

    public static PruningSchedule of(ExperimentConfig config) { return new PruningSchedule(config.strategy(), config.rates()); }

    /** The schedule of the identity recorded in a store's config.json; empty when a field is missing or invalid. */
    public static Optional<PruningSchedule> of(JsonNode identity) {
        JsonNode s = identity.path("strategy"), r = identity.path("rate"), o = identity.path("outputRate"), c = identity.path("convRate");
        if (!s.isTextual() || !r.isNumber() || !o.isNumber() || !c.isNumber()) return Optional.empty();
        try {
            return Optional.of(new PruningSchedule(s.textValue(), new PruningRates(r.doubleValue(), o.doubleValue(), c.doubleValue())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** True when the schedule fixes each layer's count (layerwise and random pruning), false when only the total (global). */
    public boolean perLayer() { return !strategy.equals(GlobalMagnitude.NAME); }

    /** True when this is a strategy whose counts are known here. */
    public boolean known() { return PruningStrategies.names().contains(strategy); }

    /** The survivors after {@code level} rounds from the dense layers of {@code shapes} (name to weight shape, in order). */
    public Survivors after(Map<String, int[]> shapes, int level) {
        return series(shapes, level).get(level);
    }

    /** The survivors after 0, 1, ..., {@code levels} rounds. */
    public List<Survivors> series(Map<String, int[]> shapes, int levels) {
        Masks dense = Masks.dense(shapes);
        List<Masks.Layer> layers = dense.layers();
        double[] rate = new double[layers.size()];
        long[] count = new long[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            rate[i] = rates.rateFor(layers.get(i), i, layers.size());
            count[i] = layers.get(i).size();
        }
        long total = Arrays.stream(count).sum();
        List<Survivors> out = new ArrayList<>(levels + 1);
        for (int level = 0; level <= levels; level++) {
            if (level > 0) {
                if (perLayer()) {
                    for (int i = 0; i < count.length; i++) count[i] -= PruningRates.countToPrune(rate[i], count[i]);
                    total = Arrays.stream(count).sum();
                } else {
                    total -= PruningRates.countToPrune(rates.rate(), total);
                }
            }
            Map<String, Integer> perLayer = new LinkedHashMap<>();
            if (perLayer()) for (int i = 0; i < count.length; i++) perLayer.put(layers.get(i).name(), Math.toIntExact(count[i]));
            out.add(new Survivors(perLayer, total));
        }
        return out;
    }

    /**
     * An IllegalArgumentException when one of levels 1..{@code levels} would remove no weight: from
     * there on every round keeps the same mask ({@code rint(rate * surviving)} is 0 for every layer),
     * so the levels would only repeat the training.
     */
    public void checkLevels(Map<String, int[]> shapes, int levels) {
        if (!known()) return;
        List<Survivors> s = series(shapes, levels);
        for (int level = 1; level <= levels; level++)
            if (s.get(level).total() == s.get(level - 1).total())
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "--levels %d goes past the end of pruning: from level %d on no round removes a weight (%,d of %,d are left, "
                                + "too few for %s to round to a whole weight); use --levels %d or fewer",
                        levels, level, s.get(level).total(),
                        s.get(0).total(), perLayer() ? "any layer's rate" : "--rate", level - 1));
    }

    /**
     * A one-line explanation when the last level leaves some layer fewer weights than it has output
     * units (so some units have no input left), or null.
     */
    public String thinLayers(Map<String, int[]> shapes, int levels) {
        if (!known() || !perLayer()) return null;
        Survivors last = after(shapes, levels);
        List<String> thin = new ArrayList<>();
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            int kept = last.perLayer().get(e.getKey()), units = e.getValue()[0];
            if (kept < units) thin.add(e.getKey() + " keeps " + kept + " weights for " + units + " output units");
        }
        if (thin.isEmpty()) return null;
        return "at level " + levels + " " + String.join(", ", thin) + ": some units are left with no input, so the sparsest levels "
                + "measure a network that has lost units, not only weights";
    }

    /** Null when {@code masks} has the counts this schedule gives level {@code level}, else what differs. */
    public String mismatch(Masks masks, int level) {
        if (!known()) return null;
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (Masks.Layer l : masks.layers()) shapes.put(l.name(), l.shape());
        Survivors expected = after(shapes, level);
        if (perLayer() && !expected.perLayer().equals(masks.remainingPerLayer()))
            return "its masks keep " + masks.remainingPerLayer() + " weights, level " + level + " of " + strategy + " pruning keeps "
                    + expected.perLayer();
        if (expected.total() != masks.weightsRemaining())
            return "its masks keep " + masks.weightsRemaining() + " weights, level " + level + " of " + strategy + " pruning keeps "
                    + expected.total();
        return null;
    }
}
