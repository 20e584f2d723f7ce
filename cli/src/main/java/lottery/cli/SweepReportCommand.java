package lottery.cli;

import lottery.pruning.sweep.Sweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"One comparison across the sweep's cells.",
                "Accuracy and early-stop iteration vs weights remaining (one line per cell and arm)",
                "and a Markdown table in ROOT/report.md; each cell also gets its own `lottery report`."})
final class SweepReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ROOT", description = "The sweep's output root.")
    Path root;

    @Override public Integer call() throws IOException {
        SweepReport.Result r = SweepReport.write(SweepCommand.open(root));
        System.out.print(r.markdown());
        System.out.println("\nreport: " + r.file());
        return 0;
    }
}
