package lottery.cli;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lottery bench jmh [JMH args]}: the JMH suite (lottery.bench.jmh) with JMH's own command line. */
@Command(name = "jmh", mixinStandardHelpOptions = true,
        description = {"Runs the JMH micro-benchmarks packaged in this jar with JMH's options, e.g.",
                "  lottery bench jmh GemmJmh -p shape=lenet300.fc1 -p op=forward -f 1 -wi 3 -i 5",
                "  lottery bench jmh -l            (list benchmarks)     lottery bench jmh -- -h   (JMH's help)",
                "Params of GemmJmh: shape (lenet300.fc1|fc2|fc3, square:N, linear:OUTxIN), op, batch, threads,",
                "variant (dense, openblas, masked@D, sparse@D). Defaults: 2 forks, 5 x 1 s warm-up, 5 x 1 s measurement.",
                "Reported error is JMH's (99.9%% confidence interval). Without the launcher:",
                "  java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp cli/target/lottery.jar \\",
                "       org.openjdk.jmh.Main GemmJmh -p shape=lenet300.fc1"})
final class BenchJmhCommand implements Callable<Integer> {
    /** Everything not ours goes to JMH, in order (no positional parameters are declared, so nothing is reordered). */
    @Unmatched List<String> jmhArgs = new ArrayList<>();

    @Override public Integer call() throws RunnerException, java.io.IOException {
        List<String> args = new ArrayList<>(jmhArgs);
        if (!args.isEmpty() && args.get(0).equals("--")) args.remove(0);
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(args.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            throw new UsageException("JMH: " + e.getMessage());
        }
        Runner runner = new Runner(options);
        if (options.shouldHelp()) { options.showHelp(); return 0; }
        if (options.shouldList() || options.shouldListWithParams()) { runner.list(); return 0; }
        if (options.shouldListProfilers() || options.shouldListResultFormats()) {
            throw new UsageException("JMH: use the java command for -lprof / -lrf: java -cp lottery.jar org.openjdk.jmh.Main " + String.join(" ", args));
        }
        Collection<RunResult> results = runner.run();
        if (results.isEmpty()) throw new IllegalArgumentException("JMH ran no benchmark; list them with 'lottery bench jmh -l'");
        return 0;
    }
}
