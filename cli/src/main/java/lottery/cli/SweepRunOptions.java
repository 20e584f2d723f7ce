package lottery.cli;

import lottery.pruning.sweep.Sweep;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** How a sweep runs: the executor and its options (shared by {@code sweep SPEC} and {@code sweep resume}). */
final class SweepRunOptions {
    @Option(names = "--executor",
            description = "local (this machine) or slurm (job arrays through sbatch) (default: local; resume: what the sweep last used).")
    String executor;
    @Mixin JobsOption jobs;
    @Option(names = "--slurm-opt", paramLabel = "KEY=VALUE",
            description = "An sbatch option for every task, e.g. partition=cpu, account=lab, time=02:00:00, mem=4G, "
                    + "cpus-per-task=2 (repeatable).")
    List<String> slurmOpts = new ArrayList<>();
    @Option(names = "--dry-run", description = "Print the sbatch commands and batch scripts; submit nothing.")
    boolean dryRun;
    @Option(names = "--launcher", paramLabel = "CMD",
            description = "How a compute node runs lottery (default: this installation's launcher or JVM; the paths must be shared).")
    String launcher;

    /** The {@code --slurm-opt} values as sbatch long options without the leading dashes ("partition=cpu"). */
    List<String> slurmOptions() {
        List<String> out = new ArrayList<>();
        for (String o : slurmOpts) {
            String s = o.startsWith("--") ? o.substring(2) : o;
            if (!s.matches("[a-z][a-z-]*(=\\S.*)?"))
                throw new UsageException("--slurm-opt must be an sbatch long option like partition=cpu or time=02:00:00, got '" + o + "'");
            if (s.startsWith("array") || s.startsWith("dependency") || s.startsWith("output") || s.startsWith("job-name"))
                throw new UsageException("--slurm-opt " + s + ": the sweep sets --array, --dependency, --output and --job-name itself");
            out.add(s);
        }
        return out;
    }

    int execute(Sweep sweep, CommonOptions common, String how) throws IOException {
        return switch (how) {
            case "local" -> {
                if (dryRun) throw new UsageException("--dry-run goes with --executor slurm");
                int width = sweep.cells().stream().mapToInt(c -> JobsOption.width(c.config())).sum();
                yield SweepCommand.runLocal(sweep, jobs.executor(common.threads, width));
            }
            case "slurm" -> SweepCommand.submitSlurm(sweep, this);
            default -> throw new UsageException("--executor must be local or slurm, got '" + how + "'");
        };
    }
}
