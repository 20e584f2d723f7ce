package lottery.bench;

/**
 * The density at which a sparse (or masked) kernel breaks even with dense: where speedup over dense
 * crosses 1, interpolated linearly in log(density) between the two measured densities around it.
 */
public final class Crossover {
    private Crossover() {}

    /**
     * @param densities measured densities, any order, each in (0, 1]
     * @param speedups  dense time / other time at those densities
     * @return the highest density at which speedup rises through 1 going toward sparser weights;
     *         NaN when it never reaches 1, 1.0 when it is already ≥ 1 at the densest point
     */
    public static double find(double[] densities, double[] speedups) {
        if (densities.length != speedups.length) throw new IllegalArgumentException("densities and speedups differ in length");
        Integer[] order = new Integer[densities.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(densities[b], densities[a])); // densest first
        int p = -1;                                   // denser measured neighbour, speedup < 1
        for (int i : order) {
            if (Double.isNaN(speedups[i])) continue;
            if (speedups[i] >= 1) {
                if (p < 0) return densities[i];
                double x0 = Math.log(densities[p]), x1 = Math.log(densities[i]);
                double t = (1 - speedups[p]) / (speedups[i] - speedups[p]);
                return Math.exp(x0 + t * (x1 - x0));
            }
            p = i;
        }
        return Double.NaN;
    }
}
