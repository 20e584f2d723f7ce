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
 * The Java twins of the CUDA kernels ({@link HostKernels}) take the parameters the PTX declares and
 * compute what the CPU oracles compute, so host-driver tests of the CUDA path mean something; and
 * the Java launch wrappers, run through them, pass every GPU self-test without a GPU.
 */
class HostKernelsTest {
    private static final Pattern ENTRY = Pattern.compile("\\.visible \\.entry (\\w+)\\(([^)]*)\\)");
    private static final Pattern PARAM = Pattern.compile("\\.param \\.(\\w+) ");

    @Test void everyKernelHasATwinWithThePtxParameterKinds() {
        List<String> checked = new ArrayList<>();
        for (String module : CudaContext.MODULES) {
            byte[] z = CudaContext.ptx(module);
            String ptx = new String(z, 0, z.length - 1, StandardCharsets.US_ASCII);
            for (Matcher e = ENTRY.matcher(ptx); e.find(); ) {
                StringBuilder kinds = new StringBuilder();
                for (Matcher p = PARAM.matcher(e.group(2)); p.find(); )
                    kinds.append(switch (p.group(1)) { case "u32", "s32" -> 'i'; case "f32" -> 'f'; case "u64" -> 'p'; default -> '?'; });
                assertEquals(kinds.toString(), HostKernels.SIGNATURES.get(e.group(1)), e.group(1) + " in " + module + ".ptx");
                checked.add(e.group(1));
            }
        }
        assertEquals(HostKernels.SIGNATURES.size(), checked.size(), "a twin for every PTX entry and no other: " + checked);
    }

    @Test void theGpuSelfTestsPassOnTheJavaTwins() {
        CudaContext ctx = HostDriver.context(256L << 20);
        List<CudaSelfTest.Result> r = CudaSelfTest.quick(ctx);
        List<String> failed = r.stream().filter(x -> !x.passed()).map(Object::toString).toList();
        assertTrue(failed.isEmpty(), failed.size() + " of " + r.size() + " failed:\n" + String.join("\n", failed));
        assertTrue(r.size() >= 20, "self-tests run: " + r.size());
        assertEquals(0, ctx.allocator().bytesInUse(), "every self-test released its buffers");
    }

    @Test void smallProductsSplitKAndLargeOnesUseTheBigTiles() {
        assertEquals(new GemmPlan(10, 80, 2, 10), GemmPlan.of(60, 300, 784), "LeNet forward: 200 blocks instead of 3");
        assertEquals(new GemmPlan(4, 80, 2, 25), GemmPlan.of(60, 784, 300), "LeNet backward-data");
        assertEquals(new GemmPlan(1, 64, 10, 25), GemmPlan.of(300, 784, 60), "backward-weights: k too short to split");
        assertEquals(0, GemmPlan.of(4096, 4096, 4096).slices(), "a large square keeps the 128×128 tiles");
        assertEquals(1, GemmPlan.of(1, 1, 1).slices());
        assertEquals(GemmPlan.LARGE, GemmPlan.of(60, 300, 0), "k = 0: C = beta·C, no split");
        for (int[] s : new int[][] {{60, 300, 784}, {7, 1000, 3000}, {1000, 7, 33}, {33, 33, 1}, {100, 100, 100000}}) {
            GemmPlan p = GemmPlan.of(s[0], s[1], s[2]);
            assertTrue(p.slices() == 0 || (long) (p.slices() - 1) * p.chunk() < s[2] && (long) p.slices() * p.chunk() >= s[2],
                    "slices cover k exactly once: " + p);
            assertTrue((long) p.slices() * s[0] * s[1] <= GemmPlan.MAX_PARTIAL_FLOATS, "bounded workspace: " + p);
        }
    }

    @Test void bothGemmKernelsMatchTheOracleOnOddShapesLayoutsAndMasks() {
        CudaContext ctx = HostDriver.context(256L << 20);
        List<CudaSelfTest.Result> r = new ArrayList<>();
        long seed = 20;
        for (boolean ta : new boolean[] {false, true})
            for (boolean tb : new boolean[] {false, true})
                for (int[] s : new int[][] {{37, 45, 300}, {1, 33, 129}, {65, 1, 17}})
                    for (GemmPlan p : List.of(GemmPlan.LARGE, GemmPlan.small(s[0], s[1], s[2]))) {
                        r.add(CudaSelfTest.gemm(ctx, p, ta, tb, s[0], s[1], s[2], 0.3, -1, 0.5f, 3, seed++));
                        r.add(CudaSelfTest.gemm(ctx, p, ta, tb, s[0], s[1], s[2], -1, 0.4, 0f, 0, seed++));
                    }
        for (CudaSelfTest.Result x : r) assertTrue(x.passed(), x.toString());
    }

    @Test void theJitLogBecomesOneLine() {
        assertEquals(" (JIT log: ptxas application ptx input, line 9; error   : Unknown symbol 'x' | ptxas fatal   : Ptx assembly aborted)",
                NativeDriver.jitLog("ptxas application ptx input, line 9; error   : Unknown symbol 'x'\r\n"
                        + "ptxas fatal   : Ptx assembly aborted\n\0\0\0"));
        assertEquals("", NativeDriver.jitLog("\0\0\0"));
        assertEquals("", NativeDriver.jitLog(null));
        assertTrue(NativeDriver.jitLog("e".repeat(5000)).length() < 640);
    }
}
