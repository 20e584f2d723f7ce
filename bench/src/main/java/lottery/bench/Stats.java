package lottery.bench;

import java.util.Arrays;

/**
 * Summary of per-call times (ms) from repeated timed batches: median (the reported figure), min,
 * mean and the half-width of the 95% confidence interval of the mean (Student t over the batches).
 */
public record Stats(double medianMs, double minMs, double meanMs, double ci95Ms, int samples) {
    public static Stats of(double[] perCallMs, int n) {
        if (n < 1) throw new IllegalArgumentException("no samples");
        double[] s = Arrays.copyOf(perCallMs, n);
        Arrays.sort(s);
        double median = n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
        double mean = 0;
        for (double v : s) mean += v;
        mean /= n;
        double var = 0;
        for (double v : s) var += (v - mean) * (v - mean);
        double ci = n < 2 ? Double.NaN : tQuantile975(n - 1) * Math.sqrt(var / (n - 1)) / Math.sqrt(n);
        return new Stats(median, s[0], mean, ci, n);
    }

    /** Two-sided 95% Student t quantile for {@code df} degrees of freedom. */
    static double tQuantile975(int df) {
        double[] t = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086};
        if (df <= t.length) return t[df - 1];
        if (df <= 30) return 2.05;
        if (df <= 60) return 2.01;
        return 1.96;
    }
}
