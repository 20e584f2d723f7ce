package lottery.cli;

import lottery.pruning.ExperimentStore;
import lottery.pruning.ResultsTable;
import lottery.pruning.StoreTasks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Redraw plots and tables from an experiment store.",
                "Writes accuracy.{png,svg}, early_stop.{png,svg}, first_layer.{png,svg} and report.md into DIR,",
                "and rebuilds summary.json from the levels when it is missing, damaged or stale."})
final class ReportCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "DIR", description = "An experiment store (the directory holding config.json).")
    Path dir;

    @Override public Integer call() throws IOException {
        common.apply();
        ExperimentStore store = ExperimentStore.existing(dir);
        StoreTasks.repairSummary(store).ifPresent(m -> System.err.println("lottery: " + m));   // under the summary lock
        ResultsTable table = ReportPlots.write(store);
        System.out.print(table.markdown());
        System.out.println("report: " + store.dir().resolve("report.md"));
        return 0;
    }
}
