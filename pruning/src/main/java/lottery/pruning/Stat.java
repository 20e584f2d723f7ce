package lottery.pruning;

import java.util.List;

/** Mean, minimum and maximum of a quantity over replicates. */
public record Stat(double mean, double min, double max, int n) {
    public static Stat of(List<Double> values) {
        if (values.isEmpty()) return new Stat(Double.NaN, Double.NaN, Double.NaN, 0);
        double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double v : values) { sum += v; min = Math.min(min, v); max = Math.max(max, v); }
        return new Stat(sum / values.size(), min, max, values.size());
    }
}
