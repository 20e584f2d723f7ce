package lottery.engine;

/**
 * Reusable buffers for one op call site (a module keeps one per op it runs), so steady-state
 * training allocates no activation or gradient arrays. A buffer is identified by a small slot
 * number and its exact length; a slot keeps one array per length it has seen (e.g. the training
 * batch and the evaluation batch). A buffer's contents live until the next request of the same
 * slot and length.
 */
public final class Workspace {
    private float[][][] slots = new float[4][][];
    private int[][] intSlots = new int[0][];

    /** A float buffer of exactly {@code n} elements for {@code slot}; contents are stale, not zeroed. */
    public float[] buffer(int slot, int n) {
        if (slot >= slots.length) slots = java.util.Arrays.copyOf(slots, slot + 4);
        float[][] sized = slots[slot];
        if (sized != null) for (float[] b : sized) if (b.length == n) return b;
        float[] b = new float[n];
        float[][] grown = sized == null ? new float[1][] : java.util.Arrays.copyOf(sized, sized.length + 1);
        grown[grown.length - 1] = b;
        slots[slot] = grown;
        return b;
    }

    /** An int buffer of at least {@code n} elements for {@code slot}. */
    public int[] ints(int slot, int n) {
        if (slot >= intSlots.length) intSlots = java.util.Arrays.copyOf(intSlots, slot + 1);
        int[] b = intSlots[slot];
        if (b == null || b.length < n) intSlots[slot] = b = new int[n];
        return b;
    }

    /** A row-major tensor of {@code shape} over {@code buffer(slot, numel)}. */
    public Tensor tensor(int slot, int... shape) {
        return Tensor.of(buffer(slot, Tensor.numel(shape)), shape);
    }

    /** A tensor with x's shape and strides over {@code buffer(slot, x.numel())}. */
    public Tensor like(int slot, Tensor x) {
        return x.sameLayout(buffer(slot, x.numel()));
    }

    /** A fresh-allocation workspace stand-in for callers without one. */
    public static Workspace orNew(Workspace ws) { return ws != null ? ws : new Workspace(); }
}
