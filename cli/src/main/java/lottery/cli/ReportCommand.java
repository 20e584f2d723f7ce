package lottery.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true, description = "Redraw plots and tables from an experiment store.")
final class ReportCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override public Integer call() {
        common.apply();
        throw new UnsupportedOperationException("'report' is not built yet");
    }
}
