package lottery.pruning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The registry of pruning strategies by name: the unstructured ones by name, and two structured
 * families with parameters in the name, {@code nm:N:M} (stepped: {@code nm:4:8,2:8,1:8},
 * {@link NmPruning}) and {@code block:RxC} / {@code block:RxC:global} ({@link BlockPruning}).
 */
public final class PruningStrategies {
    private static final Map<String, Function<PruningRates, PruningStrategy>> REGISTRY = new LinkedHashMap<>();
    static {
        REGISTRY.put(LayerwiseMagnitude.NAME, LayerwiseMagnitude::new);
        REGISTRY.put(GlobalMagnitude.NAME, GlobalMagnitude::new);
        REGISTRY.put(RandomPruning.NAME, RandomPruning::new);
    }

    private PruningStrategies() {}

    /** The names of the unstructured strategies (the structured families take parameters: {@link #FAMILIES}). */
    public static List<String> names() { return List.copyOf(REGISTRY.keySet()); }

    /** How the structured families are written, for messages and help. */
    public static final String FAMILIES = "nm:N:M (stepped: nm:4:8,2:8,1:8), block:RxC or block:RxC:global";

    /** The strategy called {@code name} with the given rates; unknown names are an IllegalArgumentException. */
    public static PruningStrategy create(String name, PruningRates rates) {
        if (name == null) throw new IllegalArgumentException("no pruning strategy given");
        name = name.strip();
        if (name.startsWith(NmPruning.PREFIX)) return NmPruning.parse(name, rates);
        if (name.startsWith(BlockPruning.PREFIX)) return BlockPruning.parse(name, rates);
        Function<PruningRates, PruningStrategy> f = REGISTRY.get(name);
        if (f == null)
            throw new IllegalArgumentException("unknown pruning strategy '" + name + "'; choose one of " + names() + " or " + FAMILIES);
        return f.apply(rates);
    }

    /** True when {@code name} is a strategy of the registry (with valid parameters). */
    public static boolean known(String name) {
        try {
            create(name, PruningRates.PAPER);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The canonical spelling of a strategy name ({@code nm:4:8, 2:8} is {@code nm:4:8,2:8}; {@code block:4x4:layerwise} is
     * {@code block:4x4}).
     */
    public static String canonical(String name) { return create(name, PruningRates.PAPER).name(); }
}
