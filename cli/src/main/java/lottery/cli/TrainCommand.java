package lottery.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true, description = "Train one network.")
final class TrainCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override public Integer call() {
        common.apply();
        throw new UnsupportedOperationException("'train' is not built yet");
    }
}
