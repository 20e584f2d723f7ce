package lottery.nn.train;

/** Training diverged ({@link Divergence}); names the iteration and what went wrong. */
public final class DivergedException extends IllegalStateException {
    private final int iteration;

    public DivergedException(int iteration, float loss) {
        this(iteration, "loss " + loss);
    }

    /** {@code what}: the value that gave it away, e.g. "loss NaN". */
    public DivergedException(int iteration, String what) {
        super("training diverged at iteration " + iteration + ": " + what + " (try a lower learning rate)");
        this.iteration = iteration;
    }

    public int iteration() { return iteration; }
}
