package lottery.engine.ops;

import lottery.engine.Backend;
import lottery.engine.Layout;
import lottery.engine.LinearPath;
import lottery.engine.LinearPolicy;
import lottery.engine.Node;
import lottery.engine.Tensor;
import lottery.engine.WeightMask;
import lottery.engine.Workspace;
import lottery.kernels.Csr;

import java.util.Arrays;

/**
 * y = x · (W ⊙ M)ᵀ + b. x: [batch, in] (either layout), W: [out, in] row-major, b: [out] or null,
 * M: optional {@link WeightMask}. The {@link LinearPolicy} picks the path from M's density:
 * <ul>
 * <li>DENSE: GEMM; y keeps x's layout.</li>
 * <li>MASKED: GEMM with M fused into the W panel; y row-major; dW = (dyᵀ·x) ⊙ M.</li>
 * <li>SPARSE: CSR SpMM on the transposed layout (x is transposed once if needed); y transposed;
 *     dW by SDDMM at kept positions only.</li>
 * </ul>
 * Pruned entries of dW are exactly 0 and never computed on the sparse path.
 */
public final class Linear extends Node {
    private static final int Y = 0, DX = 1, DX_ROW = 2, RELAYOUT = 3;

    private final Tensor x, w, b;
    private final WeightMask mask;
    private final LinearPath path;
    private final Workspace ws;
    private final Csr csr;

    private Linear(Tensor x, Tensor w, Tensor b, WeightMask mask, LinearPath path, Workspace ws, Csr csr) {
        super(x, w, b);
        this.x = x; this.w = w; this.b = b; this.mask = mask; this.path = path; this.ws = ws; this.csr = csr;
    }

    public static Tensor apply(Tensor x, Tensor w, Tensor b, WeightMask mask, Workspace ws) {
        int batch = x.size(0), in = w.size(1), out = w.size(0);
        LinearPath path = mask == null ? LinearPath.DENSE : LinearPolicy.current().choose(mask.density(), batch, out, in);
        return apply(x, w, b, mask, path, ws);
    }

    /** As {@link #apply(Tensor, Tensor, Tensor, WeightMask, Workspace)} with the path given. */
    public static Tensor apply(Tensor x, Tensor w, Tensor b, WeightMask mask, LinearPath path, Workspace ws) {
        check(x, w, b, mask);
        ws = Workspace.orNew(ws);
        Backend be = Backend.of("linear", x, w, b);
        int batch = x.size(0), out = w.size(0);
        Tensor y;
        Csr csr = null;
        switch (path) {
            case SPARSE -> {
                if (mask == null) throw new IllegalArgumentException("linear: the sparse path needs a mask");
                if (!x.isTransposedLayout() && batch != 1) x = Relayout.toTransposed(x, ws, RELAYOUT);
                csr = mask.csr(w.data());
                y = Tensor.transposedLayout(ws.buffer(Y, batch * out), batch, out);
                be.spmmT(csr, x, 0f, y);
            }
            case MASKED -> {
                if (mask == null) throw new IllegalArgumentException("linear: the masked path needs a mask");
                y = ws.tensor(Y, batch, out);
                be.matmulMaskedB(x, w.t(), mask.bits(), 0f, y);
            }
            default -> {
                y = x.isTransposedLayout() ? Tensor.transposedLayout(ws.buffer(Y, batch * out), batch, out) : ws.tensor(Y, batch, out);
                be.matmul(x, w.t(), 0f, y);
            }
        }
        if (b != null) Layout.addBias(y, b.data(), b.offset());
        return recording(x, w, b) ? record(y, new Linear(x, w, b, mask, path, ws, csr)) : y;
    }

    @Override protected void backward(Tensor dy) {
        Backend be = Backend.of(dy.device());
        if (x.requiresGrad) backwardData(be, dy);
        if (w.requiresGrad) backwardWeights(be, dy);
        if (b != null && b.requiresGrad) {
            float beta = gradBeta(b, null, 0);
            Layout.sumRows(dy, b.grad.data(), b.grad.offset(), beta);
        }
    }

    // dx = dy · (W ⊙ M)
    private void backwardData(Backend be, Tensor dy) {
        switch (path) {
            case SPARSE -> be.spmmTransT(csr, dy, gradBeta(x, ws, DX), x.grad);
            case MASKED -> {
                if (!x.isTransposedLayout()) be.matmulMaskedB(dy, w, mask.bits(), gradBeta(x, ws, DX), x.grad);
                else {
                    Tensor dxRow = ws.tensor(DX_ROW, x.size(0), x.size(1));
                    be.matmulMaskedB(dy, w, mask.bits(), 0f, dxRow);
                    float beta = gradBeta(x, ws, DX);
                    Layout.copy2d(dxRow, x.grad, beta);
                }
            }
            default -> be.matmul(dy, w, gradBeta(x, ws, DX), x.grad);
        }
    }

    // dW (+)= (dyᵀ · x) ⊙ M
    private void backwardWeights(Backend be, Tensor dy) {
        float beta = gradBeta(w, null, 0);
        Tensor dw = w.grad;
        switch (path) {
            case SPARSE -> {
                float[] vals = mask.dwValues();
                be.sddmmT(csr, dy, x, vals);
                float[] g = dw.data();
                int[] kept = mask.kept();
                int off = dw.offset();
                for (int e = 0; e < vals.length; e++) g[off + kept[e]] += vals[e];
            }
            case MASKED -> be.matmulMaskedC(dy.t(), x, beta, dw, mask.bits());
            default -> {
                if (mask != null) be.matmulMaskedC(dy.t(), x, beta, dw, mask.bits());
                else be.matmul(dy.t(), x, beta, dw);
            }
        }
    }

    private static void check(Tensor x, Tensor w, Tensor b, WeightMask mask) {
        if (x.dim() != 2 || w.dim() != 2 || x.size(1) != w.size(1))
            throw new IllegalArgumentException("linear: x " + Arrays.toString(x.shape()) + " and W " + Arrays.toString(w.shape()) + " do not match (want x [batch, in], W [out, in])");
        if (!w.isContiguous()) throw new IllegalArgumentException("linear: W " + Arrays.toString(w.shape()) + " must be row-major");
        if (b != null && (b.dim() != 1 || b.size(0) != w.size(0)))
            throw new IllegalArgumentException("linear: bias " + Arrays.toString(b.shape()) + " does not match W " + Arrays.toString(w.shape()));
        if (mask != null && (mask.bits().rows != w.size(0) || mask.bits().cols != w.size(1)))
            throw new IllegalArgumentException("linear: mask " + mask.bits() + " does not match W " + Arrays.toString(w.shape()));
        if (!x.isDense()) throw new IllegalArgumentException("linear: x " + x + " must be row-major or transposed layout");
    }
}
