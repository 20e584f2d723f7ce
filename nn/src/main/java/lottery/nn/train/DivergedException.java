package lottery.nn.train;

/** The training loss became NaN or infinite; names the iteration. */
public final class DivergedException extends IllegalStateException {
    private final int iteration;

    public DivergedException(int iteration, float loss) {
        super("training diverged: loss " + loss + " at iteration " + iteration + " (try a lower learning rate)");
        this.iteration = iteration;
    }

    public int iteration() { return iteration; }
}
