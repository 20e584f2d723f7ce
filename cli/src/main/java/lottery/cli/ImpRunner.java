package lottery.cli;

import lottery.nn.Module;
import lottery.nn.Parameter;
import lottery.nn.data.Datasets;
import lottery.nn.models.Models;
import lottery.pruning.ExperimentConfig;
import lottery.pruning.ExperimentStore;
import lottery.pruning.Imp;
import lottery.pruning.LevelResult;
import lottery.pruning.LevelTask;
import lottery.pruning.LocalExecutor;
import lottery.pruning.NetworkFactory;
import lottery.pruning.NnNetworks;
import lottery.pruning.PruningSchedule;
import lottery.pruning.ResultsTable;
import lottery.pruning.StoreTasks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** Runs (or resumes) an IMP experiment for {@code imp} and {@code run}, then prints the table and writes the report. */
final class ImpRunner {
    private ImpRunner() {}

    /** Builds a configuration (or any value from options), turning a bad value into a usage error (exit code 2). */
    static <T> T config(Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * Every check that needs the model or the data happens before the store is created: a bad
     * setting leaves nothing behind.
     */
    static int run(ExperimentConfig config, Path dataDir, Path out, LocalExecutor executor) throws IOException {
        config(() -> { NnNetworks.checkNames(config); return config; });
        int[] sample = Datasets.sampleShape(config.dataset());
        Module model = Models.create(config.model(), sample, Datasets.classes(config.dataset()), config.seed(), config.modelOptions());
        Map<String, int[]> prunable = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) if (p.prunable()) prunable.put(p.name(), p.shape());
        PruningSchedule schedule = PruningSchedule.of(config);
        config(() -> { schedule.checkLevels(prunable, config.levels()); return config; });
        TrainCommand.checkMemory(config.model(), model, sample, config.batch());
        NetworkFactory networks = NnNetworks.load(config, dataDir);
        config(() -> { Imp.checkRewind(config, networks.iterationsPerEpoch()); return config; });

        ExperimentStore store = ExperimentStore.open(out, config);
        System.out.println("experiment: " + store.dir());
        PruningSchedule.Survivors first = schedule.after(prunable, 0), last = schedule.after(prunable, config.levels());
        System.out.printf(Locale.ROOT, "levels: %d (down to %s%.3g%% of the weights, %,d of %,d), replicates: %d, arms: %s; %s%n",
                config.levels(), last.exact() ? "" : "about ", 100.0 * last.total() / first.total(), last.total(), first.total(),
                config.replicates(), config.arms(),
                describe(executor));
        String thin = schedule.thinLayers(prunable, config.levels());
        if (thin != null) System.err.println("lottery: warning: " + thin);
        List<LevelResult> results;
        try (ImpProgress progress = new ImpProgress(System.out)) {
            results = new Imp(config, networks, store, progress).run(executor);
        }
        StoreTasks.repairSummary(store).ifPresent(m -> System.err.println("lottery: " + m));
        if (store.unchecksummedLevels() > 0)
            System.err.println("lottery: " + store.unchecksummedLevels() + " levels were written before level.json recorded checksums: "
                    + "their mask counts were checked, their bytes could not be");
        ResultsTable table = ReportPlots.write(store);
        System.out.println();
        System.out.print(table.markdown());
        String written = ReportPlots.canDraw() ? "plots and report.md" : "report.md (no plots: this runtime lacks java.desktop)";
        System.out.println("\n" + results.size() + " levels in " + store.dir() + "; " + written
                + " written there (redraw: lottery report " + store.dir() + ")");
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
