package lottery.kernels.gemm;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Mask fused into B packing (maskB) and output-masked products (maskC) against the scalar oracle. */
class MaskedGemmTest {
    static final int[][] SHAPES = {{1, 7, 33}, {7, 33, 7}, {33, 65, 130}, {60, 300, 100}, {61, 127, 70}, {257, 33, 65}, {5, 1003, 7}};
    static final double[] DENSITIES = {0, 1, 0.05, 0.5};
    /** The kernel of the run's vector width; the surefire execution vector-256 repeats these tests with lottery.vectorBits=256 (the AVX2 shape). */
    static final List<MicroKernel> KERNELS = List.of(MicroKernel.preferred());

    @Test void maskOnBMatchesScalarOnAllLayouts() {
        long seed = 1000;
        for (int[] s : SHAPES)
            for (int t = 0; t < 4; t++)
                for (double density : DENSITIES) {
                    float beta = seed % 2 == 0 ? 0f : 1f;
                    GemmCase g = new GemmCase(seed, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], beta).maskB(density, seed);
                    seed++;
                    for (MicroKernel kernel : KERNELS) {
                        g.check(kernel, 1);
                        g.check(kernel, 2);
                    }
                }
    }

    @Test void maskOnCComputesKeptOutputsAndZeroesPruned() {
        long seed = 2000;
        for (int[] s : SHAPES)
            for (int t = 0; t < 4; t++)
                for (double density : DENSITIES) {
                    float beta = seed % 3 == 0 ? 0f : seed % 3 == 1 ? 1f : 0.5f;
                    GemmCase g = new GemmCase(seed, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], beta).maskC(density, seed);
                    seed++;
                    for (MicroKernel kernel : KERNELS) {
                        g.check(kernel, 1);
                        g.check(kernel, 2);
                    }
                }
    }

    @Test void blockSparseMaskOnCSkipsEmptyTilesExactly() {
        // whole 64-column stripes pruned: those tiles are skipped and must still read back as 0
        for (MicroKernel kernel : KERNELS) {
            GemmCase g = new GemmCase(3000, true, false, 300, 200, 60, 1f);
            g.maskC = GemmCase.randomMask(300, 200, 0.3, 3000);
            for (int i = 0; i < 300; i++) for (int j = 64; j < 128; j++) g.maskC.set(i, j, false);
            for (int i = 100; i < 200; i++) for (int j = 0; j < 200; j++) g.maskC.set(i, j, false);
            g.check(kernel, 1);
            g.check(kernel, 2);
        }
    }
}
