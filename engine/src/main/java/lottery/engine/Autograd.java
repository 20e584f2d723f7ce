package lottery.engine;

import java.util.ArrayList;

/**
 * Reverse-mode differentiation: one topological sort of the graph that produced a scalar, then each
 * node's backward in reverse order, so a node runs only once its output gradient is complete.
 * Gradients accumulate into {@link Tensor#grad} (leaves keep theirs across calls until zeroed).
 */
public final class Autograd {
    private static final ThreadLocal<ArrayList<Node>> ORDER = ThreadLocal.withInitial(ArrayList::new);
    private static final ThreadLocal<ArrayList<Node>> STACK = ThreadLocal.withInitial(ArrayList::new);
    private static final ThreadLocal<ArrayList<Boolean>> EXPANDED = ThreadLocal.withInitial(ArrayList::new);
    private static final ThreadLocal<int[]> EPOCH = ThreadLocal.withInitial(() -> new int[1]);

    private Autograd() {}

    /** Accumulates d loss / d t into t.grad for every tensor t that requires grad; {@code loss} has one element. */
    public static void backward(Tensor loss) {
        if (loss.numel() != 1) throw new IllegalArgumentException("backward: loss must be a scalar, got " + loss);
        if (!loss.requiresGrad) throw new IllegalArgumentException("backward: loss does not require grad (computed under NoGrad or from constants)");
        if (loss.grad == null) loss.grad = loss.sameLayout(new float[]{1f});
        else loss.grad.data()[loss.grad.offset()] += 1f;
        if (loss.node == null) return;
        ArrayList<Node> order = topologicalOrder(loss.node);
        for (int i = order.size() - 1; i >= 0; i--) {
            Node n = order.get(i);
            if (n.output.grad != null) n.backward(n.output.grad);
        }
        order.clear();
    }

    /** Post-order DFS, iterative; each node is expanded once, so it lands after every node feeding it. */
    private static ArrayList<Node> topologicalOrder(Node root) {
        int mark = ++EPOCH.get()[0];
        ArrayList<Node> order = ORDER.get();
        ArrayList<Node> stack = STACK.get();
        ArrayList<Boolean> expanded = EXPANDED.get();
        order.clear();
        stack.clear();
        expanded.clear();
        stack.add(root);
        expanded.add(Boolean.FALSE);
        while (!stack.isEmpty()) {
            Node n = stack.removeLast();
            if (expanded.removeLast()) { order.add(n); continue; }
            if (n.visitEpoch == mark) continue;
            n.visitEpoch = mark;
            stack.add(n);
            expanded.add(Boolean.TRUE);
            for (Tensor in : n.inputs)
                if (in != null && in.requiresGrad && in.node != null && in.node.visitEpoch != mark) {
                    stack.add(in.node);
                    expanded.add(Boolean.FALSE);
                }
        }
        return order;
    }
}
