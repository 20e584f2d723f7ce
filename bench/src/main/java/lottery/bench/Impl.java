package lottery.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A GEMM implementation the benchmarks compare; {@link #label} is the name used in JSON and options. */
public enum Impl {
    DENSE("dense", false),
    MASKED("masked", false),
    SPARSE("sparse", false),
    /** N:M compressed weights ({@code lottery.kernels.Nm}); runs only on masks that are N:M for M in 4, 8, 16 or 2. */
    NM("nm", false),
    /** Block sparse rows ({@code lottery.kernels.BsrProducts}); runs only on masks of whole 4×4, 1×8, 8×1, 16×1 or 2×2 blocks. */
    BSR("bsr", false),
    OPENBLAS("openblas", false),
    CUDA_DENSE("cuda-dense", true),
    CUDA_MASKED("cuda-masked", true),
    CUDA_SPARSE("cuda-sparse", true),
    CUBLAS("cublas", true),
    CUSPARSE("cusparse", true);

    public final String label;
    public final boolean gpu;

    Impl(String label, boolean gpu) {
        this.label = label;
        this.gpu = gpu;
    }

    /** True when the work depends on the density (masked and sparse kinds); dense kinds run once at density 1. */
    public boolean usesDensity() {
        return this == MASKED || this == SPARSE || this == NM || this == BSR
                || this == CUDA_MASKED || this == CUDA_SPARSE || this == CUSPARSE;
    }

    public static Impl parse(String s) {
        for (Impl i : values()) if (i.label.equals(s.trim())) return i;
        throw new IllegalArgumentException("unknown impl '" + s + "'; use one of "
                + Arrays.stream(values()).map(i -> i.label).collect(Collectors.joining(", ")));
    }

    @Override public String toString() { return label; }
}
