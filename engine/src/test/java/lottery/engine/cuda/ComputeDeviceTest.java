package lottery.engine.cuda;

import lottery.engine.Backend;
import lottery.engine.ComputeDevice;
import lottery.engine.Device;
import lottery.engine.LinearPath;
import lottery.engine.Tensor;
import lottery.engine.WeightMask;
import lottery.engine.ops.Conv2d;
import lottery.engine.ops.Linear;
import lottery.engine.ops.Relu;
import lottery.engine.ops.Sum;
import lottery.kernels.BitMask;
import lottery.kernels.cuda.Cuda;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Selecting the device that runs host tensors' products: the one-line failure without CUDA, and
 * (with a GPU) the layer ops forward and backward on CUDA against the same ops on the CPU.
 */
class ComputeDeviceTest {
    @AfterEach void backToCpu() { ComputeDevice.select(Device.CPU); }

    @Test void cpuIsTheDefaultAndSelectable() {
        ComputeDevice.select(Device.CPU);
        assertSame(Device.CPU, ComputeDevice.selected());
        assertSame(Device.CPU, Backend.of(Device.CPU).device());
    }

    @Test void withoutCudaSelectionFailsWithTheProbeReasonAndKeepsTheCpu() {
        Assumptions.assumeFalse(Cuda.available(), "CUDA is available: the failure path does not apply");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ComputeDevice.select(Device.CUDA));
        assertEquals("CUDA backend unavailable: " + Cuda.reason(), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertSame(Device.CPU, ComputeDevice.selected());
        IllegalStateException f = assertThrows(IllegalStateException.class, () -> Backend.of(Device.CUDA));
        assertEquals(e.getMessage(), f.getMessage());
    }

    @Test void linearPathsMatchTheCpuForwardAndBackward() {
        requireGpu();
        SplittableRandom rnd = new SplittableRandom(3);
        int[][] shapes = {{1, 7, 33}, {60, 784, 300}, {33, 257, 10}};
        for (int[] s : shapes) {
            int batch = s[0], in = s[1], out = s[2];
            float[] x = rand(rnd, batch * in), w = rand(rnd, out * in), b = rand(rnd, out);
            BitMask bits = new BitMask(out, in);
            for (int i = 0; i < out; i++) for (int j = 0; j < in; j++) bits.set(i, j, rnd.nextDouble() < 0.2);
            for (int k = 0; k < w.length; k++) if (!bits.get(k)) w[k] = 0f;
            for (LinearPath path : LinearPath.values()) {
                float[][] cpu = linearStep(Device.CPU, path, x, w, b, bits, batch, in, out);
                float[][] gpu = linearStep(Device.CUDA, path, x, w, b, bits, batch, in, out);
                for (int t = 0; t < cpu.length; t++)
                    assertArrayEquals(cpu[t], gpu[t], 2e-3f, path + " " + java.util.Arrays.toString(s) + " output " + t);
            }
        }
    }

    @Test void conv2dMatchesTheCpuForwardAndBackward() {
        requireGpu();
        SplittableRandom rnd = new SplittableRandom(4);
        int n = 3, c = 3, h = 9, wd = 7, oc = 5, k = 3;
        float[] x = rand(rnd, n * c * h * wd), w = rand(rnd, oc * c * k * k), b = rand(rnd, oc);
        BitMask bits = new BitMask(oc, c * k * k);
        for (int i = 0; i < oc; i++) for (int j = 0; j < c * k * k; j++) bits.set(i, j, rnd.nextDouble() < 0.5);
        for (BitMask mask : new BitMask[] {null, bits}) {
            float[][] cpu = convStep(Device.CPU, x, w, b, mask, n, c, h, wd, oc, k);
            float[][] gpu = convStep(Device.CUDA, x, w, b, mask, n, c, h, wd, oc, k);
            for (int t = 0; t < cpu.length; t++) assertArrayEquals(cpu[t], gpu[t], 2e-3f, "conv2d mask=" + (mask != null) + " output " + t);
        }
    }

    /** y = relu(linear(x)), loss = sum(y); returns {y, dx, dW, db}. */
    private static float[][] linearStep(Device device, LinearPath path, float[] x0, float[] w0, float[] b0, BitMask bits,
                                        int batch, int in, int out) {
        ComputeDevice.select(device);
        Tensor x = Tensor.of(x0.clone(), batch, in).requireGrad(), w = Tensor.of(w0.clone(), out, in).requireGrad(),
                b = Tensor.of(b0.clone(), out).requireGrad();
        WeightMask mask = path == LinearPath.DENSE ? null : new WeightMask(bits);
        Tensor y = Relu.apply(Linear.apply(x, w, b, mask, path, null), null);
        Sum.sum(y, null).backward();
        return new float[][] {y.toArray(), x.grad.toArray(), w.grad.toArray(), b.grad.toArray()};
    }

    /** y = relu(conv2d(x)), loss = sum(y); returns {y, dx, dW, db}. */
    private static float[][] convStep(Device device, float[] x0, float[] w0, float[] b0, BitMask bits, int n, int c, int h, int wd,
            int oc, int k) {
        ComputeDevice.select(device);
        Tensor x = Tensor.of(x0.clone(), n, c, h, wd).requireGrad(), w = Tensor.of(w0.clone(), oc, c, k, k).requireGrad(),
                b = Tensor.of(b0.clone(), oc).requireGrad();
        Tensor y = Relu.apply(Conv2d.apply(x, w, b, bits == null ? null : new WeightMask(bits), 1, 1, null), null);
        Sum.sum(y, null).backward();
        return new float[][] {y.toArray(), x.grad.toArray(), w.grad.toArray(), b.grad.toArray()};
    }

    private static void requireGpu() { Assumptions.assumeTrue(Cuda.usableInTests(), Cuda::unavailableMessage); }

    private static float[] rand(SplittableRandom rnd, int n) {
        float[] d = new float[n];
        for (int i = 0; i < n; i++) d[i] = (float) (rnd.nextDouble() * 2 - 1);
        return d;
    }
}
