package lottery.cli;

import lottery.nn.data.Datasets;
import lottery.pruning.Arm;
import lottery.pruning.ExperimentConfig;
import lottery.pruning.LevelTask;
import lottery.pruning.sweep.Cells;
import lottery.pruning.Presets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "imp", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Iterative magnitude pruning with rewinding, every knob exposed.",
                "Defaults: the paper's LeNet-300-100 / MNIST setup. Results go to <out>/<model>-<dataset>-<hash>/;",
                "running again resumes at the first unfinished level and never redoes a finished one."})
final class ImpCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin JobsOption jobs;

    @Option(names = "--model", defaultValue = "lenet300",
            description = "lenet300, lenet5, conv2, conv4, conv6, conv2-dropout, conv4-dropout or conv6-dropout "
                    + "(default: ${DEFAULT-VALUE}).")
    String model;
    @Option(names = "--dataset", defaultValue = "mnist", description = "Dataset name (default: ${DEFAULT-VALUE}).")
    String dataset;
    @Option(names = "--data-dir", description = "Directory with the dataset files (default: the cache, fetched when missing).")
    Path dataDir;
    @Option(names = "--strategy", defaultValue = "layerwise",
            description = "layerwise, global, random, nm:N:M (N:M along the inputs; stepped over levels: nm:4:8,2:8,1:8), "
                    + "block:RxC or block:RxC:global (whole R×C blocks by L2 norm, at the rates) (default: ${DEFAULT-VALUE}).")
    String strategy;
    @Option(names = "--rate", defaultValue = "0.2", description = "Fraction of the surviving weights pruned per round, per fully-connected layer (global: overall) (default: ${DEFAULT-VALUE}).")
    double rate;
    @Option(names = "--output-rate", defaultValue = "0.1", description = "Rate for the output layer (default: ${DEFAULT-VALUE}).")
    double outputRate;
    @Option(names = "--conv-rate", description = "Rate for convolution layers (default: the paper's, 0.1 for conv2 and conv4, else 0.15).")
    Double convRate;
    @Option(names = "--rewind", defaultValue = "init",
            description = "init, none (fine-tune), <k>it or <k>ep (late rewinding: survivors reset to θk, training resumes at step k "
                    + "with the dense run's schedule and data order, fresh optimizer; an epoch is the loader's full batches) "
                    + "(default: ${DEFAULT-VALUE}).")
    String rewind;
    @Option(names = "--levels", defaultValue = "18", description = "Pruning rounds after the dense level 0 (default: ${DEFAULT-VALUE}).")
    int levels;
    @Option(names = "--replicates", defaultValue = "1",
            description = "Independent replicates (seeds); they run side by side with --jobs (default: ${DEFAULT-VALUE}).")
    int replicates;
    @Option(names = "--arms", defaultValue = "ticket", description = "Comma-separated: ticket,reinit,random,finetune (default: ${DEFAULT-VALUE}).")
    String arms;
    @Option(names = "--iterations", defaultValue = "50000", description = "Training iterations per level (default: ${DEFAULT-VALUE}).")
    int iterations;
    @Option(names = "--optimizer", defaultValue = "adam", description = "adam or sgd (default: ${DEFAULT-VALUE}).")
    String optimizer;
    @Option(names = "--lr", defaultValue = "1.2e-3", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum (default: ${DEFAULT-VALUE}).")
    double momentum;
    @Option(names = "--weight-decay", defaultValue = "0", description = "Weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;
    @Option(names = "--batch", defaultValue = "60", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--eval-every", defaultValue = "100", description = "Iterations between evaluations; early stop = minimum validation loss (default: ${DEFAULT-VALUE}).")
    int evalEvery;
    @Mixin VariantOptions variant;
    @Option(names = "--out", defaultValue = "runs", description = "Where experiment stores go (default: ${DEFAULT-VALUE}).")
    Path out;
    @Option(names = "--config", paramLabel = "FILE",
            description = "Take the whole experiment (every option above but --data-dir and --out) from a JSON file, "
                    + "as `lottery sweep` writes one per cell.")
    Path configFile;
    @Option(names = "--task", paramLabel = "ARM/repR/levelL",
            description = "Run only this training, e.g. ticket/rep0/level03 (a cluster task's share); "
                    + "the trainings it needs must be finished.")
    String task;

    @Override public Integer call() throws IOException {
        common.apply();
        ExperimentConfig config = configFile != null ? ImpRunner.config(() -> Cells.readConfig(configFile)) : ImpRunner.config(() ->
                variant.apply(new ExperimentConfig(model, Datasets.canonical(dataset), strategy, rate, outputRate,
                        convRate != null ? convRate : Presets.convRate(model), rewind, iterations, batch, optimizer, lr, momentum,
                        weightDecay, evalEvery, common.seed, levels, replicates, Arm.parseList(arms))));
        if (task != null) {
            LevelTask t;
            try {
                t = LevelTask.parse(task);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--task: " + e.getMessage());
            }
            return ImpRunner.runOne(config, dataDir, out, t);
        }
        return ImpRunner.run(config, dataDir, out, jobs.executor(common.threads, JobsOption.width(config)));
    }
}
