package lottery.pruning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The registry of pruning strategies by name. */
public final class PruningStrategies {
    private static final Map<String, Function<PruningRates, PruningStrategy>> REGISTRY = new LinkedHashMap<>();
    static {
        REGISTRY.put(LayerwiseMagnitude.NAME, LayerwiseMagnitude::new);
        REGISTRY.put(GlobalMagnitude.NAME, GlobalMagnitude::new);
        REGISTRY.put(RandomPruning.NAME, RandomPruning::new);
    }

    private PruningStrategies() {}

    public static List<String> names() { return List.copyOf(REGISTRY.keySet()); }

    /** The strategy called {@code name} with the given rates; unknown names are an IllegalArgumentException. */
    public static PruningStrategy create(String name, PruningRates rates) {
        Function<PruningRates, PruningStrategy> f = REGISTRY.get(name);
        if (f == null) throw new IllegalArgumentException("unknown pruning strategy '" + name + "'; choose one of " + names());
        return f.apply(rates);
    }
}
