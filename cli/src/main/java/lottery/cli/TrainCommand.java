package lottery.cli;

import lottery.nn.Init;
import lottery.nn.Module;
import lottery.nn.data.Datasets;
import lottery.nn.data.InputNormalization;
import lottery.nn.data.SplitData;
import lottery.nn.data.SplitOptions;
import lottery.nn.models.Models;
import lottery.nn.optim.Schedule;
import lottery.nn.train.DivergedException;
import lottery.nn.train.MemoryEstimate;
import lottery.nn.train.TrainConfig;
import lottery.nn.train.TrainResult;
import lottery.nn.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code lottery train}: trains one network (defaults: the paper's LeNet-300-100 / MNIST setup). */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train one network and report validation/test accuracy and the early-stop iteration.")
final class TrainCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--model", defaultValue = "lenet300",
            description = "lenet300, lenet5, conv2, conv4, conv6, conv2-dropout, conv4-dropout or conv6-dropout "
                    + "(default: ${DEFAULT-VALUE}).")
    String model;
    @Option(names = "--dataset", defaultValue = "mnist", description = "mnist, fashion-mnist or cifar10 (default: ${DEFAULT-VALUE}).")
    String dataset;
    @Option(names = "--data-dir", description = "Folder with the dataset files (default: the cache, fetching MNIST if missing).")
    Path dataDir;
    @Option(names = "--iterations", defaultValue = "50000", description = "Training steps (default: ${DEFAULT-VALUE}).")
    int iterations;
    @Option(names = "--batch", defaultValue = "60", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--lr", defaultValue = "1.2e-3", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--optimizer", defaultValue = "adam", description = "adam or sgd (default: ${DEFAULT-VALUE}).")
    String optimizer;
    @Option(names = "--momentum", defaultValue = "0", description = "SGD momentum (default: ${DEFAULT-VALUE}).")
    double momentum;
    @Option(names = "--nesterov", description = "Nesterov momentum (SGD).")
    boolean nesterov;
    @Option(names = "--weight-decay", defaultValue = "0", description = "L2 weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;
    @Option(names = "--schedule", defaultValue = "constant", description = "constant, step:EVERY:GAMMA or warmup:STEPS (default: ${DEFAULT-VALUE}).")
    String schedule;
    @Option(names = "--eval-every", defaultValue = "100", description = "Evaluate every N iterations (default: ${DEFAULT-VALUE}).")
    int evalEvery;
    @Mixin VariantOptions variant;
    @Option(names = "--out", description = "Write metrics.csv, summary.json and model.safetensors into this folder.")
    Path out;

    @Override public Integer call() throws IOException {
        common.apply();
        TrainConfig cfg;
        Models.Options options;
        InputNormalization.Kind normalize;
        try {
            cfg = new TrainConfig(iterations, batch, optimizer.toLowerCase(Locale.ROOT), lr, momentum, nesterov, weightDecay,
                    Schedule.parse(schedule), evalEvery, common.seed);
            if (!Models.NAMES.contains(model))
                throw new IllegalArgumentException("unknown --model '" + model + "' (choose one of "
                        + String.join(", ", Models.NAMES) + ")");
            options = new Models.Options(variant.dropout(model), Init.parse(variant.init));
            normalize = InputNormalization.Kind.parse(variant.normalize);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (iterations < 1)
            throw new UsageException("--iterations must be >= 1, got " + iterations + " (0 would only evaluate the untrained network)");
        String name = DataCommand.dataset(dataset);
        Module net = Models.create(model, Datasets.sampleShape(name), Datasets.classes(name), common.seed, options);
        checkMemory(model, net, Datasets.sampleShape(name), batch);
        SplitData data = Datasets.load(name, dataDir, true, SplitOptions.normalized(normalize));
        TrainOutputs outputs = out == null ? null : TrainOutputs.create(out, model, name, cfg);
        System.out.printf(Locale.ROOT, "%s on %s: %d train / %d validation / %d test, %,d parameters, %d iterations of batch %d%n",
                model, name, data.train().size(), data.validation().size(), data.test().size(), net.parameterCount(), iterations, batch);
        TrainResult result;
        try (TrainProgress progress = new TrainProgress(cfg, outputs)) {
            try {
                result = Trainer.train(net, cfg, data, progress);
            } catch (DivergedException e) {
                if (outputs != null) outputs.writeDiverged(e);
                throw e;
            }
        }
        System.out.printf(Locale.ROOT, "early stop: iteration %d, test accuracy %.2f%%%n", result.earlyStopIteration(), 100 * result.earlyStopTestAccuracy());
        System.out.printf(Locale.ROOT, "final: test accuracy %.2f%%, validation loss %.4f%n", 100 * result.finalTestAccuracy(), result.finalValLoss());
        System.out.printf(Locale.ROOT, "wall time %.1f s (%.1f iterations/s)%n", result.wallSeconds(), result.iterationsPerSecond());
        if (outputs != null) {
            outputs.writeFinal(net, result, data.metadata(), options);
            System.out.println("wrote " + out.resolve(TrainOutputs.METRICS) + ", " + TrainOutputs.SUMMARY + ", " + TrainOutputs.WEIGHTS);
        }
        return 0;
    }

    /** A usage error (exit 2, one line) when {@code batch} could never fit (checked before loading data): see {@link MemoryEstimate}. */
    static void checkMemory(String model, Module net, int[] sampleShape, int batch) {
        try {
            MemoryEstimate.of(model, net, sampleShape).check(batch);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
