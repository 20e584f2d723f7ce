package lottery.cli;

import lottery.pruning.Arm;
import lottery.pruning.ExperimentConfig;
import lottery.pruning.Presets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The lottery-ticket experiment with a preset.",
                "demo (LeNet-300-100 / MNIST, fetched automatically): winning ticket vs random reinitialisation, 12 pruning levels",
                "(down to 7%% of the weights) on a shortened schedule that takes 2-3 minutes on two cores (6000 iterations per level).",
                "paper: the paper's settings for --model lenet300 (MNIST: Adam 1.2e-3, 50K iterations, 20 levels down to 1.2%%),",
                "conv2 (CIFAR-10: Adam 2e-4, 20K), conv4 (Adam 3e-4, 25K) or conv6 (Adam 3e-4, 30K, conv rate 15%%), or their",
                "-dropout variants; batch 60, evaluation every 100, 5 replicates, all four arms. CIFAR-10 must be added first",
                "(lottery data fetch cifar10 says how). Prints the table, writes the store and plots under --out; running again resumes."})
final class RunCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin JobsOption jobs;

    @Option(names = "--preset", defaultValue = "demo", description = "demo or paper (default: ${DEFAULT-VALUE}).")
    String preset;
    @Option(names = "--model", defaultValue = "lenet300",
            description = "paper preset: lenet300, conv2, conv4, conv6 or conv2/4/6-dropout (default: ${DEFAULT-VALUE}).")
    String model;
    @Option(names = "--replicates", description = "Replicates to run (default: the preset's: 1 for demo, 5 for paper).")
    Integer replicates;
    @Option(names = "--levels", description = "Pruning levels to run (default: the preset's).")
    Integer levels;
    @Option(names = "--arms", description = "Arms to run, e.g. ticket,reinit (default: the preset's).")
    String arms;
    @Option(names = "--strategy", description = "Pruning strategy, as lottery imp's --strategy (default: the preset's, layerwise).")
    String strategy;
    @Mixin VariantOptions variant;
    @Option(names = "--data-dir", description = "Directory with the dataset files (default: the cache; MNIST is fetched when missing).")
    Path dataDir;
    @Option(names = "--out", defaultValue = "runs", description = "Where experiment stores go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override public Integer call() throws IOException {
        common.apply();
        ExperimentConfig config = ImpRunner.config(() -> {
            ExperimentConfig c = switch (preset) {
                case "demo" -> {
                    if (!model.equals("lenet300"))
                        throw new IllegalArgumentException("the demo preset is LeNet-300-100 only; use --preset paper");
                    yield Presets.demo(common.seed);
                }
                case "paper" -> Presets.paper(model, common.seed);
                default -> throw new IllegalArgumentException("--preset must be demo or paper, got '" + preset + "'");
            };
            c = variant.apply(c);
            if (strategy != null) c = c.withStrategy(strategy);
            return c.withExtent(levels != null ? levels : c.levels(), replicates != null ? replicates : c.replicates(),
                    arms != null ? Arm.parseList(arms) : c.arms());
        });
        System.out.println("preset " + preset + ": " + Presets.impCommand(config));
        return ImpRunner.run(config, dataDir, out, jobs.executor(common.threads, JobsOption.width(config)));
    }
}
