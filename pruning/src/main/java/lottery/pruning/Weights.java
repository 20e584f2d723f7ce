package lottery.pruning;

import java.util.Map;

/** Looks up a layer's weights in a state map, with a clear error when absent. */
final class Weights {
    private Weights() {}

    static float[] of(Map<String, float[]> weights, String layer) {
        float[] w = weights.get(layer);
        if (w == null) throw new IllegalArgumentException("no weights for prunable layer '" + layer + "' (have " + weights.keySet() + ")");
        return w;
    }
}
