package lottery.bench;

import lottery.kernels.BitMask;
import lottery.kernels.Csr;
import lottery.kernels.Gemm;
import lottery.kernels.Sparse;
import org.bytedeco.javacpp.FloatPointer;

import java.util.Arrays;

/**
 * The CPU implementations of a layer product, as {@link Task}s over shared {@link Operands}:
 * dense {@link Gemm#sgemm}, masked {@link Gemm#sgemmMaskedB} / {@link Gemm#sgemmMaskedC},
 * sparse {@link Sparse#spmmT} / {@link Sparse#spmmTransT} / {@link Sparse#sddmmT} on transposed
 * activations, and OpenBLAS cblas_sgemm on native copies.
 */
public final class CpuTasks {
    private CpuTasks() {}

    /** {@code mask} ([out, in]) is used by masked and sparse; dense and OpenBLAS multiply {@code ops.w} as it is. */
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
