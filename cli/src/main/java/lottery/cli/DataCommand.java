package lottery.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "data", mixinStandardHelpOptions = true, description = "Fetch and check datasets.")
final class DataCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override public Integer call() {
        common.apply();
        throw new UnsupportedOperationException("'data' is not built yet");
    }
}
