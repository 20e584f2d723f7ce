package lottery.engine;

/**
 * A scope in which ops record nothing (evaluation): {@code try (NoGrad g = NoGrad.enter()) { ... }}.
 * Per thread; scopes nest.
 */
public final class NoGrad implements AutoCloseable {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private static final NoGrad INSTANCE = new NoGrad();

    private NoGrad() {}

    public static NoGrad enter() {
        DEPTH.get()[0]++;
        return INSTANCE;
    }

    public static boolean active() { return DEPTH.get()[0] > 0; }

    @Override public void close() {
        int[] d = DEPTH.get();
        if (d[0] == 0) throw new IllegalStateException("NoGrad.close without a matching enter");
        d[0]--;
    }
}
