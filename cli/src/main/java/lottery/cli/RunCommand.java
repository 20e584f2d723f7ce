package lottery.cli;

import lottery.pruning.Arm;
import lottery.pruning.ExperimentConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"The lottery-ticket demo on LeNet-300-100 / MNIST (fetched automatically).",
                "demo: winning ticket vs random reinitialisation, 12 pruning levels (down to 7%% of the weights) on a",
                "shortened schedule that takes 2-3 minutes on two cores (6000 iterations per level); paper: the paper's schedule (50K iterations,",
                "batch 60, Adam 1.2e-3, evaluation every 100) for 18 levels (1.9%%), 5 replicates, all four arms.",
                "Prints the table, writes the store and plots under --out; running again resumes."})
final class RunCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin JobsOption jobs;

    @Option(names = "--preset", defaultValue = "demo", description = "demo or paper (default: ${DEFAULT-VALUE}).")
    String preset;
    @Option(names = "--data-dir", description = "Directory with the MNIST files (default: the cache, fetched when missing).")
    Path dataDir;
    @Option(names = "--out", defaultValue = "runs", description = "Where experiment stores go (default: ${DEFAULT-VALUE}).")
    Path out;

    /** The demo's shortened schedule: iterations per level and evaluation interval, calibrated on two cores. */
    static final int DEMO_ITERATIONS = 6000, DEMO_EVAL_EVERY = 200, DEMO_LEVELS = 12;

    @Override public Integer call() throws IOException {
        common.apply();
        ExperimentConfig config = ImpRunner.config(() -> switch (preset) {
            case "demo" -> new ExperimentConfig("lenet300", "mnist", "layerwise", 0.2, 0.1, 0.15, "init", DEMO_ITERATIONS, 60, "adam",
                    1.2e-3, 0.9, 0, DEMO_EVAL_EVERY, common.seed, DEMO_LEVELS, 1, List.of(Arm.TICKET, Arm.REINIT));
            case "paper" -> new ExperimentConfig("lenet300", "mnist", "layerwise", 0.2, 0.1, 0.15, "init", 50_000, 60, "adam",
                    1.2e-3, 0.9, 0, 100, common.seed, 18, 5, List.of(Arm.values()));
            default -> throw new IllegalArgumentException("--preset must be demo or paper, got '" + preset + "'");
        });
        return ImpRunner.run(config, dataDir, out, jobs.executor(common.threads, JobsOption.width(config)));
    }
}
