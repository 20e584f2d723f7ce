package lottery.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true, description = "The lottery-ticket demo on LeNet-300-100 / MNIST.")
final class RunCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override public Integer call() {
        common.apply();
        throw new UnsupportedOperationException("'run' is not built yet");
    }
}
