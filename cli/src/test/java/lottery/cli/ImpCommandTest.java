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
        assertEquals(2, imp("--rewind", "later"));
        assertEquals(2, imp("--model", "resnet999"));
        assertEquals(2, imp("--dataset", "imagenet"));
        assertEquals(2, imp("--optimizer", "rmsprop"));
        assertEquals(2, imp("--iterations", "100", "--eval-every", "200"));
        assertEquals(2, Main.execute("run", "--preset", "huge", "--out", out.toString()));
        try (var files = Files.list(out)) {
            assertEquals(0, files.count(), "a rejected command must not create a store");
        }
    }

    @Test void aMissingDataDirectoryIsARuntimeError() {
        assertEquals(1, imp("--data-dir", out.resolve("absent").toString(), "--levels", "0", "--iterations", "10", "--eval-every", "10"));
    }
}
