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

    @Test void theSavedModelRecordsHowItsInputsWereNormalised() throws IOException {
        Path data = CifarFixture.write(tmp.resolve("cifar"));
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
            assertTrue(summary.contains("\"dropout\" : 0.5") && summary.contains("glorot-truncated")
                    && summary.contains("input.formula"), summary);
        }
    }
}
