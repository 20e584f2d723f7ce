package lottery.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lottery} command: lottery-ticket experiments and sparse-kernel benchmarks. */
@Command(name = "lottery", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Lottery-ticket experiments on a from-scratch tensor engine with fused pruning masks.",
        subcommands = {
                RunCommand.class, TrainCommand.class, ImpCommand.class, SweepCommand.class, StabilityCommand.class, ReportCommand.class,
                BenchCommand.class, DataCommand.class, GpuCheckCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code (0 ok, 1 runtime failure, 2 bad usage). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler(Errors::onBadUsage);
        cl.setExecutionExceptionHandler(Errors::onFailure);
        try {
            return cl.execute(args);
        } catch (Error e) {                      // picocli hands on Errors (out of memory, stack overflow) untouched
            return Errors.onError(e, cl.getErr());
        }
    }
}
