package lottery.bench;

/** One implementation of one product, ready to time: {@link #run} allocates nothing. */
public interface Task {
    Impl impl();

    double density();

    void run();

    /** Waits until the work of the calls so far is done (GPU tasks launch asynchronously); timed after each batch. */
    default void sync() {}

    /** One output value, folded into a sink so the timed work cannot be optimised away. */
    float probe();

    /** The result of the last run as the row-major [m, n] product (pruned outputs 0 for backward-weights). */
    float[] result();
}
