package lottery.pruning;

import java.util.ArrayList;
import java.util.List;

/**
 * A graph of trainings for an executor: each node runs after the nodes it needs. A node's work
 * either finishes it (computed now, or already in the store) or reports it busy (another process
 * holds its lease), in which case the executor tries it again later. A sweep is the union of its
 * cells' graphs.
 */
public final class TaskGraph {
    /** One attempt at a node: done, or busy with {@code heldBy} (a holder's description). */
    public record Attempt(boolean done, String heldBy) {
        public static final Attempt DONE = new Attempt(true, "");

        public static Attempt busy(String heldBy) { return new Attempt(false, heldBy); }
    }

    @FunctionalInterface
    public interface Work {
        Attempt attempt() throws Exception;
    }

    /** {@code rank}: lower runs first among ready nodes (the ticket chain, the critical path, is rank 0). */
    public record Node(String name, List<Node> needs, int rank, Work work) {}

    private final List<Node> nodes = new ArrayList<>();

    public Node add(String name, List<Node> needs, int rank, Work work) {
        for (Node n : needs) if (!nodes.contains(n)) throw new IllegalArgumentException(name + " needs " + n.name()
                + ", which is not in the graph");
        Node n = new Node(name, List.copyOf(needs), rank, work);
        nodes.add(n);
        return n;
    }

    /** Adds every node of {@code other} (a separate experiment: no edges between the two). */
    public void addAll(TaskGraph other) { nodes.addAll(other.nodes); }

    /** The nodes in insertion order (which lists every node after the nodes it needs). */
    public List<Node> nodes() { return List.copyOf(nodes); }
}
