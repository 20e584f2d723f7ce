package lottery.bench;

import lottery.kernels.BitMask;
import lottery.kernels.Threads;
import lottery.nn.io.Safetensors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

class StoreMasksTest {
    @AfterEach void restoreThreads() { Threads.set(Runtime.getRuntime().availableProcessors()); }

    @Test void readsOneMaskPerLayerAndDensityAndBenchmarksThem(@TempDir Path store) throws IOException {
        BitMask half = MaskPattern.RANDOM.make(6, 10, 0.5, 1), fifth = MaskPattern.RANDOM.make(6, 10, 0.2, 2);
        for (String level : new String[]{"level00", "level01", "level02"}) Files.createDirectories(store.resolve("lottery/rep0").resolve(level));
        Safetensors.writer().mask("fc1.weight", half).write(store.resolve("lottery/rep0/level00/mask.safetensors"));
        Safetensors.writer().mask("fc1.weight", fifth).write(store.resolve("lottery/rep0/level01/mask.safetensors"));
        Safetensors.writer().mask("fc1.weight", MaskPattern.RANDOM.make(6, 10, 0.5, 9)).write(store.resolve("lottery/rep0/level02/mask.safetensors"));

        Map<String, TreeMap<Double, BitMask>> masks = StoreMasks.load(store);
        assertEquals(List.of("fc1.weight"), List.copyOf(masks.keySet()));
        assertEquals(List.of(0.2, 0.5), List.copyOf(masks.get("fc1.weight").keySet()));
        assertEquals(half, masks.get("fc1.weight").get(0.5));              // first file in path order wins

        List<KernelBench> benches = StoreMasks.benches(store, new int[]{4}, List.of(Impl.DENSE, Impl.SPARSE), new int[]{1},
                TimingPlan.SMOKE, 0, CpuTasks::create);
        List<BenchRecord> recs = benches.get(0).run(Progress.NONE);
        assertEquals(3 * 3, recs.size());                                    // 3 ops x (dense + sparse at 2 densities)
        for (BenchRecord r : recs) {
            assertEquals("magnitude", r.pattern());
            assertEquals("magnitude:fc1.weight", r.shape());
        }
        assertTrue(recs.stream().anyMatch(r -> r.impl().equals("sparse") && r.density() == 0.2));
    }

    @Test void missingStoreOrMasksIsAClearError(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> StoreMasks.load(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("not a directory"));
        e = assertThrows(IOException.class, () -> StoreMasks.load(dir));
        assertTrue(e.getMessage().contains("no mask.safetensors"));
    }
}
