package lottery.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The sweep command's usage errors and its Slurm dry run (no cluster needed). */
class SweepCommandTest {
    @TempDir Path dir;

    private Path spec() throws IOException {
        Path f = dir.resolve("sweep.yaml");
        Files.writeString(f, """
                out: %s
                replicates: 2
                base: {iterations: 100, eval-every: 50, levels: 1, arms: [ticket, reinit]}
                axes:
                  rewind: [init, 20it]
                """.formatted(dir.resolve("root")));
        return f;
    }

    @Test void aDryRunPrintsOneChainedArrayPerStageAndSubmitsNothing() throws IOException {
        CliRun r = CliRun.of("sweep", spec().toString(), "--executor", "slurm", "--dry-run", "--slurm-opt", "partition=cpu",
                "--slurm-opt", "--time=00:30:00", "--launcher", "/shared/lottery/lottery");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("3 job arrays, 12 tasks"), r.out());
        assertTrue(r.out().contains("# sbatch --parsable --dependency=aftercorr:<job of ticket-L00> "), r.out());
        assertTrue(r.out().contains("#SBATCH --array=0-3\n"), r.out());
        assertTrue(r.out().contains("#SBATCH --partition=cpu\n#SBATCH --time=00:30:00\n"), r.out());
        assertTrue(r.out().contains("exec /shared/lottery/lottery imp --config"), r.out());
        assertFalse(Files.exists(dir.resolve("root/slurm/jobs.json")), "a dry run must submit nothing");
        CliRun status = CliRun.of("sweep", "status", dir.resolve("root").toString());
        assertEquals(0, status.exit(), status.err());
        assertTrue(status.out().contains("| rewind=20it |"), status.out());
        assertTrue(status.out().contains("| 0/6 | 0/2, 0/2 |"), status.out());
    }

    @Test void badUsageIsOneLineAndExitCode2() throws IOException {
        assertEquals(2, CliRun.of("sweep").exit());
        assertEquals(2, CliRun.of("sweep", spec().toString(), "--executor", "pbs").exit());
        assertEquals(2, CliRun.of("sweep", spec().toString(), "--dry-run").exit());
        assertEquals(2, CliRun.of("sweep", spec().toString(), "--executor", "slurm", "--slurm-opt", "array=0-9", "--dry-run").exit());
        assertEquals(2, CliRun.of("sweep", spec().toString(), "--jobs", "0").exit());
        Files.writeString(dir.resolve("bad.yaml"), "out: x\naxes: {colour: [red]}\n");
        CliRun bad = CliRun.of("sweep", dir.resolve("bad.yaml").toString());
        assertEquals(2, bad.exit());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertEquals(2, CliRun.of("sweep", "status", dir.toString()).exit());
        assertEquals(2, CliRun.of("sweep", "report", dir.toString()).exit());
        assertEquals(2, CliRun.of("imp", "--task", "ticket/level3", "--out", dir.toString()).exit());
        assertEquals(2, CliRun.of("imp", "--jobs", "0", "--out", dir.toString(), "--replicates", "2", "--data-dir", dir.toString()).exit());
    }
}
