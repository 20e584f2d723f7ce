package lottery.bench;

/**
 * The product a layer W: [out, in] needs, with rows = batch (× spatial positions for a conv lowered by im2col):
 * <pre>
 *   forward          Y  = X · Wᵀ    m = rows, n = out, k = in
 *   backward-data    dX = dY · W    m = rows, n = in,  k = out
 *   backward-weights dW = dYᵀ · X   m = out,  n = in,  k = rows
 *   square           forward layout with m = n = k
 * </pre>
 */
public enum Op {
    FORWARD("forward"), BACKWARD_DATA("backward-data"), BACKWARD_WEIGHTS("backward-weights"), SQUARE("square");

    public final String label;

    Op(String label) { this.label = label; }

    public static Op parse(String s) {
        for (Op o : values()) if (o.label.equals(s.trim())) return o;
        throw new IllegalArgumentException("unknown op '" + s + "'; use forward, backward-data, backward-weights or square");
    }

    /** The three layouts of one layer. */
    public static final Op[] LAYER = {FORWARD, BACKWARD_DATA, BACKWARD_WEIGHTS};

    @Override public String toString() { return label; }
}
