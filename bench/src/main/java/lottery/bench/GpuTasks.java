package lottery.bench;

import lottery.kernels.BitMask;
import lottery.kernels.Csr;
import lottery.kernels.cuda.Cublas;
import lottery.kernels.cuda.Cuda;
import lottery.kernels.cuda.CudaContext;
import lottery.kernels.cuda.CudaKernels;
import lottery.kernels.cuda.Cusparse;
import lottery.kernels.cuda.DeviceBuffer;
import lottery.kernels.cuda.DeviceCsr;
import lottery.kernels.cuda.DeviceMask;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The GPU implementations over device copies of {@link Operands}: cuda-dense / cuda-masked (the project's
 * GEMM kernel without / with the bit mask), cuda-sparse (its CSR SpMM and SDDMM on transposed activations),
 * cublas (SGEMM) and cusparse (SpMM forward and SDDMM backward-weights; it has no transposed SpMM here, so
 * backward-data is left out). Calls launch asynchronously; {@link Task#sync} waits for the stream, so a
 * timed batch covers launch and execution. Without a usable GPU, {@link #factory()} fails with one line
 * "CUDA backend unavailable: &lt;reason&gt;".
 */
public final class GpuTasks {
    private GpuTasks() {}

    public static KernelBench.TaskFactory factory() {
        if (!Cuda.available()) throw new UnsupportedOperationException(Cuda.unavailableMessage());
        return factory(CudaContext.shared());
    }

    /** The implementations on {@code ctx} (a host-memory context runs the project's kernels as Java twins; no vendor libraries there). */
    public static KernelBench.TaskFactory factory(CudaContext ctx) {
        Map<Operands, Device> devices = new IdentityHashMap<>();
        return (impl, ops, mask) -> {
            Device d = devices.computeIfAbsent(ops, o -> {
                Device dev = new Device(ctx, o);
                o.own(() -> {                              // released (and forgotten) with the operands
                    devices.remove(o);
                    dev.close();
                });
                return dev;
            });
            return create(impl, ops, d, mask, ctx);
        };
    }

    /** Device copies of the operands, uploaded once. */
    static final class Device implements AutoCloseable {
        final DeviceBuffer w, x, xT, dy, dyT, c, cT, vals;

        Device(CudaContext ctx, Operands o) {
            w = ctx.upload(o.w);
            x = o.x == null ? null : ctx.upload(o.x);
            xT = o.xT == null ? null : ctx.upload(o.xT);
            dy = o.dy == null ? null : ctx.upload(o.dy);
            dyT = o.dyT == null ? null : ctx.upload(o.dyT);
            c = ctx.allocateFloats(o.c.length);
            cT = ctx.allocateFloats(o.cT.length);
            vals = o.vals == null ? null : ctx.allocateFloats(o.vals.length);
        }

        DeviceBuffer a(Operands o) { return o.shape.op() == Op.FORWARD || o.shape.op() == Op.SQUARE ? x : dy; }
        DeviceBuffer b(Operands o) { return o.shape.op() == Op.BACKWARD_WEIGHTS ? x : w; }

        @Override public void close() {
            for (DeviceBuffer b : new DeviceBuffer[]{w, x, xT, dy, dyT, c, cT, vals}) if (b != null) b.close();
        }
    }

    static Task create(Impl impl, Operands ops, Device d, BitMask mask, CudaContext ctx) {
        GemmShape s = ops.shape;
        boolean bw = s.op() == Op.BACKWARD_WEIGHTS;
        int rows = s.rows();
        double density = impl.usesDensity() ? mask.density() : 1.0;
        return switch (impl) {
            case CUDA_DENSE -> new Base(impl, density, ops, d, ctx, Out.C) {
                @Override public void run() {
                    CudaKernels.sgemm(ops.transA(), ops.transB(), s.m(), s.n(), s.k(), 1f, d.a(ops), 0, ops.lda(), d.b(ops), 0, ops.ldb(), null, 0f, d.c, 0, s.n(), null);
                }
            };
            case CUBLAS -> {
                if (!Cublas.status().available() || !(ctx.driver() instanceof lottery.kernels.cuda.NativeDriver)) yield null;
                yield new Base(impl, density, ops, d, ctx, Out.C) {
                    @Override public void run() {
                        Cublas.sgemm(ops.transA(), ops.transB(), s.m(), s.n(), s.k(), 1f, d.a(ops), 0, ops.lda(), d.b(ops), 0, ops.ldb(), 0f, d.c, 0, s.n());
                    }
                };
            }
            case CUDA_MASKED -> {
                DeviceMask m = ops.own(DeviceMask.upload(ctx, mask));
                yield new Base(impl, density, ops, d, ctx, Out.C) {
                    @Override public void run() {
                        CudaKernels.sgemm(ops.transA(), ops.transB(), s.m(), s.n(), s.k(), 1f, d.a(ops), 0, ops.lda(), d.b(ops), 0, ops.ldb(),
                                bw ? null : m, 0f, d.c, 0, s.n(), bw ? m : null);
                    }
                };
            }
            case CUDA_SPARSE, CUSPARSE -> {
                boolean vendor = impl == Impl.CUSPARSE;
                if (vendor && (!Cusparse.status().available() || !(ctx.driver() instanceof lottery.kernels.cuda.NativeDriver)
                        || s.op() == Op.BACKWARD_DATA)) yield null;
                Csr csr = Csr.of(ops.w, mask);
                DeviceCsr w = ops.own(DeviceCsr.upload(ctx, csr));
                yield switch (s.op()) {
                    case FORWARD, SQUARE -> new Base(impl, density, ops, d, ctx, Out.CT) {
                        @Override public void run() {
                            if (vendor) Cusparse.spmmT(w, d.xT, rows, 0f, d.cT); else CudaKernels.spmmT(w, d.xT, rows, 0f, d.cT);
                        }
                    };
                    case BACKWARD_DATA -> new Base(impl, density, ops, d, ctx, Out.CT) {
                        @Override public void run() { CudaKernels.spmmTransT(w, d.dyT, rows, 0f, d.cT); }
                    };
                    case BACKWARD_WEIGHTS -> new Base(impl, density, ops, d, ctx, Out.VALS) {
                        @Override public void run() {
                            if (vendor) Cusparse.sddmmT(w, d.dyT, d.xT, rows, d.vals); else CudaKernels.sddmmT(w, d.dyT, d.xT, rows, d.vals);
                        }

                        @Override public float[] result() {
                            sync();
                            float[] v = new float[csr.nnz()];
                            if (v.length > 0) d.vals.download(0, v, 0, v.length);
                            float[] dense = new float[s.m() * s.n()];
                            csr.scatter(v, dense);
                            return dense;
                        }
                    };
                };
            }
            default -> throw new IllegalArgumentException("impl '" + impl + "' is not a GPU implementation");
        };
    }

    private enum Out { C, CT, VALS }

    private abstract static class Base implements Task {
        private final Impl impl;
        private final double density;
        final Operands ops;
        final Device d;
        private final CudaContext ctx;
        private final Out out;
        private final float[] one = new float[1];

        Base(Impl impl, double density, Operands ops, Device d, CudaContext ctx, Out out) {
            this.impl = impl;
            this.density = density;
            this.ops = ops;
            this.d = d;
            this.ctx = ctx;
            this.out = out;
        }

        @Override public Impl impl() { return impl; }
        @Override public double density() { return density; }
        @Override public void sync() { ctx.synchronize(); }

        @Override public float probe() {
            DeviceBuffer b = out == Out.C ? d.c : out == Out.CT ? d.cT : d.vals;
            b.download(0, one, 0, 1);
            return one[0];
        }

        @Override public float[] result() {
            sync();
            GemmShape s = ops.shape;
            float[] host = new float[s.m() * s.n()];
            if (out == Out.C) {
                d.c.download(host);
                return host;
            }
            d.cT.download(host);
            return Operands.transpose(host, s.n(), s.m());
        }
    }
}
