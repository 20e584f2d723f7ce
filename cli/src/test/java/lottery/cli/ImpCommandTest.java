package lottery.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class ImpCommandTest {
    @TempDir Path out;

    private int imp(String... extra) {
        String[] args = new String[extra.length + 3];
        args[0] = "imp";
        args[1] = "--out";
        args[2] = out.toString();
        System.arraycopy(extra, 0, args, 3, extra.length);
        return Main.execute(args);
    }

    @Test void badValuesAreUsageErrorsAndCreateNoStore() throws IOException {
        assertEquals(2, imp("--rate", "1.5"));
        assertEquals(2, imp("--rate", "0"));
        assertEquals(2, imp("--output-rate", "-0.1"));
        assertEquals(2, imp("--levels", "-1"));
        assertEquals(2, imp("--replicates", "0"));
        assertEquals(2, imp("--arms", "ticket,lucky"));
        assertEquals(2, imp("--strategy", "magic"));
        assertEquals(2, imp("--strategy", "nm:2:4,2:4"));
        assertEquals(2, imp("--strategy", "block:4x0"));
        assertEquals(2, imp("--strategy", "nm:4:8,2:8,1:8", "--levels", "4"));     // the fourth level would remove nothing
        assertEquals(2, Main.execute("run", "--strategy", "block:1x1", "--out", out.toString()));
        assertEquals(2, imp("--rewind", "later"));
        assertEquals(2, imp("--model", "resnet999"));
        assertEquals(2, imp("--dataset", "imagenet"));
        assertEquals(2, imp("--optimizer", "rmsprop"));
        assertEquals(2, imp("--iterations", "100", "--eval-every", "200"));
        assertEquals(2, Main.execute("run", "--preset", "huge", "--out", out.toString()));
        assertEquals(2, imp("--dropout", "1.5"));
        assertEquals(2, imp("--normalize", "whiten"));
        assertEquals(2, imp("--init", "orthogonal"));
        assertEquals(2, imp("--model", "lenet5-dropout"));
        assertEquals(2, Main.execute("run", "--preset", "paper", "--model", "lenet5", "--out", out.toString()));
        assertEquals(2, Main.execute("run", "--preset", "demo", "--model", "conv2", "--out", out.toString()));
        assertEquals(2, Main.execute("train", "--normalize", "whiten"));
        assertEquals(2, Main.execute("train", "--dropout", "-0.1"));
        try (var files = Files.list(out)) {
            assertEquals(0, files.count(), "a rejected command must not create a store");
        }
    }

    @Test void thePaperPresetOfAConvNetNeedsCifarAndSaysHowToAddIt() throws IOException {
        String saved = System.getProperty(lottery.nn.data.DataCache.PROPERTY);
        System.setProperty(lottery.nn.data.DataCache.PROPERTY, out.resolve("cache").toString());
        try {
            CliRun r = CliRun.of("run", "--preset", "paper", "--model", "conv4-dropout", "--replicates", "2",
                    "--out", out.resolve("runs").toString());
            assertEquals(1, r.exit(), r.err());
            assertTrue(r.out().contains("--model conv4-dropout --dataset cifar10") && r.out().contains("--lr 3.0E-4")
                    && r.out().contains("--replicates 2") && r.out().contains("--dropout 0.5"), r.out());
            assertTrue(r.err().contains("lottery data add cifar10"), r.err());
            assertFalse(Files.exists(out.resolve("runs")), "no store without data");
        } finally {
            if (saved == null) System.clearProperty(lottery.nn.data.DataCache.PROPERTY);
            else System.setProperty(lottery.nn.data.DataCache.PROPERTY, saved);
        }
    }

    @Test void aMissingDataDirectoryIsARuntimeError() {
        assertEquals(1, imp("--data-dir", out.resolve("absent").toString(), "--levels", "0", "--iterations", "10", "--eval-every", "10"));
    }
}
