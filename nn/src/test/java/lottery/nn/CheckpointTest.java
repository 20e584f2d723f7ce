package lottery.nn;

import lottery.kernels.BitMask;
import lottery.nn.models.Models;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CheckpointTest {
    @Test void roundTripsValuesAndMasks(@TempDir Path dir) throws IOException {
        Module a = Models.create("lenet300", new int[]{1, 28, 28}, 10, 1);
        BitMask mask = BitMask.ones(100, 300);
        for (int j = 0; j < 300; j += 3) mask.set(7, j, false);
        a.parameter("fc2.weight").setMask(mask);
        Path file = dir.resolve("model.safetensors");
        Checkpoint.save(a, file, Map.of("model", "lenet300"));
        Module b = Models.create("lenet300", new int[]{1, 28, 28}, 10, 2);
        Checkpoint.load(b, file);
        for (Parameter p : a.parameters()) assertArrayEquals(p.data(), b.parameter(p.name()).data(), p.name());
        assertEquals(mask, b.parameter("fc2.weight").mask());
        assertNull(b.parameter("fc1.weight").mask());
        Module other = Models.create("lenet300", new int[]{1, 14, 14}, 10, 2);
        assertThrows(IOException.class, () -> Checkpoint.load(other, file));
    }
}
