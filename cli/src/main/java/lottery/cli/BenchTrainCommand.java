package lottery.cli;

import lottery.bench.BenchJson;
import lottery.bench.MachineFacts;
import lottery.bench.OpenBlas;
import lottery.bench.TimingPlan;
import lottery.bench.TrainStepBench;
import lottery.bench.TrainStepRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lottery bench train}: ms per training step of a model, dense and masked, against its OpenBLAS GEMM floor. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Times one forward + backward + Adam step of --model at batch 60 (median ms over many steps after warm-up),",
                "dense and with every weight layer masked to each density, at 1 and 2 threads; LeNets on MNIST-shaped inputs",
                "(1x28x28), Conv-2/4/6 on CIFAR-shaped ones (3x32x32). In the same run the step's GEMM floor: the same lowered",
                "forward and backward products (a convolution as one im2col product over the whole batch) done by OpenBLAS,",
                "summed. Prints step / floor, masked step / dense step and mask memory (bit-packed vs 4-byte float masks)."})
final class BenchTrainCommand implements Callable<Integer> {
    @Mixin BenchOptions common;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the records as a JSON array to FILE.")
    Path json;

    @Option(names = "--model", defaultValue = "lenet300", description = "lenet300, lenet5, conv2, conv4 or conv6 (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--densities", description = "Weights remaining; 1.0 is the dense step (default: 1.0,0.036 for lenet300, "
            + "1.0,0.2,0.1,0.036 for the others).")
    String densities;

    @Option(names = "--eval", paramLabel = "N", defaultValue = "0",
            description = "Also time one evaluation of the dense model over N random images per thread count (the training loop "
                    + "evaluates 15000: validation + test); its floor is the forward products by OpenBLAS times N/60.")
    int evalImages;

    @Option(names = "--quick", description = "Fewer, shorter timed rounds.")
    boolean quick;

    @Override public Integer call() throws IOException {
        if (common.cuda()) throw new UnsupportedOperationException("bench train runs on the CPU only; drop --device cuda");
        int[] threads = common.threads(BenchOptions.defaultThreads());
        if (!TrainStepBench.MODELS.contains(model))
            throw new UsageException("--model: unknown model '" + model + "' (choose one of " + String.join(", ", TrainStepBench.MODELS) + ")");
        if (evalImages < 0) throw new UsageException("--eval must be >= 0, got " + evalImages);
        String d = densities != null ? densities : model.equals("lenet300") ? "1.0,0.036" : "1.0,0.2,0.1,0.036";
        List<TrainStepBench.Plan> plans = java.util.Arrays.stream(BenchOptions.densities(d)).mapToObj(TrainStepBench.Plan::uniform).toList();
        if (!TrainStepBench.available()) throw new UnsupportedOperationException("bench train unavailable: " + TrainStepBench.unavailableReason());
        OpenBlas.require();
        TimingPlan plan = quick ? TimingPlan.QUICK : TimingPlan.FULL;
        System.out.println("machine: " + MachineFacts.current().oneLine());
        List<TrainStepRecord> records;
        try (BenchProgress progress = new BenchProgress("bench train")) {
            progress.start(TrainStepBench.estimate(model, plans, threads, plan));
            records = TrainStepBench.run(model, plans, threads, plan, evalImages, common.seed, progress);
        }
        System.out.print(TrainStepRecord.markdown(records));
        if (json != null) {
            BenchJson.writeAtomic(json, BenchJson.toJson(records));
            System.out.println("wrote " + records.size() + " records to " + json);
        }
        return 0;
    }
}
