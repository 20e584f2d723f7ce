package lottery.engine.cuda;

import lottery.engine.Backend;
import lottery.engine.Device;
import lottery.engine.Tensor;
import lottery.kernels.BitMask;
import lottery.kernels.Csr;
import lottery.kernels.cuda.Cuda;
import lottery.kernels.cuda.HostDriver;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** CudaBackend against the CPU backend on the layer shapes and layouts the ops use, on host memory and (when present) on the GPU. */
class CudaBackendTest {
    private static final float TOL = 2e-4f;
    private final Backend cpu = Backend.of(Device.CPU);

    @Test void spanCoversEveryElementOfAView() {
        assertEquals(12, CudaBackend.span(Tensor.zeros(3, 4)));
        assertEquals(12, CudaBackend.span(Tensor.zeros(3, 4).t()));
        assertEquals(0, CudaBackend.span(Tensor.zeros(0, 4)));
        assertEquals(1, CudaBackend.span(Tensor.zeros(1, 1)));
    }

    @Test void unavailableBackendSaysWhy() {
        Assumptions.assumeFalse(Cuda.available(), "CUDA is available here: the refusal path does not apply");
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, CudaBackend::get);
        assertEquals(Cuda.unavailableMessage(), e.getMessage());
    }

    @Test void matmulLayoutsMatchCpuOnTheGpu() { matmulLayoutsMatchCpu(requireGpu()); }

    @Test void matmulLayoutsMatchCpuOnHostMemory() { matmulLayoutsMatchCpu(onHost()); }

    @Test void sparseTransposedLayoutMatchesCpuOnTheGpu() { sparseTransposedLayoutMatchesCpu(requireGpu()); }

    @Test void sparseTransposedLayoutMatchesCpuOnHostMemory() { sparseTransposedLayoutMatchesCpu(onHost()); }

    /** A backend on a host-memory context: the staging code and the kernels' Java twins, no GPU. */
    static CudaBackend onHost() { return CudaBackend.on(HostDriver.context(256L << 20)); }

    private void matmulLayoutsMatchCpu(CudaBackend gpu) {
        SplittableRandom rnd = new SplittableRandom(1);
        int[][] shapes = {{1, 1, 1}, {7, 33, 257}, {60, 300, 784}, {33, 1000, 7}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            Tensor x = rand(rnd, m, k), w = rand(rnd, n, k), dy = rand(rnd, m, n);
            // forward y = x · wᵀ, backward-data dx = dy · w, backward-weights dw = dyᵀ · x
            compare(c -> cpu.matmul(x, w.t(), 0f, c), c -> gpu.matmul(x, w.t(), 0f, c), m, n);
            compare(c -> cpu.matmul(dy, w, 0f, c), c -> gpu.matmul(dy, w, 0f, c), m, k);
            compare(c -> cpu.matmul(dy.t(), x, 0.5f, c), c -> gpu.matmul(dy.t(), x, 0.5f, c), n, k);
            BitMask mask = randomMask(rnd, n, k, 0.3);
            compare(c -> cpu.matmulMaskedB(x, w.t(), mask, 0f, c), c -> gpu.matmulMaskedB(x, w.t(), mask, 0f, c), m, n);
            compare(c -> cpu.matmulMaskedB(dy, w, mask, 1f, c), c -> gpu.matmulMaskedB(dy, w, mask, 1f, c), m, k);
            compare(c -> cpu.matmulMaskedC(dy.t(), x, 0f, c, mask), c -> gpu.matmulMaskedC(dy.t(), x, 0f, c, mask), n, k);
        }
    }

    private void sparseTransposedLayoutMatchesCpu(CudaBackend gpu) {
        SplittableRandom rnd = new SplittableRandom(2);
        for (double density : new double[] {0, 0.1, 1}) {
            int out = 300, in = 784, batch = 60;
            Csr w = Csr.of(rand(rnd, out, in).data(), randomMask(rnd, out, in, density));
            Tensor xT = Tensor.transposedLayout(rand(rnd, in, batch).data(), batch, in);
            Tensor dyT = Tensor.transposedLayout(rand(rnd, out, batch).data(), batch, out);
            float[] y0 = rand(rnd, out, batch).data();
            Tensor yCpu = Tensor.transposedLayout(y0.clone(), batch, out), yGpu = Tensor.transposedLayout(y0.clone(), batch, out);
            cpu.spmmT(w, xT, 0.5f, yCpu);
            gpu.spmmT(w, xT, 0.5f, yGpu);
            assertArrayEquals(yCpu.data(), yGpu.data(), TOL, "spmmT density " + density);
            Tensor dxCpu = Tensor.transposedLayout(new float[in * batch], batch, in),
                    dxGpu = Tensor.transposedLayout(new float[in * batch], batch, in);
            cpu.spmmTransT(w, dyT, 0f, dxCpu);
            gpu.spmmTransT(w, dyT, 0f, dxGpu);
            assertArrayEquals(dxCpu.data(), dxGpu.data(), TOL, "spmmTransT density " + density);
            float[] dwCpu = new float[w.nnz()], dwGpu = new float[w.nnz()];
            cpu.sddmmT(w, dyT, xT, dwCpu);
            gpu.sddmmT(w, dyT, xT, dwGpu);
            assertArrayEquals(dwCpu, dwGpu, 1e-3f, "sddmmT density " + density);
        }
    }

    private static CudaBackend requireGpu() {
        Assumptions.assumeTrue(Cuda.usableInTests(), Cuda::unavailableMessage);
        return CudaBackend.get();
    }

    private static void compare(java.util.function.Consumer<Tensor> onCpu, java.util.function.Consumer<Tensor> onGpu, int rows, int cols) {
        float[] c0 = new float[rows * cols];
        for (int i = 0; i < c0.length; i++) c0[i] = (i % 7) - 3;
        Tensor a = Tensor.of(c0.clone(), rows, cols), b = Tensor.of(c0.clone(), rows, cols);
        onCpu.accept(a);
        onGpu.accept(b);
        assertArrayEquals(a.data(), b.data(), 2e-3f, "[" + rows + ", " + cols + "]");
    }

    private static Tensor rand(SplittableRandom rnd, int rows, int cols) {
        float[] d = new float[rows * cols];
        for (int i = 0; i < d.length; i++) d[i] = (float) (rnd.nextDouble() * 2 - 1);
        return Tensor.of(d, rows, cols);
    }

    private static BitMask randomMask(SplittableRandom rnd, int rows, int cols, double density) {
        BitMask m = new BitMask(rows, cols);
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) m.set(i, j, rnd.nextDouble() < density);
        return m;
    }
}
