package lottery.kernels.cuda;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** Elementwise ops, reductions, softmax cross-entropy and the mask-aware optimizers against plain Java loops. */
class CudaOpsTest extends GpuTest {
    @Test void allOpsOnOddShapes() {
        List<CudaSelfTest.Result> r = new ArrayList<>();
        int[][] shapes = {{1, 1}, {7, 7}, {33, 257}, {1000, 33}, {300 * 784, 784}, {1 << 20, 1000}};
        long seed = 1;
        for (int[] s : shapes) r.addAll(CudaOpsSelfTest.all(ctx, s[0], s[1], seed += 100));
        assertPassed(r);
    }

    @Test void softmaxCrossEntropyWideRows() {
        assertPassed(List.of(CudaOpsSelfTest.softmaxXent(ctx, 60, 10, 1), CudaOpsSelfTest.softmaxXent(ctx, 7, 1000, 2),
                CudaOpsSelfTest.softmaxXent(ctx, 1, 1, 3)));
    }
}
