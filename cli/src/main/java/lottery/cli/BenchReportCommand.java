package lottery.cli;

import lottery.bench.BenchJson;
import lottery.bench.SweepReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lottery bench report DIR}: sweep.md and the plots again from a sweep's sweep.json, without measuring anything. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Re-renders sweep.md (crossovers recomputed) and the plots of a 'bench sweep' output directory",
                "from its sweep.json, e.g. after merging records or with a newer version of the plots. Measures nothing."})
final class BenchReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "Directory written by 'lottery bench sweep' (holds sweep.json).")
    Path dir;

    @Override public Integer call() throws IOException {
        Path json = dir.resolve("sweep.json");
        if (!Files.isRegularFile(json)) throw new UsageException(dir + " has no sweep.json; give the --out directory of 'lottery bench sweep'");
        SweepReport read;
        try {
            read = BenchJson.MAPPER.readValue(json.toFile(), SweepReport.class);
        } catch (IOException e) {
            throw new IOException(json + " is not a sweep report (" + e.getMessage().lines().findFirst().orElse("unreadable") + ")", e);
        }
        if (read.records() == null || read.machine() == null) throw new IOException(json + " is not a sweep report (no machine or records)");
        SweepReport report = SweepReport.of(read.machine(), read.timing(), read.records(), read.trainSteps() == null ? List.of() : read.trainSteps());
        BenchJson.writeAtomic(dir.resolve("sweep.md"), report.markdown());
        List<String> plots = BenchPlots.write(dir.resolve("plots"), report.records(), report.crossovers(), report.trainSteps());
        System.out.println("wrote " + dir.resolve("sweep.md") + " (" + report.records().size() + " records, " + report.crossovers().size()
                + " crossovers) and " + plots.size() + " plot files under " + dir.resolve("plots"));
        return 0;
    }
}
