package lottery.pruning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One training of an IMP experiment: an arm's level of a replicate. The experiment is a graph of
 * them: the ticket chain level 0 → 1 → … of each replicate, and each control arm of level L after
 * ticket level L (it needs its masks; ticket level L needs level L−1's weights). Replicates are
 * independent. Named like its folder in the store: {@code ticket/rep0/level03}.
 */
public record LevelTask(Arm arm, int replicate, int level) {
    private static final Pattern NAME = Pattern.compile("([a-z]+)/rep(\\d+)/level(\\d+)");

    public LevelTask {
        if (replicate < 0 || level < 0) throw new IllegalArgumentException("replicate and level must be >= 0");
        if (arm != Arm.TICKET && level == 0) throw new IllegalArgumentException("the control arm " + arm.id() + " has no level 0");
    }

    /** The tasks this one reads the results of: ticket level L−1 for a ticket, ticket level L for a control. */
    public List<LevelTask> needs() {
        if (arm != Arm.TICKET) return List.of(new LevelTask(Arm.TICKET, replicate, level));
        return level == 0 ? List.of() : List.of(new LevelTask(Arm.TICKET, replicate, level - 1));
    }

    /** Every task of {@code config}, in the order a sequential run takes them (replicate, level, ticket before controls). */
    public static List<LevelTask> all(ExperimentConfig config) {
        List<LevelTask> tasks = new ArrayList<>();
        for (int r = 0; r < config.replicates(); r++)
            for (int level = 0; level <= config.levels(); level++)
                for (Arm arm : config.arms()) if (arm == Arm.TICKET || level > 0) tasks.add(new LevelTask(arm, r, level));
        return tasks;
    }

    public String name() { return String.format(Locale.ROOT, "%s/rep%d/level%02d", arm.id(), replicate, level); }

    /** Parses {@link #name()} ({@code ticket/rep0/level3} and {@code ticket/rep0/level03} alike). */
    public static LevelTask parse(String text) {
        Matcher m = NAME.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches())
            throw new IllegalArgumentException("a task is <arm>/rep<r>/level<L>, e.g. ticket/rep0/level03; got '" + text + "'");
        return new LevelTask(Arm.parse(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    @Override public String toString() { return name(); }
}
