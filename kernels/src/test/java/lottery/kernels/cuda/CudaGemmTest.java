package lottery.kernels.cuda;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/**
 * The masked GEMM kernels against ScalarGemm: all four layouts, odd shapes, mask densities 0 / mid / 1, each on the
 * 128×128-tile kernel and on the split-k 32×32-tile kernel (the shape picks one in use; here both run every shape).
 */
class CudaGemmTest extends GpuTest {
    private static List<GemmPlan> plans(int[] s) {
        return s[2] == 0 ? List.of(GemmPlan.LARGE) : List.of(GemmPlan.LARGE, GemmPlan.small(s[0], s[1], s[2]));
    }

    private static final int[][] SHAPES = {{1, 1, 1}, {7, 33, 257}, {257, 7, 33}, {33, 1000, 7}, {129, 127, 9}, {60, 300, 784}, {1030, 65, 130}};

    @Test void denseAllLayouts() {
        List<CudaSelfTest.Result> r = new ArrayList<>();
        long seed = 1;
        for (int[] s : SHAPES)
            for (boolean ta : new boolean[] {false, true})
                for (boolean tb : new boolean[] {false, true})
                    for (GemmPlan p : plans(s)) r.add(CudaSelfTest.gemm(ctx, p, ta, tb, s[0], s[1], s[2], -1, -1, 0f, 0, seed++));
        assertPassed(r);
    }

    @Test void maskedWeightInTheTileLoad() {
        List<CudaSelfTest.Result> r = new ArrayList<>();
        long seed = 100;
        for (int[] s : SHAPES)
            for (double d : new double[] {0, 0.37, 1})
                for (boolean tb : new boolean[] {false, true})   // forward (NT) and backward-data (NN)
                    for (GemmPlan p : plans(s)) r.add(CudaSelfTest.gemm(ctx, p, false, tb, s[0], s[1], s[2], d, -1, 0f, 0, seed++));
        assertPassed(r);
    }

    @Test void maskedWeightGradientZeroesPrunedOutputs() {
        List<CudaSelfTest.Result> r = new ArrayList<>();
        long seed = 200;
        for (int[] s : SHAPES)
            for (double d : new double[] {0, 0.37, 1})
                for (GemmPlan p : plans(s)) r.add(CudaSelfTest.gemm(ctx, p, true, false, s[0], s[1], s[2], -1, d, 0f, 0, seed++));
        assertPassed(r);
    }

    @Test void betaOffsetsAndLeadingDimensions() {
        List<CudaSelfTest.Result> r = new ArrayList<>();
        long seed = 300;
        for (boolean ta : new boolean[] {false, true})
            for (boolean tb : new boolean[] {false, true}) {
                for (int[] s : new int[][] {{33, 65, 17}, {130, 7, 200}})
                    for (GemmPlan p : plans(s)) {
                        r.add(CudaSelfTest.gemm(ctx, p, ta, tb, s[0], s[1], s[2], 0.5, -1, 0.5f, 3, seed++));
                        r.add(CudaSelfTest.gemm(ctx, p, ta, tb, s[0], s[1], s[2], -1, 0.5, 1f, 5, seed++));
                    }
                r.add(CudaSelfTest.gemm(ctx, ta, tb, 9, 9, 0, -1, -1, 0.25f, 1, seed++));   // k = 0: C = beta·C
            }
        assertPassed(r);
    }
}
