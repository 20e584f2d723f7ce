package lottery.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "imp", mixinStandardHelpOptions = true, description = "Iterative magnitude pruning with rewinding, every knob exposed.")
final class ImpCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override public Integer call() {
        common.apply();
        throw new UnsupportedOperationException("'imp' is not built yet");
    }
}
