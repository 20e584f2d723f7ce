package lottery.kernels.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * One device behind a {@link CudaDriver}: the caching allocator, every copy and launch (counted in
 * {@link #traffic()}), and waiting. The process-wide GPU context is {@link #shared()}, on
 * {@link NativeDriver} device 0; {@link HostDriver#context} makes one on host memory.
 */
public final class CudaContext {
    /** PTX resources (lottery/kernels/cuda/&lt;name&gt;.ptx), one per .cu file. */
    public static final List<String> MODULES = List.of("gemm", "gemm_small", "sparse", "elementwise", "optim");

    private static volatile CudaContext shared;

    private final CudaDriver driver;
    private final CachingAllocator allocator;
    private final Traffic traffic = new Traffic();

    CudaContext(CudaDriver driver) {
        this.driver = driver;
        this.allocator = new CachingAllocator(this);
    }

    /** Called once by the {@link Cuda} probe. */
    static synchronized void initShared() {
        if (shared == null) shared = new CudaContext(new NativeDriver(0));
    }

    /** With {@code -Dlottery.cuda.driver=host}: the process-wide context on host memory (half the heap at most). */
    static synchronized void initSharedOnHost() {
        if (shared == null) shared = new CudaContext(new HostDriver(Runtime.getRuntime().maxMemory() / 2));
    }

    /** The context of device 0; throws {@link UnsupportedOperationException} when CUDA is unavailable. */
    public static CudaContext shared() {
        Cuda.require();
        return shared;
    }

    /** The PTX text of module {@code name}, NUL-terminated as the driver's JIT wants it. */
    static byte[] ptx(String name) {
        String path = "/lottery/kernels/cuda/" + name + ".ptx";
        try (InputStream in = CudaContext.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("PTX resource " + path
                    + " missing from the classpath; rebuild the kernels module");
            byte[] text = in.readAllBytes();
            byte[] z = new byte[text.length + 1];
            System.arraycopy(text, 0, z, 0, text.length);
            return z;
        } catch (IOException e) {
            throw new UncheckedIOException("reading PTX resource " + path, e);
        }
    }

    public CudaDriver driver() { return driver; }

    /** The JCuda driver, for cuBLAS, cuSPARSE and CUDA events; {@link UnsupportedOperationException} on a host-memory context. */
    public NativeDriver nativeDriver() {
        if (driver instanceof NativeDriver n) return n;
        throw new UnsupportedOperationException("this CUDA context runs on " + driver.getClass().getSimpleName() + ", not on a GPU");
    }

    /** Waits for every queued kernel and copy; surfaces asynchronous kernel errors. */
    public void synchronize() {
        traffic.syncs++;
        driver.synchronize();
    }

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

    void launch(String kernel, int gridX, int gridY, int block, KernelArgs args) {
        traffic.launches++;
        driver.launch(kernel, gridX, gridY, block, args);
    }

    /** Device description for reports. */
    public DeviceInfo info() { return driver.info(); }

    /** What has crossed between host and device so far, and how often the host waited. */
    public Traffic traffic() { return traffic; }

    /** Counters of copies, launches and waits (not thread-safe; the CUDA path runs on one thread at a time). */
    public static final class Traffic {
        long uploads, uploadBytes, downloads, downloadBytes, fills, launches, syncs;

        public long uploads() { return uploads; }
        public long uploadBytes() { return uploadBytes; }
        public long downloads() { return downloads; }
        public long downloadBytes() { return downloadBytes; }
        public long fills() { return fills; }
        public long launches() { return launches; }
        /** Explicit {@link #synchronize()} calls (downloads wait in stream order and are not counted here). */
        public long syncs() { return syncs; }

        public Snapshot snapshot() { return new Snapshot(uploads, uploadBytes, downloads, downloadBytes, fills, launches, syncs); }
    }

    /** The counters at one moment; {@link #minus} gives what happened between two. */
    public record Snapshot(long uploads, long uploadBytes, long downloads, long downloadBytes, long fills, long launches, long syncs) {
        public Snapshot minus(Snapshot o) {
            return new Snapshot(uploads - o.uploads, uploadBytes - o.uploadBytes, downloads - o.downloads, downloadBytes - o.downloadBytes,
                    fills - o.fills, launches - o.launches, syncs - o.syncs);
        }
    }

    /** What {@link #info()} reports; driverVersion is e.g. 12060 for CUDA 12.6. */
    public record DeviceInfo(int ordinal, String name, int ccMajor, int ccMinor, int multiprocessors,
                             long totalMemoryBytes, int driverVersion) {
        public String driverString() { return (driverVersion / 1000) + "." + (driverVersion % 1000 / 10); }
    }
}
