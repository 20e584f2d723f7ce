package lottery.nn.cuda;

import lottery.kernels.cuda.CudaContext;
import lottery.kernels.cuda.CudaElementwise;
import lottery.kernels.cuda.CudaKernels;
import lottery.kernels.cuda.CudaOptim;
import lottery.kernels.cuda.DeviceBuffer;
import lottery.kernels.cuda.DeviceMask;
import lottery.nn.Flatten;
import lottery.nn.Linear;
import lottery.nn.Module;
import lottery.nn.Parameter;
import lottery.nn.ReLU;
import lottery.nn.Sequential;
import lottery.nn.train.TrainConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * A multilayer perceptron (Flatten, Linear and ReLU, starting and ending with a Linear: LeNet-300-100)
 * held on the GPU for a whole training run: weights, biases, masks, gradients, optimizer state and
 * activations are device buffers made once, so a step is kernel launches only. Its input is a device
 * buffer of [rows, features] row-major samples. Per Linear W: [out, in] with mask M:
 * <pre>
 *   forward           y  = x·(W⊙M)ᵀ + b       sgemm NT (mask fused), bias_add
 *   backward-weights  dW = (dyᵀ·x) ⊙ M         sgemm TN with maskC;  db = Σ_rows dy (sum_rows)
 *   backward-data     dx = dy·(W⊙M)           sgemm NN (skipped for the first layer)
 *   update            Adam / SGD kernels that never touch a pruned weight or its state
 * </pre>
 */
final class DeviceMlp implements AutoCloseable {
    /** One Linear on the device: parameters, gradients, optimizer state, mask. */
    private record Layer(Parameter weight, Parameter bias, int in, int out, DeviceBuffer w, DeviceBuffer b, DeviceBuffer dw,
                         DeviceBuffer db, DeviceBuffer[] state, DeviceMask mask) {}

    private final CudaContext ctx;
    private final TrainConfig cfg;
    /** The ops in order: a Layer, or null for a ReLU. */
    private final List<Layer> ops = new ArrayList<>();
    /** act[k]: output of op k, grad[k]: its gradient; [rowsCap, features[k]]. */
    private final List<DeviceBuffer> act = new ArrayList<>(), grad = new ArrayList<>();
    private final int[] features;
    private final int inputs, rowsCap;
    private final DeviceBuffer lossPerSample;
    private final List<DeviceBuffer> owned = new ArrayList<>();
    private long step;

    /** Whether {@code model} is an MLP this class can run: a Sequential of Flatten, Linear and ReLU, first and last a Linear. */
    static boolean supports(Module model) {
        if (!(model instanceof Sequential s)) return false;
        List<Module> core = s.layers().stream().filter(m -> !(m instanceof Flatten)).toList();
        if (core.isEmpty() || !(core.getFirst() instanceof Linear) || !(core.getLast() instanceof Linear)) return false;
        return core.stream().allMatch(m -> m instanceof Linear || m instanceof ReLU)
                && s.layers().stream().takeWhile(m -> !(m instanceof Linear)).allMatch(m -> m instanceof Flatten);
    }

