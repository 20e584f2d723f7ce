package lottery.kernels.cuda;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** CSR SpMM (all four layouts) and SDDMM against ScalarSparse, odd shapes, densities 0 / mid / 1. */
class CudaSparseTest extends GpuTest {
    private static final int[][] SHAPES = {{1, 1, 1}, {7, 33, 3}, {257, 33, 60}, {33, 1000, 7}, {300, 784, 60}};

    @Test void spmmAllLayouts() {
        List<CudaSelfTest.Result> r = new ArrayList<>();
        long seed = 1;
        for (int[] s : SHAPES)
            for (double d : new double[] {0, 0.1, 1})
                for (int variant = 0; variant < 4; variant++)
                    for (float beta : new float[] {0f, 0.5f})
                        r.add(CudaSelfTest.spmm(ctx, variant, s[0], s[1], s[2], d, beta, seed++));
        assertPassed(r);
    }

    @Test void sddmmBothLayouts() {
        List<CudaSelfTest.Result> r = new ArrayList<>();
        long seed = 500;
        for (int[] s : SHAPES)
            for (double d : new double[] {0, 0.1, 1})
                for (boolean t : new boolean[] {false, true}) r.add(CudaSelfTest.sddmm(ctx, t, s[0], s[1], s[2], d, seed++));
        assertPassed(r);
    }

    @Test void csrGatherAndScatter() {
        List<CudaSelfTest.Result> r = new ArrayList<>();
        for (double d : new double[] {0, 0.3, 1}) {
            r.add(CudaOpsSelfTest.csr(ctx, true, 33, 1001, d, 7));
            r.add(CudaOpsSelfTest.csr(ctx, false, 33, 1001, d, 8));
        }
        assertPassed(r);
    }
}
