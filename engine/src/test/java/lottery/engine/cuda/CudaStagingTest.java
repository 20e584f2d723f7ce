package lottery.engine.cuda;

import lottery.engine.ComputeDevice;
import lottery.engine.Device;
import lottery.engine.LinearPath;
import lottery.engine.Tensor;
import lottery.engine.WeightMask;
import lottery.engine.ops.Linear;
import lottery.engine.ops.Sum;
import lottery.kernels.BitMask;
import lottery.kernels.Csr;
import lottery.kernels.cuda.CudaContext;
import lottery.kernels.cuda.HostDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the per-call path copies, counted on host memory: per masked linear step (forward, backward-data,
 * backward-weights) each product uploads its two operands and downloads its result, the mask goes up
 * once for all steps, nothing waits with an explicit synchronisation, and every staging buffer is
 * released. The CSR pattern cache evicts (and frees) old patterns while new ones are in use.
 */
class CudaStagingTest {
    @AfterEach void backToCpu() { ComputeDevice.select(Device.CPU); }

    @Test void aMaskedLinearStepCopiesOperandsAndResultsButTheMaskOnlyOnce() {
        CudaBackend gpu = CudaBackend.on(HostDriver.context(64L << 20));
        CudaContext ctx = gpu.context();
        ComputeDevice.select(gpu);
        SplittableRandom rnd = new SplittableRandom(1);
        int batch = 6, in = 20, out = 9;
        BitMask bits = new BitMask(out, in);
        for (int i = 0; i < out; i++) for (int j = 0; j < in; j++) bits.set(i, j, rnd.nextDouble() < 0.6);
        WeightMask mask = new WeightMask(bits);
        Tensor w = rand(rnd, out, in).requireGrad(), b = rand(rnd, 1, out).view(out).requireGrad();
        bits.applyTo(w.data());
        CudaContext.Snapshot[] perStep = new CudaContext.Snapshot[3];
        for (int step = 0; step < 3; step++) {
            CudaContext.Snapshot before = ctx.traffic().snapshot();
            Tensor x = rand(rnd, batch, in).requireGrad();
            Sum.sum(Linear.apply(x, w, b, mask, LinearPath.MASKED, null), null).backward();
            perStep[step] = ctx.traffic().snapshot().minus(before);
        }
        long maskBytes = 8L * bits.words.length, dwBytes = 4L * out * in;
        // forward x, W; backward-data dy, W; backward-weights dy, x
        long operandBytes = 4L * (batch * in + out * in + batch * out + out * in + batch * out + batch * in);
        assertEquals(7, perStep[0].uploads(), "first step: 6 operands + the mask (one device copy serves all three products)");
        assertEquals(operandBytes + maskBytes, perStep[0].uploadBytes());
        for (int step = 1; step < 3; step++) {
            // W.grad now exists, so backward-weights accumulates into it (beta 1) and must upload it; the mask stays cached
            assertEquals(7, perStep[step].uploads(), "step " + step + ": 6 operands + the accumulated weight gradient");
            assertEquals(operandBytes + dwBytes, perStep[step].uploadBytes(), "step " + step + ": no mask bytes");
        }
        for (int step = 0; step < 3; step++) {
            assertEquals(3, perStep[step].downloads(), "step " + step + ": one result per product");
            assertEquals(0, perStep[step].syncs(), "copies are ordered by the stream, not by waiting");
        }
        assertEquals(cachedMaskBytes(maskBytes), ctx.allocator().bytesInUse(), "staging buffers released, the mask stays cached");
    }

    private static long cachedMaskBytes(long maskBytes) { return Math.max(256, Long.highestOneBit(maskBytes - 1) << 1); }

    @Test void thePatternCacheEvictsOldPatternsWhileNewOnesAreInUse() {
        CudaContext ctx = HostDriver.context(64L << 20);
        CudaBackend gpu = new CudaBackend(ctx, 4);
        var cpu = lottery.engine.Backend.of(Device.CPU);
        SplittableRandom rnd = new SplittableRandom(2);
        int out = 13, in = 17, batch = 5;
        Csr[] patterns = new Csr[10];
        for (int p = 0; p < patterns.length; p++) {
            BitMask m = new BitMask(out, in);
            for (int i = 0; i < out; i++) for (int j = 0; j < in; j++) m.set(i, j, rnd.nextDouble() < 0.3);
            patterns[p] = Csr.of(rand(rnd, out, in).data(), m);
        }
        Tensor xT = Tensor.transposedLayout(rand(rnd, in, batch).data(), batch, in);
        long peak = 0;
        for (int round = 0; round < 2; round++)
            for (Csr w : patterns) {               // 10 patterns through a cache of 4: every call after the 4th evicts one
                Tensor yCpu = Tensor.transposedLayout(new float[out * batch], batch, out),
                        yGpu = Tensor.transposedLayout(new float[out * batch], batch, out);
                cpu.spmmT(w, xT, 0f, yCpu);
                gpu.spmmT(w, xT, 0f, yGpu);
                assertArrayEquals(yCpu.data(), yGpu.data(), 1e-5f, "an evicted pattern comes back right");
                peak = Math.max(peak, ctx.allocator().bytesInUse());
            }
        long perPattern = 4 * 512;                    // rowPtr, colIdx, values, denseIndex: at most 128 4-byte entries each here
        assertTrue(ctx.allocator().bytesInUse() <= 4 * perPattern, "evicted patterns gave their blocks back: "
                + ctx.allocator().bytesInUse());
        assertTrue(peak <= 5 * perPattern + 2 * 512, "in use never exceeds the cache, the pattern being added and one call's staging: "
                + peak);
    }

    private static Tensor rand(SplittableRandom rnd, int rows, int cols) {
        float[] d = new float[rows * cols];
        for (int i = 0; i < d.length; i++) d[i] = (float) (rnd.nextDouble() * 2 - 1);
        return Tensor.of(d, rows, cols);
    }
}
