package lottery.bench;

import lottery.kernels.BitMask;
import lottery.kernels.Bsr;
import lottery.kernels.BsrProducts;
import lottery.kernels.Csr;
import lottery.kernels.Gemm;
import lottery.kernels.Nm;
import lottery.kernels.NmMatrix;
import lottery.kernels.Sparse;
import org.bytedeco.javacpp.FloatPointer;

import java.util.Arrays;

/**
 * The CPU implementations of a layer product, as {@link Task}s over shared {@link Operands}:
 * dense {@link Gemm#sgemm}, masked {@link Gemm#sgemmMaskedB} / {@link Gemm#sgemmMaskedC},
 * sparse {@link Sparse#spmmT} / {@link Sparse#spmmTransT} / {@link Sparse#sddmmT} on transposed
 * activations, the structured {@link Nm} (N:M) and {@link BsrProducts} (block sparse rows) on the same
 * layout, and OpenBLAS cblas_sgemm on native copies.
 */
public final class CpuTasks {
    private CpuTasks() {}

    /**
     * {@code mask} ([out, in]) is used by masked, sparse and the structured kinds; dense and OpenBLAS multiply {@code ops.w}
     * as it is. Null when {@code impl} has no kernel for this mask (N:M or BSR on a mask without that structure).
     */
    public static Task create(Impl impl, Operands ops, BitMask mask) {
        GemmShape s = ops.shape;
        double density = impl.usesDensity() ? mask.density() : 1.0;
        return switch (impl) {
            case DENSE -> new Base(impl, density, ops) {
                @Override public void run() {
                    Gemm.sgemm(ops.transA(), ops.transB(), s.m(), s.n(), s.k(), ops.a(), 0, ops.lda(), ops.b(), 0, ops.ldb(), 0f, ops.c, 0, s.n());
                }
            };
            case MASKED -> s.op() == Op.BACKWARD_WEIGHTS
                    ? new Base(impl, density, ops) {
                        @Override public void run() {
                            Gemm.sgemmMaskedC(true, false, s.m(), s.n(), s.k(), ops.dy, 0, s.m(), ops.x, 0, s.n(), 0f, ops.c, 0, s.n(), mask);
                        }
                    }
                    : new Base(impl, density, ops) {
                        @Override public void run() {
                            Gemm.sgemmMaskedB(false, ops.transB(), s.m(), s.n(), s.k(), ops.a(), 0, ops.lda(), ops.w, 0, ops.ldb(), mask, 0f, ops.c, 0, s.n());
                        }
                    };
            case SPARSE -> sparse(ops, mask, density);
            case NM -> structured(impl, ops, mask, density);
            case BSR -> structured(impl, ops, mask, density);
            case OPENBLAS -> openblas(ops);
            default -> throw new IllegalArgumentException("impl '" + impl + "' is not a CPU implementation");
        };
    }

    private static Task sparse(Operands ops, BitMask mask, double density) {
        GemmShape s = ops.shape;
        Csr csr = Csr.of(ops.w, mask);
        int rows = s.rows();
        return switch (s.op()) {
            case FORWARD, SQUARE -> new Base(Impl.SPARSE, density, ops) {
                @Override public void run() { Sparse.spmmT(csr, ops.xT, rows, 0f, ops.cT); }         // yT: [out, rows]
                @Override public float probe() { return ops.cT[0]; }
                @Override public float[] result() { return Operands.transpose(ops.cT, s.n(), s.m()); }
            };
            case BACKWARD_DATA -> new Base(Impl.SPARSE, density, ops) {
                @Override public void run() { Sparse.spmmTransT(csr, ops.dyT, rows, 0f, ops.cT); }   // dxT: [in, rows]
                @Override public float probe() { return ops.cT[0]; }
                @Override public float[] result() { return Operands.transpose(ops.cT, s.n(), s.m()); }
            };
            case BACKWARD_WEIGHTS -> new Base(Impl.SPARSE, density, ops) {
                @Override public void run() { Sparse.sddmmT(csr, ops.dyT, ops.xT, rows, ops.vals); } // dw[e], e < nnz
                @Override public float probe() { return ops.vals[0]; }
                @Override public float[] result() {
                    float[] dense = new float[s.m() * s.n()];
                    csr.scatter(Arrays.copyOf(ops.vals, csr.nnz()), dense);
                    return dense;
                }
            };
        };
    }

