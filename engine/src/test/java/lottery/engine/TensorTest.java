package lottery.engine;

import lottery.engine.ops.Linear;
import lottery.engine.ops.Relu;
import lottery.engine.ops.Sum;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TensorTest {
    @Test void transposeIsAStrideSwapAndViewsShareStorage() {
        Tensor a = Tensor.of(new float[]{1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor t = a.t();
        assertSame(a.data(), t.data());
        assertArrayEquals(new int[]{3, 2}, t.shape());
        assertArrayEquals(new int[]{1, 3}, t.strides());
        assertEquals(4f, t.get(0, 1));
        assertArrayEquals(new float[]{1, 4, 2, 5, 3, 6}, t.toArray());
        assertTrue(t.isTransposedLayout());
        Tensor v = a.view(3, 2);
        assertSame(a.data(), v.data());
        assertEquals(3f, v.get(1, 0));
        assertThrows(IllegalArgumentException.class, () -> t.view(6));
        assertThrows(IllegalArgumentException.class, () -> a.view(4, 2));
    }

    @Test void steadyStateForwardAndBackwardReuseBuffers() {
        Tensor x = Tensor.of(new float[]{1, -2, 3, -4, 5, -6}, 2, 3);
        Tensor w = Tensor.of(new float[]{0.5f, -1, 2, 1, 1, 1}, 2, 3).requireGrad();
        w.grad = Tensor.zeros(2, 3);
        Workspace lin = new Workspace(), relu = new Workspace();
        float[] firstY = null;
        for (int step = 0; step < 3; step++) {
            Tensor y = Relu.apply(Linear.apply(x, w, null, null, lin), relu);
            Sum.sum(y, null).backward();
            if (firstY == null) firstY = y.data();
            assertSame(firstY, y.data(), "activation buffer reused");
        }
        // only sample 0 is active (x0·w0 = 8.5, x0·w1 = 2; sample 1 is negative): dW = x0 per step, accumulated 3 times
        assertArrayEquals(new float[]{3, -6, 9, 3, -6, 9}, w.grad.toArray(), 1e-5f);
    }

    @Test void deviceNamesOnlyExistingBackends() {
        assertSame(CpuBackend.INSTANCE, Backend.of(Device.CPU));
        if (lottery.kernels.cuda.Cuda.available()) {
            assertSame(Device.CUDA, Backend.of(Device.CUDA).device(), "with a GPU, CUDA names the GPU backend");
        } else {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Backend.of(Device.CUDA),
                    "without a GPU, CUDA is refused");
            assertEquals(lottery.kernels.cuda.Cuda.unavailableMessage(), e.getMessage());
        }
    }
}
