package lottery.bench;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Locale;

/**
 * Everything {@code bench sweep} writes: machine facts, how it was timed, the records, the crossovers and
 * (when the training benchmark ran) ms per training step against weights remaining.
 */
@JsonPropertyOrder({"machine", "timing", "records", "crossovers", "trainSteps"})
public record SweepReport(MachineFacts machine, String timing, List<BenchRecord> records, List<Crossovers.Row> crossovers,
                          List<TrainStepRecord> trainSteps) {

    public static final String TIMING = "median ms per call over interleaved timed batches after warm-up until stable; "
            + "error = 95% confidence half-width of the mean over batches (Student t); gflops dense-equivalent 2mnk/time";

    /** {@code timing} says how the kernel records were measured: which statistic ms is and what error means. */
    public static SweepReport of(MachineFacts machine, String timing, List<BenchRecord> records, List<TrainStepRecord> train) {
        return new SweepReport(machine, timing, records, Crossovers.of(records), train);
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder("# Dense vs masked vs sparse GEMM\n\n");
        sb.append("- CPU: ").append(machine.cpu()).append(", ").append(machine.cores()).append(" cores\n");
        sb.append("- Vector width: ").append(machine.vectorBits()).append(" bits (").append(machine.vectorLanes()).append(" floats)\n");
        sb.append("- JDK: ").append(machine.jdk()).append("\n- OS: ").append(machine.os()).append("\n- OpenBLAS: ").append(machine.openblas())
                .append(" (OPENBLAS_THREAD_TIMEOUT=").append(machine.openblasThreadTimeout()).append(")\n");
        sb.append("- Timing: ").append(timing).append("\n\n");
        sb.append("## Crossover density (speedup over dense crosses 1; interpolated in log density)\n\n");
        sb.append("| shape | op | m x n x k | batch | threads | pattern | impl | crossover density |\n|---|---|---|---|---|---|---|---|\n");
        for (Crossovers.Row c : crossovers)
            sb.append(String.format(Locale.ROOT, "| %s | %s | %dx%dx%d | %d | %d | %s | %s | %s |%n", c.shape(), c.op(), c.m(), c.n(), c.k(),
                    c.batch(), c.threads(), c.pattern(), c.impl(), Double.isNaN(c.density()) ? "never" : String.format(Locale.ROOT, "%.3f", c.density())));
        if (trainSteps != null && !trainSteps.isEmpty()) {
            sb.append("\n## LeNet-300-100 training step (batch 60, forward + backward + Adam)\n\n");
            sb.append(TrainStepRecord.markdown(trainSteps));
        }
        sb.append("\n## Times and ratios (masked/dense: time ratio; sparse speedup: dense time / sparse time; dense/openblas: GFLOP/s ratio)\n\n");
        sb.append(TextTable.render(Ratios.rows(records), true));
        sb.append("\n## Achieved GFLOP/s and bytes (gflops dense-equivalent; kept = on kept weights; bytes of the weight side, index = mask/index part)\n\n");
        sb.append("| impl | shape | op | m x n x k | batch | threads | pattern | density | ms ± error | gflops | kept gflops | weight bytes | index bytes |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (BenchRecord r : records)
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %dx%dx%d | %d | %d | %s | %s | %.4f ± %.4f | %.2f | %.2f | %d | %d |%n",
                    r.impl(), r.shape(), r.op(), r.m(), r.n(), r.k(), r.batch(), r.threads(), r.pattern(), TextTable.fmt(r.density()),
                    r.ms(), r.error(), r.gflops(), r.keptGflops(), r.weightBytes(), r.indexBytes()));
        return sb.toString();
    }
}
