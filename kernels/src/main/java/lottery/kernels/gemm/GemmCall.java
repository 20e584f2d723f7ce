package lottery.kernels.gemm;

import lottery.kernels.BitMask;

/**
 * The arguments of one product C = op(A)·op(B ⊙ maskB) (⊙ maskC) + beta·C, held in a reusable
 * object so the loops and the worker threads share them without allocating per call.
 * Shapes: op(A) [m, k], op(B) [k, n], C [m, n]; maskB has B's stored shape, maskC is [m, n].
 */
final class GemmCall {
    MicroKernel kernel;
    boolean transA, transB;
    int m, n, k;
    float[] a, b, c;
    int aOff, lda, bOff, ldb, cOff, ldc;
    BitMask maskB, maskC;
    float beta;

    GemmCall set(MicroKernel kernel, boolean transA, boolean transB, int m, int n, int k,
                 float[] a, int aOff, int lda, float[] b, int bOff, int ldb, BitMask maskB,
                 float beta, float[] c, int cOff, int ldc, BitMask maskC) {
        this.kernel = kernel;
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.a = a;
        this.aOff = aOff;
        this.lda = lda;
        this.b = b;
        this.bOff = bOff;
        this.ldb = ldb;
        this.maskB = maskB;
        this.beta = beta;
        this.c = c;
        this.cOff = cOff;
        this.ldc = ldc;
        this.maskC = maskC;
        return this;
    }

    /** Drops the array references so a finished call does not keep caller data alive. */
    void clear() {
        a = b = c = null;
        maskB = maskC = null;
    }
}
