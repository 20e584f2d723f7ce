package lottery.pruning;

/**
 * One instability measurement: the network of ticket level {@code level} (level 0: the dense
 * network) of replicate {@code replicate}, started from θk under that level's mask, trained to
 * {@code iterations} twice with different data orders (the same one when {@code sameDataOrder});
 * {@code testError[i]} is the test error (a fraction) of the network at {@code alphas[i]} on the
 * straight line from copy A (α = 0) to copy B (α = 1), and {@code barrier} is
 * max(testError) − (errorA + errorB) / 2.
 */
public record StabilityPoint(int level, long weightsRemaining, double density, int k, int replicate, int iterations,
                             boolean sameDataOrder, double[] alphas, double[] testError, double errorA, double errorB,
                             double barrier, double wallSeconds) {

    /** The error barrier of a path: its maximum error minus the mean of its endpoints' errors (never negative). */
    public static double barrier(double[] errors) {
        double max = Double.NEGATIVE_INFINITY;
        for (double e : errors) max = Math.max(max, e);
        return max - (errors[0] + errors[errors.length - 1]) / 2;
    }

    /** {@code n} evenly spaced points from 0 to 1, both included. */
    public static double[] alphas(int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = i == n - 1 ? 1.0 : (double) i / (n - 1);
        return a;
    }
}