    /** The N:M group sizes and the block shapes the structured kinds look for, in order. */
    private static final int[] NM_GROUPS = {4, 8, 16, 2};
    private static final int[][] BLOCKS = {{4, 4}, {1, 8}, {8, 1}, {16, 1}, {2, 2}};

    /** The N:M compression of {@code mask}: the first M of {@link #NM_GROUPS} whose every full group keeps the same N; null if none. */
    public static NmMatrix nmOf(float[] w, BitMask mask) {
        for (int m : NM_GROUPS) {
            if (mask.cols < m) continue;
            int n = NmMatrix.maxPerGroup(mask, m), full = mask.cols / m, tail = mask.cols % m;
            if (n == m) continue;
            if (mask.count() == (long) mask.rows * (full * n + Math.min(n, tail))) return NmMatrix.of(w, mask, n, m);
        }
        return null;
    }

    /** The BSR form of {@code mask} with the first block shape of {@link #BLOCKS} it is made of; null if none. */
    public static Bsr bsrOf(float[] w, BitMask mask) {
        for (int[] b : BLOCKS) if (Bsr.blockStructured(mask, b[0], b[1])) return Bsr.of(w, mask, b[0], b[1]);
        return null;
    }

    private static Task structured(Impl impl, Operands ops, BitMask mask, double density) {
        GemmShape s = ops.shape;
        int rows = s.rows();
        NmMatrix nm = impl == Impl.NM ? nmOf(ops.w, mask) : null;
        Bsr bsr = impl == Impl.BSR ? bsrOf(ops.w, mask) : null;
        if (nm == null && bsr == null) return null;
        return switch (s.op()) {
            case FORWARD, SQUARE -> new Base(impl, density, ops) {
                @Override public void run() {
                    if (nm != null) Nm.forwardT(nm, ops.xT, rows, 0f, ops.cT);
                    else BsrProducts.forwardT(bsr, ops.xT, rows, 0f, ops.cT);
                }
                @Override public float probe() { return ops.cT[0]; }
                @Override public float[] result() { return Operands.transpose(ops.cT, s.n(), s.m()); }
            };
            case BACKWARD_DATA -> new Base(impl, density, ops) {
                @Override public void run() {
                    if (nm != null) Nm.backwardDataT(nm, ops.dyT, rows, 0f, ops.cT);
                    else BsrProducts.backwardDataT(bsr, ops.dyT, rows, 0f, ops.cT);
                }
                @Override public float probe() { return ops.cT[0]; }
                @Override public float[] result() { return Operands.transpose(ops.cT, s.n(), s.m()); }
            };
            case BACKWARD_WEIGHTS -> {
                float[] dw = new float[nm != null ? nm.values.length : bsr.values.length];
                yield new Base(impl, density, ops) {
                    @Override public void run() {
                        if (nm != null) Nm.backwardWeightsT(nm, ops.dyT, ops.xT, rows, dw);
                        else BsrProducts.backwardWeightsT(bsr, ops.dyT, ops.xT, rows, dw);
                    }
                    @Override public float probe() { return dw[0]; }
                    @Override public float[] result() {
                        float[] dense = new float[s.m() * s.n()];
                        if (nm != null) nm.scatter(dw, dense);
                        else bsr.scatter(dw, dense);
                        return dense;
                    }
                };
            }
        };
    }

    private static Task openblas(Operands ops) {
        OpenBlas.require();
        GemmShape s = ops.shape;
        FloatPointer a = ops.nativeA(), b = ops.nativeB(), c = ops.nativeC();
        return new Base(Impl.OPENBLAS, 1.0, ops) {
            @Override public void run() { OpenBlas.sgemm(ops.transA(), ops.transB(), s.m(), s.n(), s.k(), a, ops.lda(), b, ops.ldb(), 0f, c, s.n()); }
            @Override public float probe() { return c.get(0); }
            @Override public float[] result() {
                float[] out = new float[s.m() * s.n()];
                c.get(out);
                return out;
            }
        };
    }

    private abstract static class Base implements Task {
        private final Impl impl;
        private final double density;
        final Operands ops;

        Base(Impl impl, double density, Operands ops) {
            this.impl = impl;
            this.density = density;
            this.ops = ops;
        }

        @Override public Impl impl() { return impl; }
        @Override public double density() { return density; }
        @Override public float probe() { return ops.c[0]; }
        @Override public float[] result() { return ops.c.clone(); }
    }
}