    /** Uploads the model's parameters and masks and makes every buffer for batches of up to {@code rowsCap} rows. */
    DeviceMlp(CudaContext ctx, Module model, TrainConfig cfg, int rowsCap) {
        if (!supports(model)) throw new IllegalArgumentException("not a device-resident MLP: " + model.getClass().getSimpleName());
        this.ctx = ctx;
        this.cfg = cfg;
        this.rowsCap = rowsCap;
        List<Module> core = ((Sequential) model).layers().stream().filter(m -> !(m instanceof Flatten)).toList();
        features = new int[core.size()];
        inputs = ((Linear) core.getFirst()).weight().shape()[1];
        int width = inputs;
        try {
            for (int k = 0; k < core.size(); k++) {
                if (core.get(k) instanceof Linear l) {
                    int[] s = l.weight().shape();
                    if (s[1] != width) throw new IllegalArgumentException("Linear " + l.name() + " takes " + s[1] + " features, gets "
                            + width);
                    ops.add(layer(l.weight(), l.bias()));
                    width = s[0];
                } else ops.add(null);
                features[k] = width;
                act.add(own(ctx.allocateFloats((long) rowsCap * width)));
                grad.add(own(ctx.allocateFloats((long) rowsCap * width)));
            }
            lossPerSample = own(ctx.allocateFloats(rowsCap));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private Layer layer(Parameter weight, Parameter bias) {
        int out = weight.shape()[0], in = weight.shape()[1];
        DeviceBuffer w = own(ctx.upload(weight.data())), b = own(ctx.upload(bias.data()));
        DeviceBuffer dw = own(ctx.allocateFloats((long) out * in)), db = own(ctx.allocateFloats(out));
        // Adam: m and v for W then b; SGD: the momentum buffers of W and b
        int per = cfg.optimizer().equals("adam") ? 2 : 1;
        DeviceBuffer[] state = new DeviceBuffer[2 * per];
        for (int i = 0; i < state.length; i++) {
            long n = i < per ? (long) out * in : out;
            state[i] = own(ctx.allocateFloats(n));
            state[i].zero(n);
        }
        DeviceMask mask = weight.mask() == null ? null : DeviceMask.upload(ctx, weight.mask());
        return new Layer(weight, bias, in, out, w, b, dw, db, state, mask);
    }

    private DeviceBuffer own(DeviceBuffer b) { owned.add(b); return b; }

    int inputs() { return inputs; }

    int classes() { return features[features.length - 1]; }

    /** The logits of the last {@link #forward}: [rows, classes]. */
    DeviceBuffer logits() { return act.getLast(); }

    /** Runs the network on {@code rows} samples at element {@code xOff} of {@code x}: [rows, inputs]. */
    void forward(int rows, DeviceBuffer x, long xOff) {
        checkRows(rows);
        DeviceBuffer in = x;
        long inOff = xOff;
        for (int k = 0; k < ops.size(); k++) {
            Layer l = ops.get(k);
            DeviceBuffer out = act.get(k);
            if (l != null) {
                CudaKernels.sgemm(false, true, rows, l.out, l.in, 1f, in, inOff, l.in, l.w, 0, l.in, l.mask, 0f, out, 0, l.out, null);
                CudaElementwise.biasAdd(rows, l.out, l.b, out);
            } else {
                CudaElementwise.relu((long) rows * features[k], in, out);
            }
            in = out;
            inOff = 0;
        }
    }

    /**
     * One training step on the batch at {@code x} (rows samples, then their labels as 4-byte ints at
     * {@code labelsOff}): forward, the batch's summed loss into {@code lossLog[slot]}, backward, update.
     */
    void trainStep(int rows, DeviceBuffer x, long labelsOff, float lr, DeviceBuffer lossLog, int slot) {
        forward(rows, x, 0);
        int last = ops.size() - 1;
        CudaElementwise.softmaxCrossEntropy(rows, classes(), logits(), 0, x, labelsOff, 1f / rows, lossPerSample, grad.get(last));
        CudaElementwise.sumCols(1, rows, lossPerSample, 0f, lossLog, slot);
        for (int k = last; k >= 0; k--) {
            Layer l = ops.get(k);
            DeviceBuffer dy = grad.get(k), in = k == 0 ? x : act.get(k - 1);
            if (l != null) {
                CudaKernels.sgemm(true, false, l.out, l.in, rows, 1f, dy, 0, l.out, in, 0, l.in, null, 0f, l.dw, 0, l.in, l.mask);
                CudaElementwise.sumRows(rows, l.out, dy, 0f, l.db);
                if (k > 0) CudaKernels.sgemm(false, false, rows, l.in, l.out, 1f, dy, 0, l.out, l.w, 0, l.in, l.mask, 0f,
                        grad.get(k - 1), 0, l.in, null);
            } else {
                CudaElementwise.reluBackward((long) rows * features[k], in, dy, grad.get(k - 1));
            }
        }
        update(lr);
    }

    private void update(float lr) {
        step++;
        float wd = (float) cfg.weightDecay();
        for (Layer l : ops) {
            if (l == null) continue;
            if (cfg.optimizer().equals("adam")) {
                CudaOptim.adam(l.out, l.in, l.mask, l.w, l.dw, l.state[0], l.state[1], lr, 0.9f, 0.999f, 1e-8f, step, wd);
                CudaOptim.adam(1, l.out, null, l.b, l.db, l.state[2], l.state[3], lr, 0.9f, 0.999f, 1e-8f, step, wd);
            } else {
                float mu = (float) cfg.momentum();
                CudaOptim.sgdMomentum(l.out, l.in, l.mask, l.w, l.dw, l.state[0], lr, mu, wd);
                CudaOptim.sgdMomentum(1, l.out, null, l.b, l.db, l.state[1], lr, mu, wd);
            }
        }
    }

    /** Copies the device weights and biases into the model's parameters (pruned weights stay 0). */
    void downloadTo() {
        for (Layer l : ops) {
            if (l == null) continue;
            l.w.download(l.weight.data());
            l.b.download(l.bias.data());
            l.weight.weightsChanged();
            l.bias.weightsChanged();
        }
    }

    /** Per-sample losses of the last {@link #forward} against labels at {@code labelsOff} of {@code labels}: [rows]. */
    DeviceBuffer losses(int rows, DeviceBuffer labels, long labelsOff) {
        CudaElementwise.softmaxCrossEntropy(rows, classes(), logits(), 0, labels, labelsOff, 1f, lossPerSample, null);
        return lossPerSample;
    }

    private void checkRows(int rows) {
        if (rows < 1 || rows > rowsCap) throw new IllegalArgumentException("rows " + rows + " outside [1, " + rowsCap + "]");
    }

    @Override public void close() {
        for (Layer l : ops) if (l != null && l.mask != null) l.mask.close();
        for (DeviceBuffer b : owned) b.close();
    }
}
