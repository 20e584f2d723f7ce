package lottery.bench;

import java.nio.file.Path;
import java.util.List;

/** Magnitude masks of trained networks from an experiment store's mask.safetensors files, as benchmark patterns. */
public final class StoreMasks {
    private StoreMasks() {}

    public static List<KernelBench> benches(Path store, int[] batches, List<Impl> impls, int[] threads, TimingPlan plan, long seed,
                                            KernelBench.TaskFactory factory) {
        throw new UnsupportedOperationException("--store needs the safetensors reader of lottery.nn.io, which this build does not have yet");
    }
}
