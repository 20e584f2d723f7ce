package lottery.kernels.cuda;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs without a GPU: the checked-in PTX is on the classpath, targets sm_80 with PTX ISA 8.0 (so
 * CUDA 12 drivers load it), and exports exactly the kernels the Java side launches.
 * (Whether the PTX is fresh is checked by the build when nvcc is present.)
 */
class PtxResourcesTest {
    private static final Pattern ENTRY = Pattern.compile("^\\.visible \\.entry (\\w+)\\(", Pattern.MULTILINE);

    @Test void everyLaunchedKernelIsAnEntryOfItsModule() {
        for (String module : CudaContext.MODULES) {
            byte[] z = CudaContext.ptx(module);
            assertEquals(0, z[z.length - 1], "cuModuleLoadData needs a NUL-terminated image");
            String ptx = new String(z, 0, z.length - 1, StandardCharsets.US_ASCII);
            assertTrue(ptx.contains("\n.version 8.0\n"), module + ".ptx: PTX ISA pinned to 8.0");
            assertTrue(ptx.contains("\n.target sm_80\n"), module + ".ptx: targets sm_80 (JIT to sm_90)");
            List<String> entries = new ArrayList<>();
            for (Matcher m = ENTRY.matcher(ptx); m.find(); ) entries.add(m.group(1));
            assertEquals(CudaKernels.entries(module).stream().sorted().toList(), entries.stream().sorted().toList(),
                    module + ".ptx entries vs the kernels CudaKernels launches");
        }
    }
}
