package lottery.nn.data;

/**
 * Seeded shuffling mini-batches over a {@link Dataset}, endless: batch {@code t} comes from epoch
 * {@code t / batchesPerEpoch()}, whose order is a permutation seeded by (seed, epoch), so the same
 * seed gives the same batches, every sample appears exactly once per epoch, and {@link #seek}
 * jumps to any batch. Batches are copied into caller buffers (no allocation per batch):
 * rows [m, features], or transposed [features, m] for kernels that want activations transposed.
 */
public final class BatchLoader {
    private final Dataset data;
    private final int batchSize;
    private final long seed;
    private final boolean dropLast;
    private final boolean transposed;
    private final int batchesPerEpoch;
    private final int[] order;
    private long epochInOrder = -1;
    private long position;

    /**
     * @param dropLast   drop the last partial batch of an epoch (else it is served, with m < batchSize)
     * @param transposed fill x as [features, m] instead of [m, features]
     */
    public BatchLoader(Dataset data, int batchSize, long seed, boolean dropLast, boolean transposed) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        int n = data.size();
        int perEpoch = batchesPerEpoch(n, batchSize, dropLast);
        if (perEpoch == 0)
            throw new IllegalArgumentException(data.name() + " has " + n + " samples, fewer than one batch of " + batchSize);
        this.data = data;
        this.batchSize = batchSize;
        this.seed = seed;
        this.dropLast = dropLast;
        this.transposed = transposed;
        this.batchesPerEpoch = perEpoch;
        this.order = new int[n];
    }

    /** Batches served per epoch of {@code samples}: floor(samples / batchSize), plus a partial one unless {@code dropLast}. */
    public static int batchesPerEpoch(int samples, int batchSize, boolean dropLast) {
        int full = samples / batchSize;
        return dropLast || samples % batchSize == 0 ? full : full + 1;
    }

    public int batchSize() { return batchSize; }

    public int batchesPerEpoch() { return batchesPerEpoch; }

    public boolean dropLast() { return dropLast; }

    public boolean transposed() { return transposed; }

    /** Index of the next batch to be served (batches served so far). */
    public long position() { return position; }

    /** The epoch the next batch belongs to. */
    public long epoch() { return position / batchesPerEpoch; }

    /** Makes batch {@code batch} (counted from 0 over all epochs) the next one served. */
    public void seek(long batch) {
        if (batch < 0) throw new IllegalArgumentException("batch index must be >= 0, got " + batch);
        position = batch;
    }

    /** A buffer big enough for x of one batch. */
    public float[] newXBuffer() { return new float[batchSize * data.features()]; }

    /** A buffer big enough for the labels of one batch. */
    public int[] newYBuffer() { return new int[batchSize]; }

    /**
     * Fills the next batch and returns its size m (batchSize, or less for a kept last partial batch).
     * x: [m, features] row-major, or [features, m] when transposed; y: [m].
     */
    public int next(float[] x, int[] y) {
        long epoch = position / batchesPerEpoch;
        int b = (int) (position % batchesPerEpoch);
        if (epoch != epochInOrder) {
            for (int i = 0; i < order.length; i++) order[i] = i;
            Permutations.shuffle(order, epochSeed(seed, epoch));
            epochInOrder = epoch;
        }
        int from = b * batchSize;
        int m = Math.min(batchSize, order.length - from);
        data.gather(order, from, m, x, y, transposed);
        position++;
        return m;
    }

    static long epochSeed(long seed, long epoch) {
        return Permutations.mix64(Permutations.mix64(seed) + (epoch + 1) * 0x9E3779B97F4A7C15L);
    }
}
