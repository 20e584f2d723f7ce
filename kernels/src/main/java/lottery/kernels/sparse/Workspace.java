package lottery.kernels.sparse;

/**
 * Per calling thread: the reusable row tasks, row split and scratch buffers of the sparse kernels, so a call in
 * steady state allocates nothing (buffers only grow). The tasks are filled, run and cleared by one call.
 */
final class Workspace {
    private static final ThreadLocal<Workspace> OF_THREAD = ThreadLocal.withInitial(Workspace::new);

    final AxpyTask axpy = new AxpyTask();
    final DotTask dot = new DotTask();
    final RowSplit split = new RowSplit();
    private float[] values = new float[0];
    private float[] a = new float[0];
    private float[] b = new float[0];
    private float[] c = new float[0];

    static Workspace get() { return OF_THREAD.get(); }

    float[] values(int n) { return values.length >= n ? values : (values = new float[n]); }
    float[] a(int n) { return a.length >= n ? a : (a = new float[n]); }
    float[] b(int n) { return b.length >= n ? b : (b = new float[n]); }
    float[] c(int n) { return c.length >= n ? c : (c = new float[n]); }

    /** {@link Axpy#rows} over a row range; with {@code entry} set, first gathers val[k] = values[entry[k]] for its rows. */
    static final class AxpyTask implements RowTask {
        int[] ptr, idx, entry;
        float[] val, values, src, dst;
        int batch, panel;
        float beta;

        @Override public void rows(int from, int to) {
            if (entry != null)
                for (int k = ptr[from], end = ptr[to]; k < end; k++) val[k] = values[entry[k]];
            Axpy.rows(ptr, idx, val, src, batch, beta, dst, panel, from, to);
        }

        void clear() { ptr = idx = entry = null; val = values = src = dst = null; }
    }

    /** {@link Dot#rows} over a row range. */
    static final class DotTask implements RowTask {
        int[] ptr, idx;
        float[] a, b, out;
        int batch, panel;

        @Override public void rows(int from, int to) { Dot.rows(ptr, idx, a, b, batch, out, panel, from, to); }

        void clear() { ptr = idx = null; a = b = out = null; }
    }
}
