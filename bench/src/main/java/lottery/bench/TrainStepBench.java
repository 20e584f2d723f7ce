package lottery.bench;

import java.util.List;

/** Times one LeNet-300-100 training step (forward + backward + Adam, batch 60), dense and masked, against its OpenBLAS GEMM floor. */
public final class TrainStepBench {
    private TrainStepBench() {}

    public static boolean available() { return false; }

    public static String unavailableReason() { return "the lottery.nn model and optimizer are not in this build yet"; }

    public static long estimate(double[] densities, int[] threads, TimingPlan plan) { return 0; }

    public static List<TrainStepRecord> run(double[] densities, int[] threads, TimingPlan plan, long seed, Progress progress) {
        throw new UnsupportedOperationException(unavailableReason());
    }
}
