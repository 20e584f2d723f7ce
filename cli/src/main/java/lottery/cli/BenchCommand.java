package lottery.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lottery bench}: kernel, training-step and sweep benchmarks, and the JMH suite. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks: dense vs masked vs sparse GEMM against OpenBLAS, training steps, sweeps.",
                "Timing: warm-up until stable, then interleaved timed batches; reported ms is the median per call,",
                "error the 95%% confidence half-width of the mean over batches."},
        subcommands = {BenchGemmCommand.class, BenchTrainCommand.class, BenchSweepCommand.class, BenchReportCommand.class, BenchJmhCommand.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }
}
