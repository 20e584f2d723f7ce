package lottery.kernels.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import lottery.kernels.Gemm;
import lottery.kernels.ScalarGemm;
import lottery.kernels.Threads;
import org.junit.jupiter.api.Test;

/** Packed SIMD GEMM against the scalar oracle: odd shapes, all layouts, padded storage, beta, threads, both species. */
class PackedGemmTest {
    /** m, n, k triples: 1, 7, 33, 257 and 1000+ mixed, none a multiple of the vector width except by chance. */
    static final int[][] SHAPES = {
            {1, 1, 1}, {1, 7, 33}, {7, 1, 257}, {33, 7, 1}, {7, 33, 7}, {33, 33, 33}, {257, 7, 33},
            {7, 257, 33}, {33, 257, 7}, {257, 33, 257}, {1, 1003, 33}, {1003, 7, 33}, {7, 33, 1003},
            {60, 300, 784}, {61, 97, 130}, {130, 45, 61},
    };
    /** The kernel of the run's vector width; the surefire execution vector-256 repeats these tests with lottery.vectorBits=256 (the AVX2 shape). */
    static final List<MicroKernel> KERNELS = List.of(MicroKernel.preferred());
    static final float[] BETAS = {0f, 1f, -0.75f};

    @Test void denseMatchesScalarOnAllLayoutsShapesAndBetas() {
        long seed = 1;
        for (int[] s : SHAPES)
            for (int t = 0; t < 4; t++) {
                float beta = BETAS[(int) (seed % BETAS.length)];
                GemmCase g = new GemmCase(seed++, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], beta);
                for (MicroKernel kernel : KERNELS) {
                    g.check(kernel, 1);
                    g.check(kernel, 2);
                }
            }
    }

    @Test void everyBetaOnEveryLayout() {
        long seed = 100;
        for (float beta : BETAS)
            for (int t = 0; t < 4; t++) {
                GemmCase g = new GemmCase(seed++, (t & 1) != 0, (t & 2) != 0, 67, 75, 301, beta);
                for (MicroKernel kernel : KERNELS) g.check(kernel, 2);
            }
    }

    @Test void largeProductSplitsAcrossThreadsAlongBothDimensions() {
        // wide C splits along n, tall C along m; both above the parallel threshold
        for (MicroKernel kernel : KERNELS) {
            new GemmCase(7, false, true, 70, 523, 129, 1f).check(kernel, 2);
            new GemmCase(8, true, false, 523, 45, 129, 0f).check(kernel, 3);
        }
    }

    @Test void zeroSizesAndZeroK() {
        for (MicroKernel kernel : KERNELS) {
            new GemmCase(11, false, false, 0, 5, 3, 1f).check(kernel, 1);
            new GemmCase(12, false, true, 5, 0, 3, 1f).check(kernel, 1);
            new GemmCase(13, true, false, 9, 5, 0, 0f).check(kernel, 1);
            new GemmCase(14, true, true, 9, 5, 0, -0.75f).check(kernel, 1);
        }
    }

    @Test void facadeUsesThreadSettingAndMatchesOracle() {
        int saved = Threads.count();
        try {
            for (int threads : new int[] {1, 2}) {
                Threads.set(threads);
                float[] a = new float[257 * 129], b = new float[129 * 300];
                for (int i = 0; i < a.length; i++) a[i] = (i * 37 % 101) / 50f - 1f;
                for (int i = 0; i < b.length; i++) b[i] = (i * 53 % 97) / 48f - 1f;
                float[] c = new float[257 * 300], ref = new float[257 * 300];
                Gemm.sgemm(false, false, 257, 300, 129, a, 0, 129, b, 0, 300, 0f, c, 0, 300);
                ScalarGemm.sgemm(false, false, 257, 300, 129, a, 0, 129, b, 0, 300, 0f, ref, 0, 300);
                assertArrayEquals(ref, c, 1e-3f);
            }
        } finally {
            Threads.set(saved);
        }
    }

    @Test void rejectsArraysTooSmallForTheirShape() {
        float[] a = new float[10], b = new float[10], c = new float[10];
        assertThrows(IllegalArgumentException.class, () -> Gemm.sgemm(false, false, 4, 4, 4, a, 0, 4, b, 0, 4, 0f, c, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> Gemm.sgemm(false, false, 2, 2, 2, a, 0, 1, b, 0, 2, 0f, c, 0, 2));
    }
}
