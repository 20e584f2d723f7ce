package lottery.kernels.cuda;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

import java.util.ArrayList;
import java.util.List;

/** Kernel arguments in declaration order, and the launch on the context's stream. */
final class Launch {
    static final int BLOCK = 256;
    /** Grid-stride kernels need no more blocks than this to fill any current GPU. */
    static final int MAX_STRIDE_BLOCKS = 1 << 16;
    private static final CUdeviceptr NULL = new CUdeviceptr();

    private final List<Pointer> args = new ArrayList<>(16);

    Launch i(int v) { args.add(Pointer.to(new int[] {v})); return this; }

    Launch f(float v) { args.add(Pointer.to(new float[] {v})); return this; }

    /** A device pointer argument; null passes NULL. */
    Launch p(CUdeviceptr v) { args.add(Pointer.to(v == null ? NULL : v)); return this; }

    /** Blocks of {@link #BLOCK} threads covering {@code threads}. */
    static int blocks(long threads) {
        long b = (threads + BLOCK - 1) / BLOCK;
        if (b > Integer.MAX_VALUE) throw new IllegalArgumentException("launch of " + threads + " threads is too large");
        return (int) b;
    }

    /** Blocks for a grid-stride loop over {@code n} elements. */
    static int strideBlocks(long n) { return (int) Math.min(blocks(n), MAX_STRIDE_BLOCKS); }

    void run(CudaContext ctx, String kernel, int gridX, int gridY, int block) {
        ctx.makeCurrent();
        Pointer params = Pointer.to(args.toArray(new Pointer[0]));
        Cuda.check(JCudaDriver.cuLaunchKernel(ctx.function(kernel), gridX, gridY, 1, block, 1, 1, 0, ctx.stream(), params, null),
                "cuLaunchKernel(" + kernel + ", grid " + gridX + "x" + gridY + ", block " + block + ")");
    }

    void run(CudaContext ctx, String kernel, int gridX) { run(ctx, kernel, gridX, 1, BLOCK); }
}
