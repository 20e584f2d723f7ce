package lottery.kernels.cuda;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The availability probe runs on every machine: it must answer quickly, once, in one line. */
class CudaProbeTest {
    @Test void probeAnswersOnceWithoutCrashingOrHanging() {
        Cuda.Status first = assertTimeoutPreemptively(Duration.ofSeconds(60), Cuda::status);
        assertSame(first, Cuda.status(), "the probe runs once per process");
        if (first.available()) {
            assertEquals("", first.reason());
        } else {
            assertFalse(first.reason().isBlank(), "an unavailable backend says why");
            assertFalse(first.reason().contains("\n"), "the reason is one line: " + first.reason());
            assertTrue(Cuda.unavailableMessage().startsWith("CUDA backend unavailable: "));
        }
    }

    @Test void sharedContextRefusesWithTheReasonWhenUnavailable() {
        assumeFalse(Cuda.available(), "CUDA is available here: the refusal path does not apply");
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, CudaContext::shared);
        assertEquals(Cuda.unavailableMessage(), e.getMessage());
        assertFalse(Cublas.status().available());
        assertFalse(Cusparse.status().available());
    }

    private final String requirement = System.getProperty(Cuda.REQUIRE_PROPERTY);

    /** Puts back the run's own setting (a GPU run sets it for every test after this one). */
    @AfterEach void restoreRequirement() {
        if (requirement == null) System.clearProperty(Cuda.REQUIRE_PROPERTY); else System.setProperty(Cuda.REQUIRE_PROPERTY, requirement);
    }

    @Test void aRequiredGpuTurnsUnavailabilityIntoAFailureWithTheReason() {
        Cuda.Status missing = new Cuda.Status(false, "libcuda.so.1 not found (no NVIDIA driver installed)");
        System.setProperty(Cuda.REQUIRE_PROPERTY, "false");
        assertFalse(Cuda.gpuRequired());
        assertFalse(Cuda.usableInTests("cuBLAS", missing), "not required: the caller skips");
        System.setProperty(Cuda.REQUIRE_PROPERTY, "true");
        assertTrue(Cuda.gpuRequired());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Cuda.usableInTests("cuBLAS", missing));
        assertEquals("lottery.requireGpu is set but cuBLAS is unavailable: libcuda.so.1 not found (no NVIDIA driver installed)",
                e.getMessage());
        assertTrue(Cuda.usableInTests("cuBLAS", new Cuda.Status(true, "")));
        for (String yes : new String[] {"1", "true", "TRUE", "yes"}) assertTrue(Cuda.truthy(yes), yes);
        for (String no : new String[] {"0", "false", "", "no"}) assertFalse(Cuda.truthy(no), no);
        assertFalse(Cuda.truthy(null));
    }

    @Test void missingDriverLibraryIsNamed() {
        UnsatisfiedLinkError e = new UnsatisfiedLinkError("Error while loading native library \"JCudaDriver-12.6.0-linux-x86_64\"\n"
                + "---(start of nested stack traces)---\njava.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: "
                + "libcuda.so.1: cannot open shared object file: No such file or directory\n");
        assertEquals("libcuda.so.1 not found (no NVIDIA driver installed)", Cuda.describeLinkError(e));
        UnsatisfiedLinkError blas = new UnsatisfiedLinkError("x: libcublas.so.12: cannot open shared object file: No such file or directory");
        assertEquals("libcublas.so.12 not found (install the CUDA 12 runtime libraries)", Cuda.describeLinkError(blas));
        assertEquals("NoClassDefFoundError: Could not initialize class jcuda.driver.JCudaDriver",
                Cuda.describeLinkError(new NoClassDefFoundError("Could not initialize class jcuda.driver.JCudaDriver")));
    }
}
