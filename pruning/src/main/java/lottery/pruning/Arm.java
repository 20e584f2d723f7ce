package lottery.pruning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An arm of the experiment. {@code ticket} is IMP itself; the others are controls that reuse the
 * ticket's level-L mask: {@code reinit} trains it from a fresh random initialisation,
 * {@code random} trains a random mask of the same per-layer sparsity from the ticket's rewind
 * point, {@code finetune} keeps training the ticket's level-(L-1) weights under the mask (no rewind).
 */
public enum Arm {
    TICKET, REINIT, RANDOM, FINETUNE;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static Arm parse(String s) {
        for (Arm a : values()) if (a.id().equals(s.trim().toLowerCase(Locale.ROOT))) return a;
        throw new IllegalArgumentException("unknown arm '" + s + "'; choose from ticket, reinit, random, finetune");
    }

    /**
     * Parses a comma-separated list; the ticket arm is always included (the controls need its
     * masks), first. An empty list, an empty entry or an arm named twice is an IllegalArgumentException.
     */
    public static List<Arm> parseList(String csv) {
        if (csv == null || csv.isBlank())
            throw new IllegalArgumentException("--arms is empty; name at least one of ticket, reinit, random, finetune");
        List<Arm> named = new ArrayList<>();
        for (String s : csv.split(",", -1)) {
            if (s.isBlank()) throw new IllegalArgumentException("--arms '" + csv + "' has an empty entry");
            Arm a = parse(s);
            if (named.contains(a)) throw new IllegalArgumentException("--arms '" + csv + "' names " + a.id() + " twice");
            named.add(a);
        }
        List<Arm> arms = new ArrayList<>(List.of(TICKET));
        for (Arm a : named) if (a != TICKET) arms.add(a);
        return List.copyOf(arms);
    }
}
