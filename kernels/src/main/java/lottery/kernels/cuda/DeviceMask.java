package lottery.kernels.cuda;

import lottery.kernels.BitMask;

/**
 * A {@link BitMask} on the device, same words and layout: row r is the words
 * [r·wordsPerRow, (r+1)·wordsPerRow), bit c&amp;63 of word c&gt;&gt;6.
 */
public final class DeviceMask implements AutoCloseable {
    public final int rows;
    public final int cols;
    public final int wordsPerRow;
    private final DeviceBuffer words;

    private DeviceMask(int rows, int cols, int wordsPerRow, DeviceBuffer words) {
        this.rows = rows;
        this.cols = cols;
        this.wordsPerRow = wordsPerRow;
        this.words = words;
    }

    public static DeviceMask upload(CudaContext context, BitMask mask) {
        DeviceBuffer words = context.allocate(8L * mask.words.length);
        words.upload(mask.words);
        return new DeviceMask(mask.rows, mask.cols, mask.wordsPerRow, words);
    }

    /** Replaces the bits (same shape), e.g. after a pruning round. */
    public void update(BitMask mask) {
        if (mask.rows != rows || mask.cols != cols)
            throw new IllegalArgumentException("mask shape [" + mask.rows + ", " + mask.cols + "] differs from the device mask [" + rows
                    + ", " + cols + "]");
        words.upload(mask.words);
    }

    /** The device address of the first word. */
    public long address() { return words.address(); }

    public CudaContext context() { return words.context(); }

    @Override public void close() { words.close(); }
}
