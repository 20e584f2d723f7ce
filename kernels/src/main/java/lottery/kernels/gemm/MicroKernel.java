package lottery.kernels.gemm;

import lottery.kernels.VectorWidth;

/**
 * A register-blocked micro-kernel: C[0:mr, 0:nr] = Apanel · Bpanel + beta·C over kc steps, for full
 * tiles only (edges go through a zero-padded panel and a temporary tile, see {@link GemmLoops}).
 * Implementations keep their species in a static final so the Vector API code is intrinsified.
 */
interface MicroKernel {
    /** Rows of the register tile. */
    int mr();

    /** Columns of the register tile, a multiple of {@link #lanes()} that divides 64. */
    int nr();

    int lanes();

    /**
     * a: packed A micro-panel [kc, mr] (mr floats per k step); b: B rows [kc, nr] with stride bStride
     * between k steps; c: the [mr, nr] tile at c[ci], row stride ldc.
     */
    void run(int kc, float[] a, int ai, float[] b, int bi, int bStride, float beta, float[] c, int ci, int ldc);

    /**
     * The kernel for the machine's preferred vector width, or the one {@link VectorWidth} forces
     * ({@code -Dlottery.vectorBits=256} runs the AVX2 shape on any machine; the test suite does).
     */
    static MicroKernel preferred() { return KernelPreferred.INSTANCE; }
}
