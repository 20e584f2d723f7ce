package lottery.cli;

import lottery.bench.BenchConfig;
import lottery.bench.Impl;
import lottery.bench.Layer;
import lottery.bench.MaskPattern;
import lottery.bench.ShapeSpec;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Options the bench subcommands share, parsed into checked values (bad input: UsageException, exit 2). */
final class BenchOptions {
    static final String ALL_DENSITIES = "1.0,0.5,0.2,0.1,0.05,0.036,0.02,0.01";

    @Option(names = "--threads", description = "Comma-separated thread counts (default: 1 and all cores).")
    String threads;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu or cuda (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for inputs and masks (default: ${DEFAULT-VALUE}).")
    long seed;

    int[] threads(String dflt) {
        int[] t = ints(threads == null ? dflt : threads, "--threads");
        for (int v : t) if (v < 1) throw new UsageException("--threads: thread count must be >= 1, got " + v);
        return t;
    }

    static String defaultThreads() {
        int all = Runtime.getRuntime().availableProcessors();
        return all == 1 ? "1" : all == 2 ? "1,2" : "1,2," + all;
    }

    boolean cuda() {
        if (!device.equals("cpu") && !device.equals("cuda")) throw new UsageException("--device must be cpu or cuda, got '" + device + "'");
        return device.equals("cuda");
    }

    static int[] ints(String csv, String option) {
        try {
            return Arrays.stream(csv.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new UsageException(option + ": '" + csv + "' is not a comma-separated list of integers");
        }
    }

    static double[] densities(String csv) {
        double[] d;
        try {
            d = Arrays.stream(csv.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw new UsageException("--densities: '" + csv + "' is not a comma-separated list of numbers");
        }
        for (double v : d) {
            try {
                BenchConfig.checkDensity(v);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--densities: " + e.getMessage());
            }
        }
        return d;
    }

    static List<Layer> shapes(String csv) {
        try {
            return ShapeSpec.parseList(csv);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--shapes: " + e.getMessage());
        }
    }

    static List<Impl> impls(String csv) {
        List<Impl> out = new ArrayList<>();
        try {
            for (String s : csv.split(",")) out.add(Impl.parse(s));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--impls: " + e.getMessage());
        }
        return out;
    }

    static List<MaskPattern> patterns(String csv) {
        List<MaskPattern> out = new ArrayList<>();
        try {
            for (String s : csv.split(",")) out.add(MaskPattern.parse(s));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--patterns: " + e.getMessage());
        }
        return out;
    }

    static int[] batches(String csv) {
        int[] b = ints(csv, "--batches");
        for (int v : b) if (v < 1) throw new UsageException("--batches: batch must be >= 1, got " + v);
        return b;
    }
}
