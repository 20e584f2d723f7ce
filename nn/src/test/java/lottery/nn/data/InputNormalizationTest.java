package lottery.nn.data;

import lottery.nn.Checkpoint;
import lottery.nn.io.Safetensors;
import lottery.nn.io.SafetensorsReader;
import lottery.nn.models.Models;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class InputNormalizationTest {
    @TempDir Path tmp;

    static SplitData split(InputNormalization.Kind kind) {
        return SplitData.split("toy", SplitAndLoaderTest.coded(300), SplitAndLoaderTest.coded(50), new SplitOptions(30, 5, kind));
    }

    @Test void noneDividesBy255AndRecordsMeanZeroStdOne() {
        SplitData s = split(InputNormalization.Kind.NONE);
        assertEquals(200f / 255f, s.test().x()[3], 1e-7f);
        Map<String, String> m = s.metadata();
        assertEquals("none", m.get(InputNormalization.KEY_KIND));
        assertEquals("0.0", m.get(InputNormalization.KEY_MEAN));
        assertEquals("1.0", m.get(InputNormalization.KEY_STD));
        assertEquals("x = pixel / 255", m.get(InputNormalization.KEY_FORMULA));
        assertEquals("1,2,2", m.get(InputNormalization.KEY_SHAPE));
    }

    @Test void standardizeRecordsTheTrainingStatisticsItApplied() {
        SplitData raw = split(InputNormalization.Kind.NONE), s = split(InputNormalization.Kind.STANDARDIZE);
        float[][] stats = raw.train().channelStats();
        Map<String, String> m = s.metadata();
        assertEquals(Float.toString(stats[0][0]), m.get(InputNormalization.KEY_MEAN));
        assertEquals(Float.toString(stats[1][0]), m.get(InputNormalization.KEY_STD));
        // the recorded formula reproduces the inputs from the raw pixels
        float mean = Float.parseFloat(m.get(InputNormalization.KEY_MEAN)), std = Float.parseFloat(m.get(InputNormalization.KEY_STD));
        for (int i = 0; i < 40; i++) assertEquals((raw.test().x()[i] - mean) / std, s.test().x()[i], 1e-5f);
    }

    @Test void l2MakesEveryImageAUnitVector() {
        SplitData s = split(InputNormalization.Kind.L2);
        for (Dataset d : new Dataset[] {s.train(), s.validation(), s.test()})
            for (int i = 0; i < d.size(); i++) {
                double sq = 0;
                for (int j = 0; j < 4; j++) sq += d.x()[i * 4 + j] * d.x()[i * 4 + j];
                assertEquals(1.0, sq, 1e-5, d.name() + " sample " + i);
            }
        assertEquals("l2", s.metadata().get(InputNormalization.KEY_KIND));
        assertNull(s.metadata().get(InputNormalization.KEY_MEAN));
        assertThrows(IllegalArgumentException.class, () -> InputNormalization.Kind.parse("whiten"));
    }

    @Test void aSavedModelCarriesItsNormalisation() throws IOException {
        SplitData s = split(InputNormalization.Kind.STANDARDIZE);
        Path f = tmp.resolve("m.safetensors");
        Checkpoint.save(Models.create("lenet300", new int[]{1, 2, 2}, 10, 0), f, s.metadata());
        try (SafetensorsReader r = Safetensors.open(f)) {
            assertEquals(s.metadata().get(InputNormalization.KEY_MEAN), r.metadata().get(InputNormalization.KEY_MEAN));
            assertEquals("standardize", r.metadata().get(InputNormalization.KEY_KIND));
        }
    }
}
