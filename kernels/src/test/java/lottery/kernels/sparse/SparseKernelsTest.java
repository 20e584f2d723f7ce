package lottery.kernels.sparse;

import static lottery.kernels.sparse.SparseFixtures.abs;
import static lottery.kernels.sparse.SparseFixtures.filled;
import static lottery.kernels.sparse.SparseFixtures.mask;
import static lottery.kernels.sparse.SparseFixtures.randoms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import java.util.stream.Stream;
import lottery.kernels.BitMask;
import lottery.kernels.Csr;
import lottery.kernels.ScalarSparse;
import lottery.kernels.Sparse;
import lottery.kernels.Threads;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every SIMD sparse kernel against {@link ScalarSparse} on odd shapes, densities 0, 1 and between
 * (empty and full rows), beta 0 (output pre-filled with NaN) and 1, with 1 and 2 threads.
 * Batches cover narrower than a vector, partial last vectors, and more than one 4-vector chunk.
 */
class SparseKernelsTest {
    private static int savedThreads;
    private static long savedWork;

    @BeforeAll static void forceParallel() {
        savedThreads = Threads.count();
        savedWork = RowSplit.minParallelWork;
        RowSplit.minParallelWork = 0;  // split even tiny products so the threaded path is tested
    }

    @AfterAll static void restore() {
        Threads.set(savedThreads);
        RowSplit.minParallelWork = savedWork;
    }

    static Stream<Arguments> cases() {
        int[][] shapes = {  // rows, cols, batch
            {1, 1, 1}, {7, 33, 7}, {33, 7, 60}, {257, 33, 17}, {33, 257, 100}, {1003, 7, 33},
            {7, 1001, 68}, {257, 257, 257}, {1001, 300, 60}, {3, 5, 16}, {5, 3, 64}, {33, 33, 129},
            {5, 2000, 300}, {2000, 9, 131}};  // many source rows: the batch is walked in several panels
        double[] densities = {0, 0.05, 0.3, 1};
        Stream.Builder<Arguments> b = Stream.builder();
        long seed = 1;
        for (int[] s : shapes)
            for (double d : densities)
                for (int threads : new int[] {1, 2})
                    b.add(Arguments.of(s[0], s[1], s[2], d, threads, seed++));
        return b.build();
    }

    @ParameterizedTest(name = "[{0}x{1}] batch {2} density {3} threads {4}")
    @MethodSource("cases")
    void kernelsMatchScalarOracle(int rows, int cols, int batch, double density, int threads, long seed) {
        Threads.set(threads);
        Random rnd = new Random(seed);
        BitMask m = mask(rows, cols, density, rnd);
        float[] w = randoms(rows * cols, rnd);
        Csr csr = Csr.of(w, m), absCsr = Csr.of(abs(w), m);
        float[] in = randoms(cols * batch, rnd), out = randoms(rows * batch, rnd);

        for (float beta : new float[] {0f, 1f}) {
            // forward, transposed: yT[rows, batch] = W · xT[cols, batch]
            float[] prior = randoms(rows * batch, rnd);
            checkProduct("spmmT", beta, prior,
                (y) -> Sparse.spmmT(csr, in, batch, beta, y), (y) -> ScalarSparse.spmmT(csr, in, batch, beta, y),
                (y) -> ScalarSparse.spmmT(absCsr, abs(in), batch, beta, y));
            // backward-data, transposed: dxT[cols, batch] = Wᵀ · dyT[rows, batch]
            float[] priorT = randoms(cols * batch, rnd);
            checkProduct("spmmTransT", beta, priorT,
                (y) -> Sparse.spmmTransT(csr, out, batch, beta, y), (y) -> ScalarSparse.spmmTransT(csr, out, batch, beta, y),
                (y) -> ScalarSparse.spmmTransT(absCsr, abs(out), batch, beta, y));
            // row-major forms: x[batch, cols], dy[batch, rows]
            checkProduct("spmm", beta, prior,
                (y) -> Sparse.spmm(csr, in, batch, beta, y), (y) -> ScalarSparse.spmm(csr, in, batch, beta, y),
                (y) -> ScalarSparse.spmm(absCsr, abs(in), batch, beta, y));
            checkProduct("spmmTrans", beta, priorT,
                (y) -> Sparse.spmmTrans(csr, out, batch, beta, y), (y) -> ScalarSparse.spmmTrans(csr, out, batch, beta, y),
                (y) -> ScalarSparse.spmmTrans(absCsr, abs(out), batch, beta, y));
        }
        int nnz = csr.nnz();
        checkProduct("sddmmT", 0f, new float[nnz],
            (g) -> Sparse.sddmmT(csr, out, in, batch, g), (g) -> ScalarSparse.sddmmT(csr, out, in, batch, g),
            (g) -> ScalarSparse.sddmmT(csr, abs(out), abs(in), batch, g));
        checkProduct("sddmm", 0f, new float[nnz],
            (g) -> Sparse.sddmm(csr, out, in, batch, g), (g) -> ScalarSparse.sddmm(csr, out, in, batch, g),
            (g) -> ScalarSparse.sddmm(csr, abs(out), abs(in), batch, g));
    }

    private interface Product { void into(float[] dst); }

    /**
     * Runs the SIMD and scalar product on copies of {@code prior} (NaN for beta 0, so a kernel that
     * reads the output it should overwrite fails) and compares within a bound from the sum of |terms|.
     */
    private static void checkProduct(String name, float beta, float[] prior, Product simd, Product oracle, Product absOracle) {
        float[] got = beta == 0f ? filled(prior.length, Float.NaN) : prior.clone();
        float[] want = prior.clone();
        float[] bound = abs(prior);
        simd.into(got);
        oracle.into(want);
        absOracle.into(bound);
        for (int i = 0; i < got.length; i++) {
            float tol = 1e-5f * bound[i] + 1e-6f;
            if (!(Math.abs(got[i] - want[i]) <= tol))
                fail(name + " beta " + beta + ": element " + i + " is " + got[i] + ", oracle " + want[i] + " (tol " + tol + ")");
        }
        assertTrue(got.length == 0 || !Float.isNaN(got[0]));
    }

    @ParameterizedTest(name = "batch {0}")
    @MethodSource("batches")
    void resultsDoNotDependOnThreadCount(int batch) {
        Random rnd = new Random(batch);
        BitMask m = mask(300, 784, 0.1, rnd);
        Csr csr = Csr.of(randoms(300 * 784, rnd), m);
        float[] xT = randoms(784 * batch, rnd);
        float[] one = new float[300 * batch], two = new float[300 * batch];
        Threads.set(1);
        Sparse.spmmT(csr, xT, batch, 0f, one);
        Threads.set(2);
        Sparse.spmmT(csr, xT, batch, 0f, two);
        for (int i = 0; i < one.length; i++) assertEquals(one[i], two[i], 0f, "element " + i);
    }

    static Stream<Integer> batches() { return Stream.of(1, 60, 61); }
}
