package lottery.bench;

import org.bytedeco.javacpp.FloatPointer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The GEMM floor of a training step: its lowered products (forward, backward-data and backward-weights of
 * every layer, see {@link StepProducts}) done by OpenBLAS on native buffers, timed together as one task
 * (summed). Each product is one call over all rows of the batch (a convolution's batch·OH·OW positions at once).
 */
public final class GemmFloor implements AutoCloseable {
    private record Product(GemmShape s, boolean transA, boolean transB, FloatPointer a, FloatPointer b, FloatPointer c) {
        void run() {
            OpenBlas.sgemm(transA, transB, s.m(), s.n(), s.k(), a, transA ? s.m() : s.k(), b, transB ? s.k() : s.n(), 0f, c, s.n());
        }
    }

    private final List<Product> products = new ArrayList<>();

    /** layers: {out, in} pairs from input to output, each on {@code batch} rows. */
    public GemmFloor(int[][] layers, int batch, long seed) {
        this(StepProducts.products(java.util.Arrays.stream(layers).map(l -> new StepProducts.Layer("layer", l[0], l[1], batch)).toList(), batch), seed);
    }

    /** The given products, with random operands in [-1, 1) from {@code seed}. */
    public GemmFloor(List<GemmShape> shapes, long seed) {
        OpenBlas.require();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (GemmShape s : shapes) {
            boolean transA = s.op() == Op.BACKWARD_WEIGHTS, transB = s.op() == Op.FORWARD || s.op() == Op.SQUARE;
            products.add(new Product(s, transA, transB, random((long) s.m() * s.k(), rnd), random((long) s.k() * s.n(), rnd),
                    new FloatPointer((long) s.m() * s.n())));
        }
    }

    /** All products once, as one task. */
    public Task task() {
        return new Task() {
            @Override public Impl impl() { return Impl.OPENBLAS; }
            @Override public double density() { return 1.0; }
            @Override public void run() { for (Product p : products) p.run(); }
            @Override public float probe() { return products.get(0).c.get(0); }
            @Override public float[] result() {
                Product last = products.get(products.size() - 1);
                float[] r = new float[(int) Math.min(Integer.MAX_VALUE - 8, last.c.capacity())];
                last.c.get(r);
                return r;
            }
        };
    }

    public int products() { return products.size(); }

    private static FloatPointer random(long n, SplittableRandom rnd) {
        FloatPointer p = new FloatPointer(n);
        float[] chunk = new float[(int) Math.min(n, 1 << 16)];
        for (long at = 0; at < n; at += chunk.length) {
            int len = (int) Math.min(chunk.length, n - at);
            for (int i = 0; i < len; i++) chunk[i] = (float) (rnd.nextDouble() * 2 - 1);
            p.position(at).put(chunk, 0, len);
        }
        return p.position(0);
    }

    @Override public void close() {
        for (Product p : products) { p.a.close(); p.b.close(); p.c.close(); }
        products.clear();
    }
}
