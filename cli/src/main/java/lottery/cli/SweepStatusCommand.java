package lottery.cli;

import lottery.pruning.sweep.SweepStatus;
import lottery.pruning.sweep.Sweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Where each cell of a sweep stands.",
                "Levels finished, running (from the leases and squeue), queued and failed,",
                "with the failing task's last log line."})
final class SweepStatusCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ROOT", description = "The sweep's output root.")
    Path root;

    @Override public Integer call() throws IOException {
        Sweep sweep = SweepCommand.open(root);
        SweepStatus status = SweepStatus.of(sweep);
        System.out.print(status.markdown());
        if (status.squeueError() != null) System.out.println("(squeue: " + status.squeueError() + ")");
        return 0;
    }
}
