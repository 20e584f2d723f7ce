package lottery.bench;

import lottery.kernels.Strided;

import org.bytedeco.javacpp.FloatPointer;

import java.util.SplittableRandom;

/**
 * The inputs and output buffers of one layer product in every layout an implementation wants,
 * allocated once before timing so the timed calls allocate nothing.
 * <pre>
 *   w   [out, in]     the weights (dense; masked kernels apply their mask, sparse kernels read a Csr of it)
 *   x   [rows, in]    xT  [in, rows]      activations (forward, backward-weights)
 *   dy  [rows, out]   dyT [out, rows]     output gradients (backward-data, backward-weights)
 *   c   [m, n]        cT  [n, m]          row-major and transposed results; vals [out·in] for SDDMM
 * </pre>
 * Native copies for OpenBLAS are made on first request and freed by {@link #close()}.
 */
public final class Operands implements AutoCloseable {
    public final GemmShape shape;
    public final float[] w;
    public final float[] x, xT, dy, dyT;
    public final float[] c, cT, vals;
    private FloatPointer nativeA, nativeB, nativeC;
    private final java.util.List<AutoCloseable> closeWith = new java.util.ArrayList<>();

    /** Random inputs in [-1, 1) from {@code seed}; {@code w} may be given (e.g. already masked) or null for random. */
    public Operands(GemmShape shape, float[] w, long seed) {
        this.shape = shape;
        int out = shape.out(), in = shape.in(), rows = shape.rows();
        SplittableRandom rnd = new SplittableRandom(seed);
        this.w = w != null ? w : random(out * in, rnd);
        boolean needX = shape.op() != Op.BACKWARD_DATA, needDy = shape.op() == Op.BACKWARD_DATA || shape.op() == Op.BACKWARD_WEIGHTS;
        this.x = needX ? random(rows * in, rnd) : null;
        this.xT = needX ? transpose(x, rows, in) : null;
        this.dy = needDy ? random(rows * out, rnd) : null;
        this.dyT = needDy ? transpose(dy, rows, out) : null;
        this.c = new float[shape.m() * shape.n()];
        this.cT = new float[shape.m() * shape.n()];
        this.vals = shape.op() == Op.BACKWARD_WEIGHTS ? new float[out * in] : null;
    }

    /** A as OpenBLAS reads it: x (forward), dy (backward-data), dy stored [rows, out] = Aᵀ (backward-weights). */
    public float[] a() { return shape.op() == Op.FORWARD || shape.op() == Op.SQUARE ? x : dy; }

    /** B: w (forward, stored [n, k]; backward-data, stored [k, n]) or x (backward-weights, [k, n]). */
    public float[] b() { return shape.op() == Op.BACKWARD_WEIGHTS ? x : w; }

    public boolean transA() { return shape.op() == Op.BACKWARD_WEIGHTS; }

    public boolean transB() { return shape.op() == Op.FORWARD || shape.op() == Op.SQUARE; }

    public int lda() { return transA() ? shape.m() : shape.k(); }

    public int ldb() { return transB() ? shape.k() : shape.n(); }

    FloatPointer nativeA() { if (nativeA == null) nativeA = new FloatPointer(a()); return nativeA; }
    FloatPointer nativeB() { if (nativeB == null) nativeB = new FloatPointer(b()); return nativeB; }
    FloatPointer nativeC() { if (nativeC == null) nativeC = new FloatPointer((long) c.length); return nativeC; }

    /** Resources made for these operands (device copies) that {@link #close()} releases too. */
    public <T extends AutoCloseable> T own(T resource) {
        closeWith.add(resource);
        return resource;
    }

    @Override public void close() {
        for (int i = closeWith.size() - 1; i >= 0; i--) {
            try {
                closeWith.get(i).close();
            } catch (Exception e) {
                throw new IllegalStateException("releasing benchmark buffers: " + e.getMessage(), e);
            }
        }
        closeWith.clear();
        for (FloatPointer p : new FloatPointer[]{nativeA, nativeB, nativeC}) if (p != null) p.close();
        nativeA = nativeB = nativeC = null;
    }

    static float[] random(int n, SplittableRandom rnd) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (rnd.nextDouble() * 2 - 1);
        return a;
    }

    /** src: [rows, cols] -> [cols, rows]. */
    public static float[] transpose(float[] src, int rows, int cols) {
        float[] t = new float[src.length];
        Strided.transpose(src, rows, cols, 0f, t);
        return t;
    }
}
