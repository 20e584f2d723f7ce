package lottery.bench;

import java.lang.reflect.Method;

/**
 * Entry to the GPU implementations (cuda-dense, cuda-masked, cuda-sparse, cublas, cusparse).
 * Looks lottery.kernels.cuda up at run time so the CPU benchmarks build and run without it; when the
 * backend cannot run, fails with one line "CUDA backend unavailable: &lt;reason&gt;".
 */
public final class GpuTasks {
    private GpuTasks() {}

    public static KernelBench.TaskFactory factory() {
        Class<?> cuda;
        try {
            cuda = Class.forName("lottery.kernels.cuda.Cuda");
        } catch (ClassNotFoundException | LinkageError e) {
            throw new UnsupportedOperationException("CUDA backend unavailable: this build has no lottery.kernels.cuda package");
        }
        try {
            Method available = cuda.getMethod("available");
            if (!(Boolean) available.invoke(null))
                throw new UnsupportedOperationException((String) cuda.getMethod("unavailableMessage").invoke(null));
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new UnsupportedOperationException("CUDA backend unavailable: " + e.getClass().getSimpleName());
        }
        throw new UnsupportedOperationException("CUDA backend unavailable: the GPU benchmark tasks are not part of this build");
    }
}
