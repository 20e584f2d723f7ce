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
 * depends on the trained weights). N:M pruning keeps {@code rows * sum over groups of min(N, g)}
 * per layer; block pruning removes {@code rint(rate * surviving blocks)} blocks per layer (or over
 * all layers for {@code :global}), which fixes the weights exactly where the blocks tile the layer
 * (elsewhere the last row and column of blocks are smaller, and only the block count is known).
 * Every arm of a level has the ticket's counts. The store checks each level's masks against it,
 * and {@code lottery imp} uses it to explain where {@code --levels} leads before it starts.
 */
public final class PruningSchedule {
    /**
     * The survivors after some rounds: per layer (only the layers whose count is known: none for
     * global pruning) and in all; {@code exact} is false when {@code total} is an estimate (block
     * pruning of a layer its blocks do not tile: full blocks assumed smaller in proportion).
     */
    public record Survivors(Map<String, Integer> perLayer, long total, boolean exact) {
        public Survivors(Map<String, Integer> perLayer, long total) { this(perLayer, total, true); }
    }

    private final String strategy;
    private final PruningRates rates;
    private final PruningStrategy pruning;      // null when the name is not known here

    public PruningSchedule(String strategy, PruningRates rates) {
        this.strategy = strategy;
        this.rates = rates;
        this.pruning = PruningStrategies.known(strategy) ? PruningStrategies.create(strategy, rates) : null;
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

    /** True when the schedule fixes each layer's count (all but global pruning), false when only the total. */
    public boolean perLayer() {
        return !strategy.equals(GlobalMagnitude.NAME) && !(pruning instanceof BlockPruning b && b.global());
    }

    /** True when this is a strategy whose counts are known here. */
    public boolean known() { return pruning != null; }

    /** The survivors after {@code level} rounds from the dense layers of {@code shapes} (name to weight shape, in order). */
    public Survivors after(Map<String, int[]> shapes, int level) {
        return series(shapes, level).get(level);
    }

    /** The survivors after 0, 1, ..., {@code levels} rounds. */
    public List<Survivors> series(Map<String, int[]> shapes, int levels) {
        List<Survivors> out = new ArrayList<>(levels + 1);
        for (long[] units : units(shapes, levels)) out.add(survivors(shapes, units));
        return out;
    }

    /**
     * What each round counts, per layer, after 0..levels rounds: weights, or blocks for block
     * pruning; global strategies have one entry, the total.
     */
    private List<long[]> units(Map<String, int[]> shapes, int levels) {
        Masks dense = Masks.dense(shapes);
        List<Masks.Layer> layers = dense.layers();
        int n = layers.size();
        long[] count = new long[n];
        double[] rate = new double[n];
        for (int i = 0; i < n; i++) {
            Masks.Layer l = layers.get(i);
            count[i] = pruning instanceof BlockPruning b ? b.blocks(l.mask().rows, l.mask().cols) : l.size();
            rate[i] = rates.rateFor(l, i, n);
        }
        List<long[]> out = new ArrayList<>(levels + 1);
        long total = Arrays.stream(count).sum();
        out.add(perLayer() ? count.clone() : new long[]{total});
        for (int level = 1; level <= levels; level++) {
            if (pruning instanceof NmPruning nm) {
                for (int i = 0; i < n; i++) {
                    Masks.Layer l = layers.get(i);
                    if (nm.prunes(l, i, n)) count[i] = (long) l.mask().rows * NmPruning.keptPerRow(l.mask().cols, nm.nAt(level), nm.m());
                }
            } else if (perLayer()) {
                for (int i = 0; i < n; i++) count[i] -= PruningRates.countToPrune(rate[i], count[i]);
            } else {
                total -= PruningRates.countToPrune(rates.rate(), total);
            }
            out.add(perLayer() ? count.clone() : new long[]{total});
        }
        return out;
    }

    /** Weights from the units of one level. */
    private Survivors survivors(Map<String, int[]> shapes, long[] units) {
        Map<String, Integer> perLayer = new LinkedHashMap<>();
        List<Masks.Layer> layers = Masks.dense(shapes).layers();
        if (!(pruning instanceof BlockPruning b)) {
            if (perLayer()) for (int i = 0; i < units.length; i++) perLayer.put(layers.get(i).name(), Math.toIntExact(units[i]));
            return new Survivors(perLayer, Arrays.stream(units).sum());
        }
        boolean exact = true;
        double total = 0;
        long blocks = 0, weights = 0;
        for (Masks.Layer l : layers) {
            exact &= b.tiles(l.mask().rows, l.mask().cols);
            blocks += b.blocks(l.mask().rows, l.mask().cols);
            weights += l.size();
        }
        if (perLayer()) {
            for (int i = 0; i < units.length; i++) {
                Masks.Layer l = layers.get(i);
                double perBlock = (double) l.size() / b.blocks(l.mask().rows, l.mask().cols);
                if (b.tiles(l.mask().rows, l.mask().cols))
                    perLayer.put(l.name(), Math.toIntExact(units[i] * b.blockRows() * b.blockCols()));
                total += units[i] * perBlock;
            }
        } else {
            total = units[0] * ((double) weights / blocks);
        }
        return new Survivors(perLayer, Math.round(total), exact);
    }

    /**
     * An IllegalArgumentException when one of levels 1..{@code levels} would remove no weight: from
     * there on every round keeps the same mask ({@code rint(rate * surviving)} is 0 for every layer),
     * so the levels would only repeat the training.
     */
    public void checkLevels(Map<String, int[]> shapes, int levels) {
        if (!known()) return;
        List<Survivors> s = series(shapes, levels);
        List<long[]> units = units(shapes, levels);
        for (int level = 1; level <= levels; level++)
            if (Arrays.equals(units.get(level), units.get(level - 1)))
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "--levels %d goes past the end of pruning: from level %d on no round removes a weight (%,d of %,d are left, "
                                + "too few for %s to round to a whole weight); use --levels %d or fewer",
                        levels, level, s.get(level).total(),
                        s.get(0).total(), pruning instanceof NmPruning ? "its N:M steps" : perLayer() ? "any layer's rate" : "--rate",
                        level - 1));
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
            Integer known = last.perLayer().get(e.getKey());
            if (known == null) continue;
            int kept = known, units = e.getValue()[0];
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
        Map<String, Integer> actual = new LinkedHashMap<>(masks.remainingPerLayer());
        actual.keySet().retainAll(expected.perLayer().keySet());
        if (perLayer() && !expected.perLayer().equals(actual))
            return "its masks keep " + masks.remainingPerLayer() + " weights, level " + level + " of " + strategy + " pruning keeps "
                    + expected.perLayer();
        if (expected.exact() && expected.total() != masks.weightsRemaining())
            return "its masks keep " + masks.weightsRemaining() + " weights, level " + level + " of " + strategy + " pruning keeps "
                    + expected.total();
        return null;
    }
}
