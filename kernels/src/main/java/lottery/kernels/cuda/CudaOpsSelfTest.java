package lottery.kernels.cuda;

import lottery.kernels.BitMask;
import lottery.kernels.Csr;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static lottery.kernels.cuda.CudaSelfTest.TOL;
import static lottery.kernels.cuda.CudaSelfTest.compare;
import static lottery.kernels.cuda.CudaSelfTest.random;
import static lottery.kernels.cuda.CudaSelfTest.randomMask;

/**
 * Self-tests of the elementwise, reduction, loss and optimizer kernels against plain Java loops
 * (the scalar twins written out here, next to the comparison).
 */
public final class CudaOpsSelfTest {
    private CudaOpsSelfTest() {}

    /** Every op on [rows = ceil(n / cols), cols] inputs. */
    public static List<CudaSelfTest.Result> all(CudaContext ctx, int n, int cols, long seed) {
        int rows = (n + cols - 1) / cols;
        List<CudaSelfTest.Result> r = new ArrayList<>();
        r.add(elementwise(ctx, "fill", n, seed));
        r.add(elementwise(ctx, "add", n, seed + 1));
        r.add(elementwise(ctx, "mul", n, seed + 2));
        r.add(elementwise(ctx, "axpy", n, seed + 3));
        r.add(elementwise(ctx, "scale", n, seed + 4));
        r.add(elementwise(ctx, "relu", n, seed + 5));
        r.add(elementwise(ctx, "reluBackward", n, seed + 6));
        r.add(rowsCols(ctx, "biasAdd", rows, cols, 0.5, seed + 7));
        for (double d : new double[] {0, 0.3, 1}) r.add(rowsCols(ctx, "maskApply", rows, cols, d, seed + 8));
        r.add(rowsCols(ctx, "sumRows", rows, cols, 0.5, seed + 9));
        r.add(rowsCols(ctx, "sumCols", rows, cols, 0.5, seed + 10));
        r.add(softmaxXent(ctx, rows, Math.max(1, cols / 3), seed + 11));
        for (double d : new double[] {0, 0.2, 1}) {
            r.add(optimizer(ctx, true, rows, cols, d, seed + 12));
            r.add(optimizer(ctx, false, rows, cols, d, seed + 13));
        }
        r.add(csr(ctx, true, rows, cols, 0.3, seed + 14));
        r.add(csr(ctx, false, rows, cols, 0.3, seed + 15));
        return r;
    }

