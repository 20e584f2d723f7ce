package lottery.nn;

import lottery.engine.Tensor;
import lottery.engine.Workspace;
import lottery.engine.ops.SoftmaxCrossEntropy;

/** Mean softmax cross-entropy of logits [batch, classes] (either layout) against integer labels. */
public final class CrossEntropyLoss {
    private final Workspace ws = new Workspace();

    /** Uses {@code labels[offset .. offset + batch)}. */
    public Tensor apply(Tensor logits, int[] labels, int offset) {
        return SoftmaxCrossEntropy.apply(logits, labels, offset, ws);
    }

    public Tensor apply(Tensor logits, int[] labels) { return apply(logits, labels, 0); }
}
