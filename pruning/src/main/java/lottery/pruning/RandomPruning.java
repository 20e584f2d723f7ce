package lottery.pruning;

import lottery.kernels.BitMask;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random pruning, the control for magnitude pruning: each layer loses exactly the number of
 * weights layerwise magnitude pruning would remove ({@code rint(rate * surviving)}), chosen
 * uniformly at random among its survivors. The choice depends only on {@code seed} and the
 * layer's name.
 */
public final class RandomPruning implements PruningStrategy {
    static final String NAME = "random";
    private final PruningRates rates;

    public RandomPruning(PruningRates rates) { this.rates = rates; }

    @Override public String name() { return NAME; }

    @Override public Masks prune(Masks current, Map<String, float[]> weights, long seed) {
        int[] counts = LayerwiseMagnitude.counts(rates, current);
        List<Masks.Layer> out = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            Masks.Layer l = current.layers().get(i);
            int[] survivors = l.mask().keptIndices();
            SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, "random-prune", l.name()));
            BitMask m = l.mask().copy();
            for (int index : sample(survivors, counts[i], rng)) m.set(index / m.cols, index % m.cols, false);
            out.add(new Masks.Layer(l.name(), l.shape(), m));
        }
        return new Masks(out);
    }

    /**
     * A random mask per layer with the same number of survivors as {@code like} (the same
     * per-layer sparsity), positions uniform over the whole layer: the random-pruning control
     * arm for a ticket's level.
     */
    public static Masks like(Masks like, long seed) {
        List<Masks.Layer> out = new ArrayList<>();
        for (Masks.Layer l : like.layers()) {
            int size = l.size();
            int[] all = new int[size];
            for (int k = 0; k < size; k++) all[k] = k;
            SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, "random-mask", l.name()));
            BitMask m = new BitMask(l.mask().rows, l.mask().cols);
            for (int index : sample(all, l.remaining(), rng)) m.set(index / m.cols, index % m.cols, true);
            out.add(new Masks.Layer(l.name(), l.shape(), m));
        }
        return new Masks(out);
    }

    /** {@code k} distinct elements of {@code pool} chosen uniformly (a partial Fisher-Yates shuffle; {@code pool} is permuted). */
    static int[] sample(int[] pool, int k, SplittableRandom rng) {
        if (k > pool.length) throw new IllegalArgumentException("cannot choose " + k + " of " + pool.length);
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(pool.length - i);
            int t = pool[i]; pool[i] = pool[j]; pool[j] = t;
        }
        return java.util.Arrays.copyOf(pool, k);
    }
}