    /** One elementwise op on n elements: fill, add, mul, axpy, scale, relu, reluBackward. */
    public static CudaSelfTest.Result elementwise(CudaContext ctx, String op, int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] a = random(rnd, n), b = random(rnd, n), expect = new float[n], got = new float[n];
        float s = 0.75f;
        for (int i = 0; i < n; i++) {
            expect[i] = switch (op) {
                case "fill" -> s;
                case "add" -> a[i] + b[i];
                case "mul" -> a[i] * b[i];
                case "axpy" -> s * a[i] + b[i];
                case "scale" -> s * a[i];
                case "relu" -> Math.max(a[i], 0f);
                case "reluBackward" -> a[i] > 0 ? b[i] : 0f;
                default -> throw new IllegalArgumentException("unknown op " + op);
            };
        }
        try (DeviceBuffer da = ctx.upload(a); DeviceBuffer db = ctx.upload(b); DeviceBuffer out = ctx.allocateFloats(n)) {
            DeviceBuffer result = switch (op) {
                case "fill" -> { CudaElementwise.fill(n, s, out); yield out; }
                case "add" -> { CudaElementwise.add(n, da, db, out); yield out; }
                case "mul" -> { CudaElementwise.mul(n, da, db, out); yield out; }
                case "axpy" -> { CudaElementwise.axpy(n, s, da, db); yield db; }   // in place: y = s·a + y
                case "scale" -> { CudaElementwise.scale(n, s, da); yield da; }     // in place: a = s·a
                case "relu" -> { CudaElementwise.relu(n, da, out); yield out; }
                default -> { CudaElementwise.reluBackward(n, da, db, out); yield out; }
            };
            result.download(got);
        }
        return compare(op, "n=" + n, expect, got, TOL);
    }

    /** biasAdd, maskApply, sumRows, sumCols on x: [rows, cols]. */
    public static CudaSelfTest.Result rowsCols(CudaContext ctx, String op, int rows, int cols, double density, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = random(rnd, rows * cols), v = random(rnd, Math.max(rows, cols));
        BitMask mask = randomMask(rnd, rows, cols, density);
        float beta = 0.5f;
        float[] expect;
        switch (op) {
            case "biasAdd" -> { expect = x.clone(); for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) expect[r * cols + c] += v[c]; }
            case "maskApply" -> { expect = x.clone(); mask.applyTo(expect); }
            case "sumRows" -> { expect = new float[cols]; for (int c = 0; c < cols; c++) { double s = 0; for (int r = 0; r < rows; r++) s += x[r * cols + c]; expect[c] = (float) (s + beta * v[c]); } }
            case "sumCols" -> { expect = new float[rows]; for (int r = 0; r < rows; r++) { double s = 0; for (int c = 0; c < cols; c++) s += x[r * cols + c]; expect[r] = (float) (s + beta * v[r]); } }
            default -> throw new IllegalArgumentException("unknown op " + op);
        }
        float[] got = new float[expect.length];
        try (DeviceBuffer dx = ctx.upload(x); DeviceBuffer dv = ctx.upload(v); DeviceMask dm = DeviceMask.upload(ctx, mask)) {
            switch (op) {
                case "biasAdd" -> { CudaElementwise.biasAdd(rows, cols, dv, dx); dx.download(got); }
                case "maskApply" -> { CudaElementwise.maskApply(dm, dx); dx.download(got); }
                case "sumRows" -> { CudaElementwise.sumRows(rows, cols, dx, beta, dv); dv.download(0, got, 0, cols); }
                default -> { CudaElementwise.sumCols(rows, cols, dx, beta, dv); dv.download(0, got, 0, rows); }
            }
        }
        return compare(op, "[" + rows + ", " + cols + "]" + (op.equals("maskApply") ? " density=" + density : ""), expect, got, TOL);
    }

    /** Loss and gradient of the softmax cross-entropy (mean over the batch), logits scaled to ±8. */
    public static CudaSelfTest.Result softmaxXent(CudaContext ctx, int batch, int classes, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] z = random(rnd, batch * classes);
        for (int i = 0; i < z.length; i++) z[i] *= 8;
        int[] labels = new int[batch];
        for (int b = 0; b < batch; b++) labels[b] = rnd.nextInt(classes);
        float scale = 1f / batch;
        float[] expect = new float[batch + batch * classes], got = new float[expect.length];
        for (int b = 0; b < batch; b++) {
            double mx = Double.NEGATIVE_INFINITY, s = 0;
            for (int j = 0; j < classes; j++) mx = Math.max(mx, z[b * classes + j]);
            for (int j = 0; j < classes; j++) s += Math.exp(z[b * classes + j] - mx);
            expect[b] = (float) (Math.log(s) - (z[b * classes + labels[b]] - mx));
            for (int j = 0; j < classes; j++)
                expect[batch + b * classes + j] = (float) (scale * (Math.exp(z[b * classes + j] - mx) / s - (j == labels[b] ? 1 : 0)));
        }
        try (DeviceBuffer dz = ctx.upload(z); DeviceBuffer dl = ctx.upload(labels); DeviceBuffer loss = ctx.allocateFloats(batch);
             DeviceBuffer grad = ctx.allocateFloats((long) batch * classes)) {
            CudaElementwise.softmaxCrossEntropy(batch, classes, dz, dl, scale, loss, grad);
            loss.download(0, got, 0, batch);
            grad.download(0, got, batch, batch * classes);
        }
        return compare("softmaxXent", "batch=" + batch + " classes=" + classes, expect, got, TOL);
    }

    /**
     * Three Adam (or SGD-momentum) steps with weight decay on a masked parameter. Pruned weights
     * and their state start at 0 and get nonzero gradients: they must stay exactly 0.
     */
    public static CudaSelfTest.Result optimizer(CudaContext ctx, boolean adam, int rows, int cols, double density, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = rows * cols;
        BitMask mask = randomMask(rnd, rows, cols, density);
        float[] w = random(rnd, n), m = new float[n], v = new float[n];
        mask.applyTo(w);
        float lr = 1e-2f, b1 = 0.9f, b2 = 0.999f, eps = 1e-8f, wd = 1e-2f, mom = 0.9f;
        float[] ew = w.clone(), em = m.clone(), ev = v.clone();
        float[][] grads = new float[3][];
        for (int t = 1; t <= 3; t++) {
            float[] g = grads[t - 1] = random(rnd, n);
            float c1 = (float) (1 - Math.pow(b1, t)), c2 = (float) (1 - Math.pow(b2, t));
            for (int i = 0; i < n; i++) {
                if (!mask.get(i / cols, i % cols)) continue;
                float gi = g[i] + wd * ew[i];
                if (adam) {
                    em[i] = b1 * em[i] + (1 - b1) * gi;
                    ev[i] = b2 * ev[i] + (1 - b2) * gi * gi;
                    ew[i] -= (float) (lr * (em[i] / c1) / (Math.sqrt(ev[i] / c2) + eps));
                } else {
                    em[i] = mom * em[i] + gi;
                    ew[i] -= lr * em[i];
                }
            }
        }
        float[] gw = new float[n], gm = new float[n], gv = new float[n];
        try (DeviceBuffer dw = ctx.upload(w); DeviceBuffer dm = ctx.upload(m); DeviceBuffer dv = ctx.upload(v);
             DeviceBuffer dg = ctx.allocateFloats(n); DeviceMask dmask = DeviceMask.upload(ctx, mask)) {
            for (int t = 1; t <= 3; t++) {
                dg.upload(grads[t - 1]);
                if (adam) CudaOptim.adam(rows, cols, dmask, dw, dg, dm, dv, lr, b1, b2, eps, t, wd);
                else CudaOptim.sgdMomentum(rows, cols, dmask, dw, dg, dm, lr, mom, wd);
            }
            dw.download(gw);
            dm.download(gm);
            dv.download(gv);
        }
        String name = adam ? "adam" : "sgdMomentum", shape = "[" + rows + ", " + cols + "] density=" + density;
        for (int i = 0; i < n; i++)
            if (!mask.get(i / cols, i % cols) && (Float.floatToRawIntBits(gw[i]) != 0 || Float.floatToRawIntBits(gm[i]) != 0 || Float.floatToRawIntBits(gv[i]) != 0))
                return new CudaSelfTest.Result(name, shape, Double.POSITIVE_INFINITY, TOL, "(pruned element " + i + " revived: w=" + gw[i] + " state=" + gm[i] + "/" + gv[i] + ")");
        float[] expect = concat(ew, em, adam ? ev : new float[0]), got = concat(gw, gm, adam ? gv : new float[0]);
        return compare(name, shape, expect, got, 1e-3);
    }

    /** CSR gather (values from dense weights) or scatter (values into a dense array). */
    public static CudaSelfTest.Result csr(CudaContext ctx, boolean gather, int rows, int cols, double density, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        BitMask mask = randomMask(rnd, rows, cols, density);
        float[] w = random(rnd, rows * cols), src = null;
        Csr csr = Csr.of(null, mask);
        float[] expect, got;
        if (gather) {
            csr.gatherValues(w);
            expect = csr.values.clone();
        } else {
            src = random(rnd, csr.nnz());
            expect = w.clone();
            csr.scatter(src, expect);
        }
        got = new float[expect.length];
        try (DeviceCsr d = DeviceCsr.upload(ctx, csr); DeviceBuffer dw = ctx.upload(w);
             DeviceBuffer ds = ctx.upload(src == null ? new float[0] : src)) {
            if (gather) {
                CudaKernels.csrGather(d, dw);
                got = d.downloadValues();
            } else {
                CudaKernels.csrScatter(d, ds, dw);
                dw.download(got);
            }
        }
        return compare(gather ? "csrGather" : "csrScatter", "[" + rows + ", " + cols + "] density=" + density, expect, got, TOL);
    }

    private static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) n += p.length;
        float[] out = new float[n];
        int o = 0;
        for (float[] p : parts) { System.arraycopy(p, 0, out, o, p.length); o += p.length; }
        return out;
    }
}
