package lottery.engine.ops;

import lottery.engine.Node;
import lottery.engine.Tensor;
import lottery.engine.Workspace;

import java.util.Arrays;

/**
 * loss = mean_b [ logsumexp(z_b) - z_b[label_b] ] for logits z: [batch, classes] in either layout.
 * Log-sum-exp subtracts the row max. Backward: dz = (softmax(z) - onehot(label)) · dloss / batch.
 */
public final class SoftmaxCrossEntropy extends Node {
    private static final int PROBS = 0, DZ = 1;
    private final Tensor z;
    private final float[] probs;   // [batch, classes] row-major
    private final int[] labels;
    private final Workspace ws;

    private SoftmaxCrossEntropy(Tensor z, float[] probs, int[] labels, Workspace ws) {
        super(z); this.z = z; this.probs = probs; this.labels = labels; this.ws = ws;
    }

    /** Labels {@code labels[labelsOff .. labelsOff + batch)} in [0, classes). */
    public static Tensor apply(Tensor z, int[] labels, int labelsOff, Workspace ws) {
        if (z.dim() != 2) throw new IllegalArgumentException("softmax cross-entropy: logits must be [batch, classes], got " + Arrays.toString(z.shape()));
        int batch = z.size(0), classes = z.size(1);
        if (labels.length - labelsOff < batch)
            throw new IllegalArgumentException("softmax cross-entropy: " + batch + " logits rows but " + (labels.length - labelsOff) + " labels");
        ws = Workspace.orNew(ws);
        float[] p = ws.buffer(PROBS, batch * classes), d = z.data();
        int s0 = z.stride(0), s1 = z.stride(1), off = z.offset();
        double total = 0;
        for (int b = 0; b < batch; b++) {
            int label = labels[labelsOff + b];
            if (label < 0 || label >= classes) throw new IllegalArgumentException("softmax cross-entropy: label " + label + " outside [0, " + classes + ")");
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) max = Math.max(max, d[off + b * s0 + c * s1]);
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                float e = (float) Math.exp(d[off + b * s0 + c * s1] - max);
                p[b * classes + c] = e;
                sum += e;
            }
            float inv = (float) (1.0 / sum);
            for (int c = 0; c < classes; c++) p[b * classes + c] *= inv;
            total += Math.log(sum) + max - d[off + b * s0 + label * s1];
        }
        Tensor loss = Tensor.scalar((float) (total / batch));
        int[] saved = labelsOff == 0 ? labels : Arrays.copyOfRange(labels, labelsOff, labelsOff + batch);
        return recording(z) ? record(loss, new SoftmaxCrossEntropy(z, p, saved, ws)) : loss;
    }

    @Override protected void backward(Tensor dloss) {
        float beta = gradBeta(z, ws, DZ);
        int batch = z.size(0), classes = z.size(1);
        float scale = dloss.item() / batch;
        Tensor g = z.grad;
        float[] gd = g.data();
        int s0 = g.stride(0), s1 = g.stride(1), off = g.offset();
        for (int b = 0; b < batch; b++)
            for (int c = 0; c < classes; c++) {
                float v = (probs[b * classes + c] - (c == labels[b] ? 1f : 0f)) * scale;
                int i = off + b * s0 + c * s1;
                gd[i] = beta == 0f ? v : gd[i] + v;
            }
    }

    /** Row-wise argmax of logits (either layout) into {@code out[0..batch)}. */
    public static void argmax(Tensor z, int[] out) {
        int batch = z.size(0), classes = z.size(1), s0 = z.stride(0), s1 = z.stride(1), off = z.offset();
        float[] d = z.data();
        for (int b = 0; b < batch; b++) {
            int best = 0;
            float bv = d[off + b * s0];
            for (int c = 1; c < classes; c++) {
                float v = d[off + b * s0 + c * s1];
                if (v > bv) { bv = v; best = c; }
            }
            out[b] = best;
        }
    }
}
