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

/** {@code lottery bench train}: ms per LeNet-300-100 training step, dense and masked, against its OpenBLAS GEMM floor. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Times one forward + backward + Adam step of LeNet-300-100 at batch 60 (median ms over many steps after",
                "warm-up), dense and with every layer masked to 3.6%% density, at 1 and 2 threads; in the same run the step's",
                "GEMM floor: the same forward and backward products done by OpenBLAS, summed. Prints dense step / floor,",
                "masked step / dense step and mask memory (bit-packed vs 4-byte float masks)."})
final class BenchTrainCommand implements Callable<Integer> {
    @Mixin BenchOptions common;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the records as a JSON array to FILE.")
    Path json;

    @Option(names = "--densities", defaultValue = "1.0,0.036", description = "Weights remaining; 1.0 is the dense step (default: ${DEFAULT-VALUE}).")
    String densities;

    @Option(names = "--quick", description = "Fewer, shorter timed rounds.")
    boolean quick;

    @Override public Integer call() throws IOException {
        if (common.cuda()) throw new UnsupportedOperationException("bench train runs on the CPU only; drop --device cuda");
        int[] threads = common.threads(BenchOptions.defaultThreads());
        List<TrainStepBench.Plan> plans = java.util.Arrays.stream(BenchOptions.densities(densities)).mapToObj(TrainStepBench.Plan::uniform).toList();
        if (!TrainStepBench.available()) throw new UnsupportedOperationException("bench train unavailable: " + TrainStepBench.unavailableReason());
        OpenBlas.require();
        TimingPlan plan = quick ? TimingPlan.QUICK : TimingPlan.FULL;
        System.out.println("machine: " + MachineFacts.current().oneLine());
        List<TrainStepRecord> records;
        try (BenchProgress progress = new BenchProgress("bench train")) {
            progress.start(TrainStepBench.estimate(plans, threads, plan));
            records = TrainStepBench.run(plans, threads, plan, common.seed, progress);
        }
        System.out.print(TrainStepRecord.markdown(records));
        if (json != null) {
            BenchJson.writeAtomic(json, BenchJson.toJson(records));
            System.out.println("wrote " + records.size() + " records to " + json);
        }
        return 0;
    }
}
