package lottery.kernels.cuda;

import lottery.kernels.Csr;

/**
 * A {@link Csr} on the device: rowPtr [rows+1], colIdx [nnz], values [nnz] and denseIndex [nnz]
 * (so values can be refreshed from, and gradients scattered to, the dense weights on the device).
 */
public final class DeviceCsr implements AutoCloseable {
    public final int rows;
    public final int cols;
    public final int nnz;
    final DeviceBuffer rowPtr;
    final DeviceBuffer colIdx;
    final DeviceBuffer values;
    final DeviceBuffer denseIndex;

    private DeviceCsr(Csr csr, CudaContext context) {
        rows = csr.rows;
        cols = csr.cols;
        nnz = csr.nnz();
        rowPtr = context.upload(csr.rowPtr);
        colIdx = context.upload(csr.colIdx);
        values = context.upload(csr.values);
        denseIndex = context.upload(csr.denseIndex);
    }

    public static DeviceCsr upload(CudaContext context, Csr csr) { return new DeviceCsr(csr, context); }

    /** The nonzero values, [nnz]. */
    public DeviceBuffer values() { return values; }

    public void uploadValues(float[] v) {
        if (v.length != nnz) throw new IllegalArgumentException("expected " + nnz + " values, got " + v.length);
        values.upload(v);
    }

    public float[] downloadValues() {
        float[] v = new float[nnz];
        values.download(v);
        return v;
    }

    @Override public void close() {
        rowPtr.close();
        colIdx.close();
        values.close();
        denseIndex.close();
    }
}
