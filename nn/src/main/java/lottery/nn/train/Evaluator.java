package lottery.nn.train;

import lottery.engine.NoGrad;
import lottery.engine.Tensor;
import lottery.engine.ops.SoftmaxCrossEntropy;
import lottery.nn.CrossEntropyLoss;
import lottery.nn.Module;
import lottery.nn.data.Dataset;

/**
 * Loss and accuracy of a model on a dataset, in eval mode and a no-grad scope, in chunks of
 * {@link #CHUNK} samples with buffers reused across calls.
 */
public final class Evaluator {
    public static final int CHUNK = 1000;

    private final CrossEntropyLoss loss = new CrossEntropyLoss();
    private float[] x = new float[0];
    private final int[] y = new int[CHUNK];
    private final int[] predicted = new int[CHUNK];

    /** Mean loss and accuracy in [0, 1]. */
    public record Score(double loss, double accuracy) {}

    public Score evaluate(Module model, Dataset data) {
        int n = data.size(), f = data.features();
        if (n == 0) return new Score(Double.NaN, Double.NaN);
        if (x.length < Math.min(CHUNK, n) * f) x = new float[Math.min(CHUNK, n) * f];
        boolean wasTraining = model.isTraining();
        model.eval();
        double lossSum = 0;
        long correct = 0;
        try (NoGrad g = NoGrad.enter()) {
            for (int start = 0; start < n; start += CHUNK) {
                int m = Math.min(CHUNK, n - start);
                data.slice(start, m, x, y, false);
                Tensor logits = model.forward(Tensor.of(x, m, f));
                lossSum += (double) loss.apply(logits, y).item() * m;
                SoftmaxCrossEntropy.argmax(logits, predicted);
                for (int b = 0; b < m; b++) if (predicted[b] == y[b]) correct++;
            }
        } finally {
            if (wasTraining) model.train();
        }
        return new Score(lossSum / n, (double) correct / n);
    }
}
