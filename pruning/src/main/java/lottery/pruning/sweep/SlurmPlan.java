package lottery.pruning.sweep;

import lottery.pruning.Arm;
import lottery.pruning.LevelTask;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * A sweep's task graph as Slurm job arrays: one array per stage (ticket level L, or a control arm
 * at level L) over the grid's (cell, replicate) pairs, array index = cell × replicates + replicate.
 * Ticket level L runs {@code --dependency=aftercorr} on ticket level L−1 (task i starts when task i
 * of the previous level succeeded: replicates never wait for each other), a control of level L
 * aftercorr on ticket level L. Only the missing tasks are submitted, plus the finished ticket tasks
 * below a missing task of the same chain: aftercorr pairs equal indices, so a stage's array must
 * hold every index of the arrays that depend on it. Those tasks find their level finished and
 * exit at once, before starting a JVM.
 */
public final class SlurmPlan {
    /** One job array: {@code after} is the stage it depends on (null for none). */
    public record Stage(String name, Arm arm, int level, List<Integer> indices, String after) {
        public String arraySpec() {
            StringJoiner s = new StringJoiner(",");
            int i = 0;
            while (i < indices.size()) {
                int j = i;
                while (j + 1 < indices.size() && indices.get(j + 1) == indices.get(j) + 1) j++;
                s.add(j > i ? indices.get(i) + "-" + indices.get(j) : String.valueOf(indices.get(i)));
                i = j + 1;
            }
            return s.toString();
        }
    }

    private final Sweep sweep;
    private final int replicates;
    private final List<Stage> stages = new ArrayList<>();

    /** Plans the stages for every task of {@code sweep} that is not finished. */
    public SlurmPlan(Sweep sweep) {
        this.sweep = sweep;
        this.replicates = sweep.cells().stream().mapToInt(c -> c.config().replicates()).max().orElse(1);
        int maxLevel = sweep.cells().stream().mapToInt(c -> c.config().levels()).max().orElse(0);
        List<Arm> controls = new ArrayList<>();
        for (SweepSpec.Cell c : sweep.cells())
            for (Arm a : c.config().arms()) if (a != Arm.TICKET && !controls.contains(a)) controls.add(a);
        controls.sort(null);
        for (int level = 0; level <= maxLevel; level++) {
            TreeSet<Integer> ticket = new TreeSet<>();
            for (int ci = 0; ci < sweep.cells().size(); ci++)
                for (int r = 0; r < sweep.cells().get(ci).config().replicates(); r++)
                    if (missingFrom(sweep.cells().get(ci), r, level)) ticket.add(index(ci, r));
            if (ticket.isEmpty()) continue;
            String ticketName = name(Arm.TICKET, level);
            stages.add(new Stage(ticketName, Arm.TICKET, level, List.copyOf(ticket), level == 0 || !has(name(Arm.TICKET, level - 1))
                    ? null : name(Arm.TICKET, level - 1)));
            if (level == 0) continue;
            for (Arm arm : controls) {
                TreeSet<Integer> idx = new TreeSet<>();
                for (int ci = 0; ci < sweep.cells().size(); ci++) {
                    SweepSpec.Cell c = sweep.cells().get(ci);
                    if (!c.config().arms().contains(arm) || level > c.config().levels()) continue;
                    for (int r = 0; r < c.config().replicates(); r++)
                        if (!sweep.finished(c, new LevelTask(arm, r, level))) idx.add(index(ci, r));
                }
                if (!idx.isEmpty()) stages.add(new Stage(name(arm, level), arm, level, List.copyOf(idx), ticketName));
            }
        }
    }

    public List<Stage> stages() { return stages; }

    public int replicates() { return replicates; }

    public int taskCount() { return stages.stream().mapToInt(s -> s.indices().size()).sum(); }

    public int index(int cell, int replicate) { return cell * replicates + replicate; }

    public static String name(Arm arm, int level) { return String.format(Locale.ROOT, "%s-L%02d", arm.id(), level); }

    private boolean has(String stage) { return stages.stream().anyMatch(s -> s.name().equals(stage)); }

    /** Whether any task of (cell, replicate) at level ≥ {@code level} is unfinished. */
    private boolean missingFrom(SweepSpec.Cell c, int r, int level) {
        if (level > c.config().levels()) return false;
        for (int l = level; l <= c.config().levels(); l++)
            for (Arm arm : c.config().arms())
                if ((arm == Arm.TICKET || l > 0) && !sweep.finished(c, new LevelTask(arm, r, l))) return true;
        return false;
    }

    /**
     * The batch script of {@code stage}: {@code launcher} is the command that runs {@code lottery}
     * on a compute node; {@code options} are {@code #SBATCH} options (without the dashes' prefix: "partition=gpu").
     */
    public String script(Stage stage, String launcher, List<String> options) {
        String root = sweep.root().toAbsolutePath().toString();
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("#SBATCH --job-name=lottery-").append(sweep.root().toAbsolutePath().getFileName()).append('-')
                .append(stage.name()).append('\n');
        s.append("#SBATCH --array=").append(stage.arraySpec()).append('\n');
        s.append("#SBATCH --output=").append(root).append("/slurm/logs/").append(stage.name()).append("-%A_%a.log\n");
        if (options.stream().noneMatch(o -> o.startsWith("cpus-per-task"))) s.append("#SBATCH --cpus-per-task=1\n");
        for (String o : options) s.append("#SBATCH --").append(o).append('\n');
        s.append("# lottery sweep ").append(root).append(": ").append(stage.arm().id()).append(" level ").append(stage.level())
                .append(", one task per (cell, replicate), index = cell * ").append(replicates).append(" + replicate\n");
        s.append("set -euo pipefail\n");
        s.append("cells=(");
        for (SweepSpec.Cell c : sweep.cells()) s.append(c.name()).append(' ');
        s.setLength(s.length() - (sweep.cells().isEmpty() ? 0 : 1));
        s.append(")\n");
        s.append("cell=${cells[$((SLURM_ARRAY_TASK_ID / ").append(replicates).append("))]}\n");
        s.append("rep=$((SLURM_ARRAY_TASK_ID % ").append(replicates).append("))\n");
        String task = String.format(Locale.ROOT, "%s/rep$rep/level%02d", stage.arm().id(), stage.level());
        s.append("task=").append(task).append('\n');
        s.append("if [ -f \"").append(root).append("/$cell/$task/level.json\" ]; then\n")
                .append("  echo \"$cell $task is already finished\"; exit 0\nfi\n");
        s.append("exec ").append(launcher).append(" imp --config \"").append(root).append("/cells/$cell.json\" --out \"").append(root)
                .append("\" --task \"$task\" --threads \"${SLURM_CPUS_PER_TASK:-1}\"");
        if (sweep.dataDir() != null) s.append(" --data-dir \"").append(sweep.dataDir()).append('"');
        s.append('\n');
        return s.toString();
    }
}
