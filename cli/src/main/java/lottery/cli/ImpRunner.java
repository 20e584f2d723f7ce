package lottery.cli;

import lottery.pruning.ExperimentConfig;
import lottery.pruning.ExperimentStore;
import lottery.pruning.Imp;
import lottery.pruning.LevelResult;
import lottery.pruning.LevelTask;
import lottery.pruning.LocalExecutor;
import lottery.pruning.NetworkFactory;
import lottery.pruning.NnNetworks;
import lottery.pruning.ResultsTable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/** Runs (or resumes) an IMP experiment for {@code imp} and {@code run}, then prints the table and writes the report. */
final class ImpRunner {
    private ImpRunner() {}

    /** Builds the configuration, turning a bad value into a usage error (exit code 2). */
    static ExperimentConfig config(Supplier<ExperimentConfig> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static int run(ExperimentConfig config, Path dataDir, Path out, LocalExecutor executor) throws IOException {
        config(() -> { NnNetworks.checkNames(config); return config; });
        NetworkFactory networks = NnNetworks.load(config, dataDir);
        ExperimentStore store = ExperimentStore.open(out, config);
        System.out.println("experiment: " + store.dir());
        System.out.printf("levels: %d, replicates: %d, arms: %s; %s%n", config.levels(), config.replicates(), config.arms(),
                describe(executor));
        List<LevelResult> results;
        try (ImpProgress progress = new ImpProgress(System.out)) {
            results = new Imp(config, networks, store, progress).run(executor);
        }
        ResultsTable table = ReportPlots.write(store);
        System.out.println();
        System.out.print(table.markdown());
        System.out.println("\n" + results.size() + " levels in " + store.dir() + "; plots and report.md written there (redraw: lottery report " + store.dir() + ")");
        return 0;
    }

    /** Runs the one task {@code task} of the experiment (a cluster task): prints one line when done. */
    static int runOne(ExperimentConfig config, Path dataDir, Path out, LevelTask task) throws IOException {
        config(() -> { NnNetworks.checkNames(config); return config; });
        ExperimentStore store = ExperimentStore.open(out, config);
        if (store.finished(task.arm(), task.replicate(), task.level(), m -> {}).isPresent() && task.level() > 0) {
            System.out.println(task + " of " + store.dir() + " is already finished");
            return 0;
        }
        NetworkFactory networks = NnNetworks.load(config, dataDir);
        try (ImpProgress progress = new ImpProgress(System.out)) {
            new Imp(config, networks, store, progress).runOne(task);
        }
        System.out.println(task + " of " + store.dir() + " is finished");
        return 0;
    }

    static String describe(LocalExecutor e) {
        return e.jobs() == 1 ? "one training at a time" : e.jobs() + " trainings side by side, " + e.threadsPerJob()
                + " kernel thread(s) each";
    }
}
