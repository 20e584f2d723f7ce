package lottery.kernels.sparse;

/** A kernel over a range of output rows {@code [from, to)}; rows are independent, so ranges may run in parallel. */
interface RowTask {
    void rows(int from, int to);
}
