package lottery.nn.data;

import java.util.Arrays;

/**
 * Raw uint8 samples as read from disk: {@code pixels} [count, C, H, W] row-major, {@code labels}
 * [count] in [0, classes).
 */
public record LabeledBytes(byte[] pixels, int[] labels, int[] sampleShape, int classes) {
    public LabeledBytes {
        long features = (long) sampleShape[0] * sampleShape[1] * sampleShape[2];
        if (pixels.length != features * labels.length)
            throw new IllegalArgumentException("pixels hold " + pixels.length + " bytes, expected " + labels.length
                    + " samples x " + Arrays.toString(sampleShape));
    }

    public int count() { return labels.length; }

    public int features() { return sampleShape[0] * sampleShape[1] * sampleShape[2]; }

    /** IDX images (one channel) with their labels. */
    public static LabeledBytes of(Idx.Images images, int[] labels, int classes) {
        return new LabeledBytes(images.pixels(), labels, new int[] {1, images.rows(), images.cols()}, classes);
    }
}
