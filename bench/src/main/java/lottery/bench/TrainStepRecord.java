package lottery.bench;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Locale;

/**
 * One timed training step of {@code model} (forward + backward + Adam, batch 60): {@code mode} dense or masked,
 * {@code density} the weights remaining, {@code ms} the median step time, {@code floorMs} the same step's GEMMs
 * done by OpenBLAS (dense), summed; mask memory as bit-packed bytes against 4-byte float masks.
 */
@JsonPropertyOrder({"model", "mode", "density", "batch", "threads", "ms", "msMin", "error", "floorMs", "maskBitBytes", "maskFloatBytes"})
public record TrainStepRecord(String model, String mode, double density, int batch, int threads, double ms, double msMin, double error,
                              double floorMs, long maskBitBytes, long maskFloatBytes) {

    /** Step time over the OpenBLAS GEMM floor. */
    public double overFloor() { return ms / floorMs; }

    public static String markdown(List<TrainStepRecord> rows) {
        StringBuilder sb = new StringBuilder("| model | mode | density | threads | ms/step ± 95% | GEMM floor ms (OpenBLAS) | step/floor | step/dense step | mask bytes (bits) | mask bytes (float) |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (TrainStepRecord r : rows) {
            double dense = rows.stream().filter(x -> x.mode.equals("dense") && x.threads == r.threads && x.model.equals(r.model)).mapToDouble(TrainStepRecord::ms).findFirst().orElse(Double.NaN);
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.3f ± %.3f | %.3f | %.2f | %.2f | %d | %d |%n", r.model, r.mode, TextTable.fmt(r.density),
                    r.threads, r.ms, r.error, r.floorMs, r.overFloor(), r.ms / dense, r.maskBitBytes, r.maskFloatBytes));
        }
        return sb.toString();
    }
}
