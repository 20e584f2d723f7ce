package lottery.bench;

import com.fasterxml.jackson.databind.JsonNode;
import lottery.kernels.Threads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The record schema of every bench JSON, checked on a real (tiny, untimed) run. */
class BenchRecordJsonTest {
    static final String[] FIELDS = {"impl", "op", "shape", "m", "n", "k", "batch", "density", "pattern", "threads",
            "gflops", "keptGflops", "ms", "msMin", "error", "weightBytes", "indexBytes"};

    @AfterEach void restoreThreads() { Threads.set(Runtime.getRuntime().availableProcessors()); }

    static List<BenchRecord> tinyRun() {
        BenchConfig cfg = new BenchConfig(ShapeSpec.parseList("linear:9x17"), new int[]{3}, true,
                List.of(Impl.DENSE, Impl.MASKED, Impl.SPARSE, Impl.OPENBLAS), new double[]{1.0, 0.2},
                new int[]{1, 2}, List.of(MaskPattern.RANDOM), TimingPlan.SMOKE, 1);
        return new KernelBench(cfg, CpuTasks::create).run(Progress.NONE);
    }

    @Test void recordsHaveTheSchemaFieldsAndTypes(@TempDir Path dir) throws Exception {
        List<BenchRecord> recs = tinyRun();
        assertEquals(3 * 2 * (1 + 2 + 2 + 1), recs.size());          // 3 ops x 2 thread counts x 6 tasks
        Path f = dir.resolve("out.json");
        BenchJson.writeAtomic(f, BenchJson.toJson(recs));
        JsonNode root = BenchJson.MAPPER.readTree(Files.readString(f));
        assertTrue(root.isArray());
        for (JsonNode r : root) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = r.fieldNames(); it.hasNext(); ) names.add(it.next());
            assertEquals(List.of(FIELDS), names);
            for (String s : new String[]{"impl", "op", "shape", "pattern"}) assertTrue(r.get(s).isTextual(), s);
            for (String s : new String[]{"m", "n", "k", "batch", "threads", "weightBytes", "indexBytes"}) assertTrue(r.get(s).isIntegralNumber(), s);
            for (String s : new String[]{"density", "gflops", "keptGflops", "ms", "msMin", "error"}) assertTrue(r.get(s).isNumber(), s);
            assertTrue(r.get("ms").asDouble() > 0);
            assertEquals(2.0 * r.get("m").asInt() * r.get("n").asInt() * r.get("k").asInt() / (r.get("ms").asDouble() * 1e6),
                    r.get("gflops").asDouble(), 1e-9 * r.get("gflops").asDouble());
        }
        assertEquals(recs, BenchJson.readRecords(Files.readString(f)));
        try (var files = Files.list(dir)) { assertEquals(1, files.count()); }   // no temp file left behind
    }

    @Test void ratiosPairEveryDensityWithTheDenseReference() {
        List<Ratios.Row> rows = Ratios.rows(tinyRun());
        assertEquals(3 * 2 * 2, rows.size());                          // ops x threads x densities
        for (Ratios.Row r : rows) {
            assertTrue(r.denseMs() > 0 && r.maskedMs() > 0 && r.sparseMs() > 0);
            assertEquals(r.denseMs() / r.sparseMs(), r.sparseSpeedup(), 1e-12);
            assertEquals(r.density() == 1.0, !Double.isNaN(r.openblasMs()));
        }
    }
}
