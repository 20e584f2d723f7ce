package lottery.pruning;

/**
 * Per-round pruning fractions of the surviving weights: {@code rate} for fully-connected layers,
 * {@code outputRate} for the output layer (the last prunable layer), {@code convRate} for
 * convolution kernels. The paper's LeNet-300-100 setup is (0.2, 0.1, -); Conv-2/4/6 prune conv
 * layers by 0.1-0.15. {@code rate} must lie in (0, 1); the others in [0, 1), 0 leaving the
 * layer dense.
 */
public record PruningRates(double rate, double outputRate, double convRate) {
    /** The paper's rates: 20% of hidden fully-connected layers, 10% of the output layer, 15% of conv layers. */
    public static final PruningRates PAPER = new PruningRates(0.2, 0.1, 0.15);

    public PruningRates {
        if (!(rate > 0 && rate < 1)) throw new IllegalArgumentException("--rate must be in (0, 1), got " + rate);
        if (!(outputRate >= 0 && outputRate < 1)) throw new IllegalArgumentException("--output-rate must be in [0, 1), got " + outputRate);
        if (!(convRate >= 0 && convRate < 1)) throw new IllegalArgumentException("--conv-rate must be in [0, 1), got " + convRate);
    }

    /** The rate for layer {@code index} of {@code layerCount}: output (last) layer, conv kernel or fully-connected. */
    public double rateFor(Masks.Layer layer, int index, int layerCount) {
        if (index == layerCount - 1) return outputRate;
        return layer.isConv() ? convRate : rate;
    }

    /**
     * The exact number of weights one round removes from {@code surviving} weights:
     * {@code rint(rate * surviving)}, i.e. rounded to the nearest integer with ties to even
     * (numpy's {@code round}). With the paper's rates this reproduces its LeNet-300-100 series
     * 266200, 213060, 170538, 136511, 109282, ... exactly; {@code ceil} or half-up would drift.
     */
    public static int countToPrune(double rate, long surviving) {
        return Math.toIntExact((long) Math.rint(rate * surviving));
    }
}
