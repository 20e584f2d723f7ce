package lottery.nn.data;

import java.util.Arrays;

/**
 * Labelled samples in memory: {@code x} [size, features] row-major floats (pixels scaled to [0, 1],
 * then normalised as {@link InputNormalization} says), {@code y} [size] class indices. A sample has shape
 * [C, H, W] = {@link #sampleShape()}, features = C·H·W.
 */
public final class Dataset {
    private final String name;
    private final float[] x;
    private final int[] y;
    private final int[] sampleShape;
    private final int features;
    private final int classes;

    public Dataset(String name, float[] x, int[] y, int[] sampleShape, int classes) {
        if (sampleShape.length != 3) throw new IllegalArgumentException("sample shape must be [C, H, W], got " + Arrays.toString(sampleShape));
        this.features = sampleShape[0] * sampleShape[1] * sampleShape[2];
        if ((long) y.length * features != x.length)
            throw new IllegalArgumentException(name + ": " + x.length + " floats for " + y.length + " samples of " + features + " features");
        this.name = name;
        this.x = x;
        this.y = y;
        this.sampleShape = sampleShape.clone();
        this.classes = classes;
    }

    /** The samples {@code indices} of {@code raw}, pixels scaled by 1/255. */
    public static Dataset fromBytes(String name, LabeledBytes raw, int[] indices) {
        int f = raw.features();
        float[] x = new float[Math.multiplyExact(indices.length, f)];
        int[] y = new int[indices.length];
        byte[] p = raw.pixels();
        for (int k = 0; k < indices.length; k++) {
            int s = indices[k];
            int src = s * f, dst = k * f;
            for (int j = 0; j < f; j++) x[dst + j] = (p[src + j] & 0xff) * (1f / 255f);
            y[k] = raw.labels()[s];
        }
        return new Dataset(name, x, y, raw.sampleShape(), raw.classes());
    }

    public String name() { return name; }

    public int size() { return y.length; }

    public int features() { return features; }

    /** [C, H, W] of one sample. */
    public int[] sampleShape() { return sampleShape.clone(); }

    public int classes() { return classes; }

    /** The live sample matrix [size, features]. */
    public float[] x() { return x; }

    /** The live labels [size]. */
    public int[] y() { return y; }

    /** Per-channel mean and standard deviation (population) over all samples: {mean[C], std[C]}. */
    public float[][] channelStats() {
        int c = sampleShape[0], plane = sampleShape[1] * sampleShape[2];
        float[] mean = new float[c], std = new float[c];
        for (int ch = 0; ch < c; ch++) {
            double sum = 0, sq = 0;
            for (int s = 0; s < size(); s++) {
                int base = s * features + ch * plane;
                for (int j = 0; j < plane; j++) { double v = x[base + j]; sum += v; sq += v * v; }
            }
            double n = (double) size() * plane;
            double m = n == 0 ? 0 : sum / n;
            mean[ch] = (float) m;
            std[ch] = (float) Math.sqrt(Math.max(0, n == 0 ? 0 : sq / n - m * m));
        }
        return new float[][] {mean, std};
    }

    /** In place: x = (x - mean[c]) / std[c] per channel c (a zero std leaves the channel centred only). */
    public void standardize(float[] mean, float[] std) {
        int c = sampleShape[0], plane = sampleShape[1] * sampleShape[2];
        for (int ch = 0; ch < c; ch++) {
            float m = mean[ch], inv = std[ch] > 0 ? 1f / std[ch] : 1f;
            for (int s = 0; s < size(); s++) {
                int base = s * features + ch * plane;
                for (int j = 0; j < plane; j++) x[base + j] = (x[base + j] - m) * inv;
            }
        }
    }

    /** In place: each sample divided by its Euclidean norm (an all-zero sample stays zero). */
    public void l2Normalize() {
        for (int s = 0; s < size(); s++) {
            int base = s * features;
            double sq = 0;
            for (int j = 0; j < features; j++) sq += (double) x[base + j] * x[base + j];
            if (sq == 0) continue;
            float inv = (float) (1 / Math.sqrt(sq));
            for (int j = 0; j < features; j++) x[base + j] *= inv;
        }
    }

    /**
     * Copies samples {@code order[from .. from+m)} into {@code xOut}: [m, features] when not
     * {@code transposed}, else [features, m] (column b holds sample b); labels into {@code yOut}.
     */
    public void gather(int[] order, int from, int m, float[] xOut, int[] yOut, boolean transposed) {
        checkBuffers(m, xOut, yOut);
        for (int b = 0; b < m; b++) {
            int s = order[from + b];
            if (transposed) {
                int src = s * features;
                for (int j = 0; j < features; j++) xOut[j * m + b] = x[src + j];
            } else {
                System.arraycopy(x, s * features, xOut, b * features, features);
            }
            yOut[b] = y[s];
        }
    }

    /** Copies the contiguous samples [start, start+m) (for evaluation), layout as in {@link #gather}. */
    public void slice(int start, int m, float[] xOut, int[] yOut, boolean transposed) {
        checkBuffers(m, xOut, yOut);
        if (start < 0 || start + m > size()) throw new IndexOutOfBoundsException("samples [" + start + ", " + (start + m) + ") of " + size());
        if (!transposed) {
            System.arraycopy(x, start * features, xOut, 0, m * features);
            System.arraycopy(y, start, yOut, 0, m);
            return;
        }
        for (int b = 0; b < m; b++) {
            int src = (start + b) * features;
            for (int j = 0; j < features; j++) xOut[j * m + b] = x[src + j];
            yOut[b] = y[start + b];
        }
    }

    /** Number of samples of each class. */
    public long[] classCounts() {
        long[] h = new long[classes];
        for (int label : y) h[label]++;
        return h;
    }

    private void checkBuffers(int m, float[] xOut, int[] yOut) {
        if (xOut.length < (long) m * features || yOut.length < m)
            throw new IllegalArgumentException("batch buffers too small for " + m + " samples of " + features + " features");
    }

    @Override public String toString() {
        return name + " [" + size() + " x " + Arrays.toString(sampleShape) + ", " + classes + " classes]";
    }
}
