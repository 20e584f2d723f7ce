package lottery.pruning;

import java.util.Map;

/**
 * One round of pruning: from the current masks and the trained weights, returns new masks with
 * an exact number of further weights removed. Weights already pruned are never ranked or
 * counted again; biases are not prunable layers and are never touched. Implementations are
 * deterministic: ties are broken by position, randomness comes only from {@code seed}.
 */
public interface PruningStrategy {
    /** The registry name ({@code layerwise}, {@code global}, {@code random}). */
    String name();

    /**
     * @param current the masks after the previous round (dense before the first)
     * @param weights trained weights by layer name, dense row-major, for every layer in {@code current}
     * @param seed    used only by randomised strategies
     */
    Masks prune(Masks current, Map<String, float[]> weights, long seed);
}
