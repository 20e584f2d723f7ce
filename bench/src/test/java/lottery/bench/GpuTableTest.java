package lottery.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GPU benchmark table: speed relative to cuBLAS on the same product, per implementation and density. */
class GpuTableTest {
    private static BenchRecord rec(String impl, double density, double ms) {
        return new BenchRecord(impl, "forward", "fc1", 60, 300, 784, 60, density, "random", 1, 0, 0, ms, ms, 0, 0, 0);
    }

    @Test void ratiosAreCublasTimeOverOurs() {
        String t = GpuTable.render(List.of(rec("cublas", 1, 0.02), rec("cuda-masked", 1, 0.025), rec("cuda-sparse", 0.05, 0.01)));
        List<String> lines = t.lines().toList();
        assertEquals(4, lines.size(), t);
        assertTrue(lines.get(0).contains("x cuBLAS"), t);
        assertTrue(lines.get(1).startsWith("fc1") && lines.get(1).endsWith("1.00"), lines.get(1));
        assertTrue(lines.get(2).contains("cuda-masked") && lines.get(2).endsWith("0.80"), lines.get(2));
        assertTrue(lines.get(3).contains("0.050") && lines.get(3).endsWith("2.00"), lines.get(3));
        assertTrue(lines.get(1).contains("1411.2"), "GFLOP/s of 2·60·300·784 in 0.02 ms: " + lines.get(1));
    }

    @Test void withoutCublasTheRatioIsNaN() {
        assertTrue(GpuTable.render(List.of(rec("cuda-dense", 1, 0.5))).lines().skip(1).findFirst().orElseThrow().endsWith("NaN"));
    }
}
