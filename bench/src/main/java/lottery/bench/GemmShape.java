package lottery.bench;

/**
 * One product to time: a named layer shape in one {@link Op} layout, as GEMM sizes m, n, k.
 * The weight matrix is always W: [out, in]; {@code batch} is the number of samples (rows / positions).
 */
public record GemmShape(String name, Op op, int m, int n, int k, int batch) {
    public GemmShape {
        if (m < 1 || n < 1 || k < 1) throw new IllegalArgumentException("GEMM sizes must be >= 1, got " + m + "x" + n + "x" + k);
    }

    /** The layout {@code op} of layer W: [out, in] applied to {@code rows} activation rows. */
    public static GemmShape of(String name, Op op, int out, int in, int rows, int batch) {
        return switch (op) {
            case FORWARD, SQUARE -> new GemmShape(name, op, rows, out, in, batch);
            case BACKWARD_DATA -> new GemmShape(name, op, rows, in, out, batch);
            case BACKWARD_WEIGHTS -> new GemmShape(name, op, out, in, rows, batch);
        };
    }

    /** Output features of the layer. */
    public int out() { return switch (op) { case FORWARD, SQUARE -> n; case BACKWARD_DATA -> k; case BACKWARD_WEIGHTS -> m; }; }

    /** Input features of the layer. */
    public int in() { return switch (op) { case FORWARD, SQUARE -> k; case BACKWARD_DATA, BACKWARD_WEIGHTS -> n; }; }

    /** Activation rows (batch × positions). */
    public int rows() { return op == Op.BACKWARD_WEIGHTS ? k : m; }

    /** Dense-equivalent floating-point operations: 2·m·n·k. */
    public double flops() { return 2.0 * m * n * k; }

    @Override public String toString() { return name + " " + op + " " + m + "x" + n + "x" + k; }
}
