package lottery.pruning;

import java.util.Map;

/**
 * One round of pruning: from the current masks and the trained weights, returns new masks with
 * an exact number of further weights removed. Weights already pruned are never ranked or
 * counted again; biases are not prunable layers and are never touched. Implementations are
 * deterministic: ties are broken by position, randomness comes only from {@code seed}.
 */
public interface PruningStrategy {
    /**
     * The registry name ({@code layerwise}, {@code global}, {@code random}, or a structured one in its canonical spelling,
     * {@code nm:4:8,2:8}, {@code block:4x4}).
     */
    String name();

    /**
     * @param current the masks after the previous round (dense before the first)
     * @param weights trained weights by layer name, dense row-major, for every layer in {@code current}
     * @param seed    used only by randomised strategies
     */
    Masks prune(Masks current, Map<String, float[]> weights, long seed);

    /**
     * Round {@code round} of pruning (1 = the first, from the dense network): what {@link Imp} calls
     * for level {@code round}. Strategies whose steps change over rounds ({@code nm:4:8,2:8,1:8})
     * use it; the others prune the same way every round.
     */
    default Masks prune(Masks current, Map<String, float[]> weights, long seed, int round) {
        return prune(current, weights, seed);
    }
}
