package lottery.kernels.cuda;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Base of the device tests: skipped, with the probe's reason, where CUDA is unavailable, and failed
 * with that reason instead when a GPU is required ({@code -Dlottery.requireGpu=true} or
 * {@code LOTTERY_REQUIRE_GPU=1}). With {@code -Dlottery.gpuTestsOnHost=true} they run on a host-memory context
 * instead (the kernels' Java twins), which checks the tests themselves on a machine without a GPU.
 */
abstract class GpuTest {
    static CudaContext ctx;

    @BeforeEach void requireCuda() {
        if (Boolean.getBoolean("lottery.gpuTestsOnHost")) {     // the test bodies on the host driver: -Dlottery.gpuTestsOnHost=true
            if (ctx == null || !(ctx.driver() instanceof HostDriver)) ctx = HostDriver.context(1L << 30);
            return;
        }
        Assumptions.assumeTrue(Cuda.usableInTests(), Cuda::unavailableMessage);
        ctx = CudaContext.shared();
    }

    /** Asserts every result passed, listing all failures. */
    static void assertPassed(List<CudaSelfTest.Result> results) {
        List<String> failed = new ArrayList<>();
        for (CudaSelfTest.Result r : results) if (!r.passed()) failed.add(r.toString());
        assertTrue(failed.isEmpty(), () -> failed.size() + " of " + results.size() + " failed:\n" + String.join("\n", failed));
    }
}
