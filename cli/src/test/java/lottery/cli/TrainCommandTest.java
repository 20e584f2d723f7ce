package lottery.cli;

import lottery.nn.data.InputNormalization;
import lottery.nn.io.Safetensors;
import lottery.nn.io.SafetensorsReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** {@code lottery train} with the model and input options, on CIFAR-shaped batches generated here. */
class TrainCommandTest {
    @TempDir Path tmp;

    /** CIFAR-10 binary batches with 1,010 records each (50 training samples after the 5K validation split), pixel k of record r = (r + k) % 251. */
    Path cifar() throws IOException {
        Path d = tmp.resolve("cifar");
        Files.createDirectories(d);
        int n = 1010;
        byte[] b = new byte[n * 3073];
        for (int r = 0; r < n; r++) {
            b[r * 3073] = (byte) (r % 10);
            for (int k = 1; k < 3073; k++) b[r * 3073 + k] = (byte) ((r + k) % 251);
        }
        for (String f : new String[] {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin",
                "test_batch.bin"}) Files.write(d.resolve(f), b);
        return d;
    }

    @Test void theSavedModelRecordsHowItsInputsWereNormalised() throws IOException {
        Path data = cifar();
        for (String kind : new String[] {"l2", "standardize"}) {
            Path out = tmp.resolve("out-" + kind);
            CliRun r = CliRun.of("train", "--model", "lenet300", "--dataset", "cifar10", "--data-dir", data.toString(), "--iterations", "4",
                    "--batch", "10", "--eval-every", "2", "--normalize", kind, "--dropout", "0.5", "--init", "glorot-truncated",
                    "--threads", "1", "--out", out.toString());
            assertEquals(0, r.exit(), r.err());
            try (SafetensorsReader f = Safetensors.open(out.resolve(TrainOutputs.WEIGHTS))) {
                assertEquals(kind, f.metadata().get(InputNormalization.KEY_KIND));
                assertEquals("3,32,32", f.metadata().get(InputNormalization.KEY_SHAPE));
                assertEquals(kind.equals("standardize"), f.metadata().get(InputNormalization.KEY_MEAN) != null);
                if (kind.equals("standardize")) assertEquals(3, f.metadata().get(InputNormalization.KEY_STD).split(",").length);
            }
            String summary = Files.readString(out.resolve(TrainOutputs.SUMMARY));
            assertTrue(summary.contains("\"dropout\" : 0.5") && summary.contains("glorot-truncated") && summary.contains("input.formula"), summary);
        }
    }
}
