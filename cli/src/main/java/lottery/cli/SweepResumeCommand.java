package lottery.cli;

import lottery.pruning.sweep.Slurm;
import lottery.pruning.sweep.Sweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Runs or resubmits only what is missing.",
                "With Slurm: cancels the sweep's pending tasks (for example behind a failed or",
                "cancelled one), leaves running ones to finish their level, and submits every",
                "unfinished training again (one whose level is still being trained waits for its lease)."})
final class SweepResumeCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin SweepRunOptions run;

    @Parameters(index = "0", paramLabel = "ROOT", description = "The sweep's output root.")
    Path root;

    @Override public Integer call() throws IOException {
        common.apply();
        Sweep sweep = SweepCommand.open(root);
        String how = run.executor != null ? run.executor : Files.exists(sweep.slurmDir().resolve("jobs.json")) ? "slurm" : "local";
        if (how.equals("slurm") && !run.dryRun) {
            int cancelled = Slurm.cancelPending(sweep);
            if (cancelled > 0) System.out.println("cancelled " + cancelled + " pending task(s) of earlier submissions");
        }
        return run.execute(sweep, common, how);
    }
}
