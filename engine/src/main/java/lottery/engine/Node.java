package lottery.engine;

/**
 * One recorded application of a primitive op: its inputs and how to send the output's gradient
 * back to them. Subclasses keep forward and backward side by side.
 */
public abstract class Node {
    final Tensor[] inputs;
    Tensor output;
    int visitEpoch;

    protected Node(Tensor... inputs) { this.inputs = inputs; }

    /** Adds this op's contribution to the gradients of its inputs, given {@code dy} = ∂loss/∂output. */
    protected abstract void backward(Tensor dy);

    /** True when autograd is recording and any of {@code xs} needs a gradient. */
    public static boolean recording(Tensor... xs) {
        if (NoGrad.active()) return false;
        for (Tensor x : xs) if (x != null && x.requiresGrad) return true;
        return false;
    }

    /** Attaches {@code node} to {@code y} as its creator. */
    public static Tensor record(Tensor y, Node node) {
        y.node = node;
        node.output = y;
        y.requiresGrad = true;
        return y;
    }

    /**
     * Ensures {@code x.grad} exists (from {@code ws} slot {@code slot}, same layout as x) and returns the
     * GEMM beta for writing into it: 0 when freshly created (overwrite), 1 when accumulating.
     */
    protected static float gradBeta(Tensor x, Workspace ws, int slot) {
        if (x.grad != null) return 1f;
        float[] buf = ws != null ? ws.buffer(slot, x.numel()) : new float[x.numel()];
        x.grad = x.sameLayout(buf);
        if (x.offset() != 0 && !x.isDense()) throw new IllegalArgumentException("gradient of a strided view with offset is unsupported: " + x);
        return 0f;
    }

    /** Writes or adds {@code v} into {@code g[i]} according to beta (0 = overwrite, 1 = add). */
    protected static void put(float[] g, int i, float v, float beta) {
        g[i] = beta == 0f ? v : g[i] + v;
    }
}
