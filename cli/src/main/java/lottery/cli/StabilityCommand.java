package lottery.cli;

import lottery.nn.io.AtomicFiles;
import lottery.pruning.Arm;
import lottery.pruning.ExperimentConfig;
import lottery.pruning.ExperimentStore;
import lottery.pruning.NnNetworks;
import lottery.pruning.Stability;
import lottery.pruning.StabilityPoint;
import lottery.pruning.StabilityReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "stability", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Instability analysis (linear mode connectivity) of the networks of an experiment store.",
                "For every rewind step k and replicate, start from θk of the dense run under the mask of the dense network",
                "(level 0) and of ticket level --level, train two copies to the end with different data orders, and measure the",
                "test error at --points evenly spaced points on the straight line between them. The error barrier is the",
                "largest error on that line minus the mean of its endpoints' errors. Writes stability.json, stability.md,",
                "instability.{png,svg} and interpolation-levelNN.{png,svg} under DIR/stability/; a killed run resumes."})
final class StabilityCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "DIR", description = "An experiment store (the directory holding config.json).")
    Path dir;
    @Option(names = "--level", required = true, description = "The ticket level to analyse next to the dense network (level 0).")
    int level;
    @Option(names = "--rewind", required = true, description = "Rewind steps k, e.g. 0,100,500,2000it or 0,1ep,2ep.")
    String rewind;
    @Option(names = "--replicates", description = "Replicates 0..N-1 (default: every replicate of the store that has the level).")
    Integer replicates;
    @Option(names = "--points", defaultValue = "30",
            description = "Points on the line, both endpoints included (default: ${DEFAULT-VALUE}).")
    int points;
    @Option(names = "--same-order", description = "Control: both copies see the same data order (their barrier must be 0).")
    boolean sameOrder;
    @Option(names = "--data-dir", description = "Directory with the dataset files (default: the cache).")
    Path dataDir;

    @Override public Integer call() throws IOException {
        common.apply();
        ExperimentStore store = ExperimentStore.existing(dir);
        ExperimentConfig config = ImpRunner.config(() -> ExperimentConfig.fromIdentity(identity(store), level));
        String recorded = readHash(store);
        if (!config.hash().equals(recorded))
            throw new IllegalStateException(store.dir() + "/config.json records hash " + recorded + " but its fields hash to "
                    + config.hash() + " (a store from an older version, or edited); run the experiment again into a new store");
        if (level < 0) throw new UsageException("--level must be >= 0, got " + level);
        Stability.Settings settings = ImpRunner.config(() -> new Stability.Settings(points, sameOrder));
        NnNetworks networks = NnNetworks.load(config, dataDir);
        List<Integer> ks = ImpRunner.config(() -> Stability.parseRewindPoints(rewind, networks.iterationsPerEpoch(), config.iterations()));
        List<Integer> reps = replicates(store);
        List<Integer> levels = level == 0 ? List.of(0) : List.of(0, level);
        System.out.println("stability of " + store.dir() + ": levels " + levels + ", k " + ks + ", replicates " + reps
                + ", " + points + " points" + (sameOrder ? ", same data order (control)" : ""));
        List<StabilityPoint> measured;
        Path out;
        try (StabilityProgress progress = new StabilityProgress(System.out)) {
            Stability stability = new Stability(config, networks, store, settings, progress);
            out = stability.dir();
            measured = stability.run(levels, ks, reps);
        }
        StabilityReport report = StabilityReport.of(measured, store.readMasks(Arm.TICKET, reps.getFirst(), 0).weightsRemaining());
        String name = store.dir().getFileName().toString();
        AtomicFiles.writeJson(out.resolve("stability.json"), report.json(name, settings, config.iterations(), measured));
        String md = "# Instability analysis of " + store.dir().getFileName() + "\n\nError barrier in percentage points of test error, "
                + "mean ± standard deviation [min, max] over " + reps.size() + " replicate(s); two copies trained from step k to "
                + config.iterations() + (sameOrder ? " with the same data order" : " with different data orders") + ", " + points
                + " points on the line.\n\n" + report.markdown() + "\n![instability](instability.png)\n";
        AtomicFiles.writeString(out.resolve("stability.md"), md);
        StabilityPlots.write(report, out);
        System.out.println();
        System.out.print(report.markdown());
        System.out.println("\nwrote stability.json, stability.md and the plots to " + out);
        return 0;
    }

    private static com.fasterxml.jackson.databind.JsonNode identity(ExperimentStore store) {
        try {
            return store.identity();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String readHash(ExperimentStore store) throws IOException {
        Path config = store.dir().resolve("config.json");
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(config.toFile()).path("hash").asText();
    }

    /** --replicates 0..N-1, or every replicate whose ticket level --level is finished. */
    private List<Integer> replicates(ExperimentStore store) {
        List<Integer> reps = new ArrayList<>();
        if (replicates != null) {
            if (replicates < 1) throw new UsageException("--replicates must be >= 1, got " + replicates);
            for (int r = 0; r < replicates; r++) reps.add(r);
            return reps;
        }
        for (int r = 0; Files.exists(store.resultFile(Arm.TICKET, r, 0)); r++)
            if (Files.exists(store.resultFile(Arm.TICKET, r, level))) reps.add(r);
        if (reps.isEmpty()) throw new IllegalArgumentException(store.dir() + " has no replicate with ticket level " + level);
        return reps;
    }
}
