package lottery.cli;

import lottery.pruning.ExperimentStore;
import lottery.pruning.Imp;
import lottery.pruning.LocalExecutor;
import lottery.pruning.NnNetworks;
import lottery.pruning.TaskGraph;
import lottery.pruning.sweep.Slurm;
import lottery.pruning.sweep.SlurmPlan;
import lottery.pruning.sweep.Sweep;
import lottery.pruning.sweep.SweepSpec;
import lottery.nn.data.Datasets;
import lottery.nn.data.SplitData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = {SweepStatusCommand.class, SweepResumeCommand.class, SweepReportCommand.class},
        description = {"A grid of IMP experiments from a YAML or JSON spec (base, axes, replicates, out).",
                "Runs on this machine (--executor local, the default) or as Slurm job arrays",
                "(--executor slurm). Each cell is one experiment store named by its configuration's",
                "hash; finished levels are never recomputed. Then: lottery sweep status|resume|report ROOT."})
final class SweepCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin SweepRunOptions run;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "The sweep spec (YAML or JSON).")
    Path spec;
    @Option(names = "--out", paramLabel = "ROOT", description = "Output root (default: the spec's out).")
    Path out;

    @Override public Integer call() throws IOException {
        common.apply();
        if (spec == null) throw new UsageException("give a sweep spec (lottery sweep SPEC) or one of status, resume, report");
        SweepSpec s;
        try {
            s = SweepSpec.read(spec);
            for (SweepSpec.Cell c : s.cells()) NnNetworks.checkNames(c.config());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Path root = out != null ? out : s.out();
        Sweep sweep = Sweep.create(root, s, spec);
        System.out.println("sweep: " + root + ", " + sweep.cells().size() + " cells x " + s.replicates() + " replicates");
        return run.execute(sweep, common, run.executor == null ? "local" : run.executor);
    }

    /** Opens a sweep root; a directory that is not one is a usage error. */
    static Sweep open(Path root) throws IOException {
        try {
            return Sweep.open(root);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Runs every cell's graph in this process over {@code executor}'s workers, then writes the reports. */
    static int runLocal(Sweep sweep, LocalExecutor executor) throws IOException {
        System.out.println("executor: local, " + ImpRunner.describe(executor));
        Map<String, SplitData> data = new HashMap<>();
        TaskGraph graph = new TaskGraph();
        try (ImpProgress progress = new ImpProgress(System.out)) {
            List<Imp> imps = new ArrayList<>();
            for (var cell : sweep.cells()) {
                NnNetworks.checkNames(cell.config());
                SplitData d = data.get(cell.config().dataset());
                if (d == null) data.put(cell.config().dataset(), d = Datasets.load(cell.config().dataset(), sweep.dataDir(),
                        sweep.dataDir() == null));
                ExperimentStore store = sweep.store(cell);
                Imp imp = new Imp(cell.config(), new NnNetworks(cell.config(), d), store, progress);
                imps.add(imp);
                graph.addAll(imp.graph());
            }
            for (Imp imp : imps) imp.announce();
            executor.run(graph);
        }
        SweepReport.Result r = SweepReport.write(sweep);
        System.out.println();
        System.out.print(r.markdown());
        System.out.println("\nreport: " + r.file());
        return 0;
    }

    /** Submits the missing tasks to Slurm (or prints the scripts with --dry-run). */
    static int submitSlurm(Sweep sweep, SweepRunOptions o) throws IOException {
        SlurmPlan plan = new SlurmPlan(sweep);
        if (plan.stages().isEmpty()) {
            System.out.println("every task of the sweep is finished: nothing to submit (lottery sweep report " + sweep.root() + ")");
            return 0;
        }
        String launcher = o.launcher != null ? o.launcher : Launcher.current();
        System.out.println("executor: slurm, " + plan.stages().size() + " job arrays, " + plan.taskCount() + " tasks; each runs: "
                + launcher);
        Slurm.submit(sweep, plan, launcher, o.slurmOptions(), o.dryRun, System.out);
        if (!o.dryRun) System.out.println("watch: lottery sweep status " + sweep.root() + "; after a failure: lottery sweep resume "
                + sweep.root());
        return 0;
    }
}
