package lottery.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "gpu-check", mixinStandardHelpOptions = true, description = "Report the CUDA device and run the kernel self-tests.")
final class GpuCheckCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override public Integer call() {
        common.apply();
        throw new UnsupportedOperationException("'gpu-check' is not built yet");
    }
}
