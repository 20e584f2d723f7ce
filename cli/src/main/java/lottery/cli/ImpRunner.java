package lottery.cli;

import lottery.pruning.ExperimentConfig;
import lottery.pruning.ExperimentStore;
import lottery.pruning.Imp;
import lottery.pruning.LevelResult;
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

    static int run(ExperimentConfig config, Path dataDir, Path out) throws IOException {
        config(() -> { NnNetworks.checkNames(config); return config; });
        NetworkFactory networks = NnNetworks.load(config, dataDir);
        ExperimentStore store = ExperimentStore.open(out, config);
        System.out.println("experiment: " + store.dir());
        System.out.printf("levels: %d, replicates: %d (run one after another), arms: %s%n", config.levels(), config.replicates(), config.arms());
        List<LevelResult> results;
        try (ImpProgress progress = new ImpProgress(System.out)) {
            results = new Imp(config, networks, store, progress).run();
        }
        ResultsTable table = ReportPlots.write(store);
        System.out.println();
        System.out.print(table.markdown());
        String written = ReportPlots.canDraw() ? "plots and report.md" : "report.md (no plots: this runtime lacks java.desktop)";
        System.out.println("\n" + results.size() + " levels in " + store.dir() + "; " + written
                + " written there (redraw: lottery report " + store.dir() + ")");
        return 0;
    }
}
