package lottery.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks: kernels, training steps, sweeps.")
final class BenchCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override public Integer call() {
        common.apply();
        throw new UnsupportedOperationException("'bench' is not built yet");
    }
}
