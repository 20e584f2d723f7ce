package lottery.kernels.cuda;

import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.CUfunction;
import jcuda.driver.CUjit_option;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;
import jcuda.driver.JITOptions;
import jcuda.driver.JCudaDriver;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link CudaDriver} through JCuda on one device: its primary context (shared with cuBLAS and
 * cuSPARSE), one stream for every copy and launch, the project's PTX modules JIT-compiled with
 * cuModuleLoadDataEx (a failure carries the JIT error log). Copies are the Async variants on the
 * stream: an upload returns once the driver has staged the host array, a download once the data
 * has arrived, in stream order, so no copy needs a stream synchronisation of its own.
 */
public final class NativeDriver implements CudaDriver {
    private static final int JIT_LOG_BYTES = 16 * 1024;

    private final int ordinal;
    private final CUdevice device = new CUdevice();
    private final CUcontext context = new CUcontext();
    private final CUstream stream = new CUstream();
    private final Map<String, CUfunction> functions = new HashMap<>();

    NativeDriver(int ordinal) {
        this.ordinal = ordinal;
        check(JCudaDriver.cuDeviceGet(device, ordinal), "cuDeviceGet(" + ordinal + ")");
        check(JCudaDriver.cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
        makeCurrent();
        check(JCudaDriver.cuStreamCreate(stream, CUstream_flags.CU_STREAM_DEFAULT), "cuStreamCreate");
        for (String name : CudaContext.MODULES) {
            CUmodule module = load(name, CudaContext.ptx(name));
            for (String kernel : CudaKernels.entries(name)) {
                CUfunction f = new CUfunction();
                check(JCudaDriver.cuModuleGetFunction(f, module, kernel), "cuModuleGetFunction(" + kernel + ")");
                functions.put(kernel, f);
            }
        }
    }

    /** cuModuleLoadDataEx with an error-log buffer: a JIT failure names the module and quotes the log in one line. */
    private static CUmodule load(String name, byte[] ptx) {
        CUmodule module = new CUmodule();
        JITOptions options = new JITOptions();
        options.putBytes(CUjit_option.CU_JIT_ERROR_LOG_BUFFER, new byte[JIT_LOG_BYTES]);
        options.putInt(CUjit_option.CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES, JIT_LOG_BYTES);
        int result = JCudaDriver.cuModuleLoadDataJIT(module, Pointer.to(ptx), options);
        if (result != CUresult.CUDA_SUCCESS) {
            String log = "";
            try {
                log = options.getString(CUjit_option.CU_JIT_ERROR_LOG_BUFFER);
            } catch (RuntimeException ignored) {
                // the error code alone still says what failed
            }
            check(result, "cuModuleLoadDataEx(" + name + ".ptx)" + jitLog(log));
        }
        return module;
    }

    /** " (JIT log: line | line)" from a NUL-padded multi-line log, or "" when empty; at most 600 characters. */
    static String jitLog(String log) {
        if (log == null) return "";
        int nul = log.indexOf('\0');
        String s = (nul < 0 ? log : log.substring(0, nul)).strip().replaceAll("\\s*\\R\\s*", " | ");
        if (s.isEmpty()) return "";
        if (s.length() > 600) s = s.substring(0, 597) + "...";
        return " (JIT log: " + s + ")";
    }

    /** A JCuda device pointer at {@code address} (native pointer 0 plus the address as byte offset). */
    public static CUdeviceptr pointer(long address) { return new CUdeviceptr().withByteOffset(address); }

    /** The stream every launch and copy of this driver is queued on (cuBLAS and cuSPARSE are bound to it). */
    public CUstream stream() { return stream; }

    public void makeCurrent() { check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent"); }

    @Override public long allocate(long bytes) {
        makeCurrent();
        Allocation p = new Allocation();
        int r = JCudaDriver.cuMemAlloc(p, bytes);
        if (r == CUresult.CUDA_ERROR_OUT_OF_MEMORY) return 0;
        check(r, "cuMemAlloc(" + bytes + " bytes)");
        return p.address();
    }

    @Override public void free(long address) {
        makeCurrent();
        check(JCudaDriver.cuMemFree(pointer(address)), "cuMemFree");
    }

    @Override public void upload(long dst, float[] src, int srcOff, int count) {
        copyIn(dst, Pointer.to(src).withByteOffset((long) srcOff * Sizeof.FLOAT), (long) count * Sizeof.FLOAT);
    }

    @Override public void upload(long dst, int[] src, int srcOff, int count) {
        copyIn(dst, Pointer.to(src).withByteOffset((long) srcOff * Sizeof.INT), (long) count * Sizeof.INT);
    }

    @Override public void upload(long dst, long[] src, int srcOff, int count) {
        copyIn(dst, Pointer.to(src).withByteOffset((long) srcOff * Sizeof.LONG), (long) count * Sizeof.LONG);
    }

    @Override public void download(long src, float[] dst, int dstOff, int count) {
        copyOut(Pointer.to(dst).withByteOffset((long) dstOff * Sizeof.FLOAT), src, (long) count * Sizeof.FLOAT);
    }

    @Override public void download(long src, int[] dst, int dstOff, int count) {
        copyOut(Pointer.to(dst).withByteOffset((long) dstOff * Sizeof.INT), src, (long) count * Sizeof.INT);
    }

    // From pageable (Java) memory the driver stages the bytes before returning, so the array may change at once.
    private void copyIn(long dst, Pointer host, long bytes) {
        makeCurrent();
        check(JCudaDriver.cuMemcpyHtoDAsync(pointer(dst), host, bytes, stream), "cuMemcpyHtoDAsync(" + bytes + " bytes)");
    }

    // Into pageable memory the call returns when the copy, queued after the stream's earlier work, is done.
    private void copyOut(Pointer host, long src, long bytes) {
        makeCurrent();
        check(JCudaDriver.cuMemcpyDtoHAsync(host, pointer(src), bytes, stream), "cuMemcpyDtoHAsync(" + bytes + " bytes)");
    }

    @Override public void fill32(long dst, int value, long count) {
        makeCurrent();
        check(JCudaDriver.cuMemsetD32Async(pointer(dst), value, count, stream), "cuMemsetD32Async");
    }

    @Override public void launch(String kernel, int gridX, int gridY, int block, KernelArgs args) {
        CUfunction f = functions.get(kernel);
        if (f == null) throw new IllegalStateException("kernel " + kernel + " not loaded");
        Pointer[] params = new Pointer[args.size()];
        for (int i = 0; i < params.length; i++)
            params[i] = switch (args.kind(i)) {
                case 'i' -> Pointer.to(new int[] {args.intArg(i)});
                case 'f' -> Pointer.to(new float[] {args.floatArg(i)});
                default -> Pointer.to(new long[] {args.address(i)});     // a device pointer is its 8-byte address
            };
        makeCurrent();
        check(JCudaDriver.cuLaunchKernel(f, gridX, gridY, 1, block, 1, 1, 0, stream, Pointer.to(params), null),
                "cuLaunchKernel(" + kernel + ", grid " + gridX + "x" + gridY + ", block " + block + ")");
    }

    @Override public void synchronize() {
        makeCurrent();
        check(JCudaDriver.cuStreamSynchronize(stream), "cuStreamSynchronize");
    }

    /** Mean milliseconds per call of {@code call} over {@code iterations}, timed with CUDA events on the stream. */
    public double time(int iterations, Runnable call) {
        makeCurrent();
        CUevent start = new CUevent(), stop = new CUevent();
        check(JCudaDriver.cuEventCreate(start, CUevent_flags.CU_EVENT_DEFAULT), "cuEventCreate");
        check(JCudaDriver.cuEventCreate(stop, CUevent_flags.CU_EVENT_DEFAULT), "cuEventCreate");
        try {
            check(JCudaDriver.cuEventRecord(start, stream), "cuEventRecord");
            for (int i = 0; i < iterations; i++) call.run();
            check(JCudaDriver.cuEventRecord(stop, stream), "cuEventRecord");
            check(JCudaDriver.cuEventSynchronize(stop), "cuEventSynchronize");
            float[] ms = new float[1];
            check(JCudaDriver.cuEventElapsedTime(ms, start, stop), "cuEventElapsedTime");
            return ms[0] / iterations;
        } finally {
            JCudaDriver.cuEventDestroy(start);
            JCudaDriver.cuEventDestroy(stop);
        }
    }

    @Override public CudaContext.DeviceInfo info() {
        makeCurrent();
        byte[] name = new byte[256];
        check(JCudaDriver.cuDeviceGetName(name, name.length, device), "cuDeviceGetName");
        int len = 0;
        while (len < name.length && name[len] != 0) len++;
        long[] total = new long[1];
        check(JCudaDriver.cuDeviceTotalMem(total, device), "cuDeviceTotalMem");
        int[] driver = new int[1];
        check(JCudaDriver.cuDriverGetVersion(driver), "cuDriverGetVersion");
        return new CudaContext.DeviceInfo(ordinal, new String(name, 0, len, StandardCharsets.UTF_8),
                attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
                attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR),
                attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT),
                total[0], driver[0]);
    }

    private int attribute(int attr) {
        int[] v = new int[1];
        check(JCudaDriver.cuDeviceGetAttribute(v, attr, device), "cuDeviceGetAttribute(" + attr + ")");
        return v[0];
    }

    private static void check(int result, String call) { Cuda.check(result, call); }

    /** A pointer cuMemAlloc fills in, read back as a plain address. */
    private static final class Allocation extends CUdeviceptr {
        long address() { return getNativePointer() + getByteOffset(); }
    }
}
