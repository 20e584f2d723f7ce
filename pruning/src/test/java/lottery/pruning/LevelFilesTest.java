package lottery.pruning;

import lottery.nn.io.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.*;

class LevelFilesTest {
    @TempDir Path out;

    @Test void resultsCanBeReadWhileOtherLevelsAreBeingWritten() throws Exception {
        ExperimentConfig c = ImpTest.config("init", 1, List.of(Arm.TICKET));
        List<LevelResult> done = ImpTest.run(c, new FakeNetwork.Factory(20, 5), out, new ArrayList<>());
        ExperimentStore store = ExperimentStore.open(out, c);
        Path busy = store.levelDir(Arm.REINIT, 0, 1);
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {                      // temp files appear and are renamed all the time
            try {
                for (int i = 0; !stop.get(); i++) AtomicFiles.writeString(busy.resolve("metrics.csv"), "row " + i + "\n");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        try {
            for (int i = 0; i < 300; i++) assertEquals(done.size(), store.results().size());
        } finally {
            stop.set(true);
            writer.join();
        }
    }
}
