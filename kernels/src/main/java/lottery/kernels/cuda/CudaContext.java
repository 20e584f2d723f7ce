package lottery.kernels.cuda;

import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;
import jcuda.driver.JCudaDriver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One device's primary context (shared with cuBLAS and cuSPARSE, which use the runtime API), one
 * stream on which every kernel of this project is queued, the project's PTX modules loaded with
 * cuModuleLoadData, and the device memory allocator. The process-wide instance is {@link #shared()}.
 */
public final class CudaContext {
    /** PTX resources (lottery/kernels/cuda/&lt;name&gt;.ptx), one per .cu file. */
    public static final List<String> MODULES = List.of("gemm", "sparse", "elementwise", "optim");

    private static volatile CudaContext shared;

    private final int ordinal;
    private final CUdevice device = new CUdevice();
    private final CUcontext context = new CUcontext();
    private final CUstream stream = new CUstream();
    private final Map<String, CUfunction> functions = new HashMap<>();
    private final CachingAllocator allocator;

    private CudaContext(int ordinal) {
        this.ordinal = ordinal;
        Cuda.check(JCudaDriver.cuDeviceGet(device, ordinal), "cuDeviceGet(" + ordinal + ")");
        Cuda.check(JCudaDriver.cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
        makeCurrent();
        Cuda.check(JCudaDriver.cuStreamCreate(stream, CUstream_flags.CU_STREAM_DEFAULT), "cuStreamCreate");
        for (String name : MODULES) {
            CUmodule module = new CUmodule();
            Cuda.check(JCudaDriver.cuModuleLoadData(module, ptx(name)), "cuModuleLoadData(" + name + ".ptx)");
            for (String kernel : CudaKernels.entries(name)) {
                CUfunction f = new CUfunction();
                Cuda.check(JCudaDriver.cuModuleGetFunction(f, module, kernel), "cuModuleGetFunction(" + kernel + ")");
                functions.put(kernel, f);
            }
        }
        allocator = new CachingAllocator(this);
    }

    /** Called once by the {@link Cuda} probe. */
    static synchronized void initShared() {
        if (shared == null) shared = new CudaContext(0);
    }

    /** The context of device 0; throws {@link UnsupportedOperationException} when CUDA is unavailable. */
    public static CudaContext shared() {
        Cuda.require();
        return shared;
    }

    /** The PTX text of module {@code name}, NUL-terminated as cuModuleLoadData wants it. */
    static byte[] ptx(String name) {
        String path = "/lottery/kernels/cuda/" + name + ".ptx";
        try (InputStream in = CudaContext.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("PTX resource " + path + " missing from the classpath; rebuild the kernels module");
            byte[] text = in.readAllBytes();
            byte[] z = new byte[text.length + 1];
            System.arraycopy(text, 0, z, 0, text.length);
            return z;
        } catch (IOException e) {
            throw new UncheckedIOException("reading PTX resource " + path, e);
        }
    }

    /** Binds this context to the calling thread (driver calls act on the current context). */
    public void makeCurrent() { Cuda.check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent"); }

    /** Waits for every queued kernel and copy; surfaces asynchronous kernel errors. */
    public void synchronize() {
        makeCurrent();
        Cuda.check(JCudaDriver.cuStreamSynchronize(stream), "cuStreamSynchronize");
    }

    public CUstream stream() { return stream; }

    public CachingAllocator allocator() { return allocator; }

    public DeviceBuffer allocate(long bytes) { return allocator.allocate(bytes); }

    public DeviceBuffer allocateFloats(long n) { return allocator.allocate(4 * n); }

    /** A device copy of {@code host}. */
    public DeviceBuffer upload(float[] host) {
        DeviceBuffer b = allocateFloats(host.length);
        b.upload(host);
        return b;
    }

    public DeviceBuffer upload(int[] host) {
        DeviceBuffer b = allocate(4L * host.length);
        b.upload(host);
        return b;
    }

    CUfunction function(String kernel) {
        CUfunction f = functions.get(kernel);
        if (f == null) throw new IllegalStateException("kernel " + kernel + " not loaded");
        return f;
    }

    /** Device description for reports. */
    public DeviceInfo info() {
        makeCurrent();
        byte[] name = new byte[256];
        Cuda.check(JCudaDriver.cuDeviceGetName(name, name.length, device), "cuDeviceGetName");
        int len = 0;
        while (len < name.length && name[len] != 0) len++;
        long[] total = new long[1];
        Cuda.check(JCudaDriver.cuDeviceTotalMem(total, device), "cuDeviceTotalMem");
        int[] driver = new int[1];
        Cuda.check(JCudaDriver.cuDriverGetVersion(driver), "cuDriverGetVersion");
        return new DeviceInfo(ordinal, new String(name, 0, len, StandardCharsets.UTF_8),
                attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
                attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR),
                attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT),
                total[0], driver[0]);
    }

    private int attribute(int attr) {
        int[] v = new int[1];
        Cuda.check(JCudaDriver.cuDeviceGetAttribute(v, attr, device), "cuDeviceGetAttribute(" + attr + ")");
        return v[0];
    }

    /** What {@link #info()} reports; driverVersion is e.g. 12060 for CUDA 12.6. */
    public record DeviceInfo(int ordinal, String name, int ccMajor, int ccMinor, int multiprocessors,
                             long totalMemoryBytes, int driverVersion) {
        public String driverString() { return (driverVersion / 1000) + "." + (driverVersion % 1000 / 10); }
    }
}
