package lottery.pruning;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ExperimentConfigTest {
    static ExperimentConfig base() { return ImpTest.config("init", 3, List.of(Arm.TICKET)); }

    @Test void identityExcludesTheExtentAndIncludesWhatChangesResults() {
        ExperimentConfig c = base();
        assertEquals(10, c.hash().length());
        assertEquals(c.hash(), c.withExtent(12, 5, Arm.parseList("reinit,random")).hash());
        ExperimentConfig lr = new ExperimentConfig("fake", "none", "layerwise", 0.2, 0.1, 0.15, "init", 20, 8, "adam", 2e-3, 0.9, 0, 5, 7, 3, 1, List.of(Arm.TICKET));
        assertNotEquals(c.hash(), lr.hash());
        assertTrue(c.canonicalJson().startsWith("{\"batch\":8,"), c.canonicalJson());
        assertEquals("fake-none-" + c.hash(), c.storeName());
    }

    @Test void badValuesAreOneLineErrors() {
        assertThrows(IllegalArgumentException.class, () -> new ExperimentConfig("fake", "none", "layerwise", 1.2, 0.1, 0.15, "init", 20, 8, "adam", 1e-3, 0.9, 0, 5, 7, 3, 1, null));
        assertThrows(IllegalArgumentException.class, () -> new ExperimentConfig("fake", "none", "nope", 0.2, 0.1, 0.15, "init", 20, 8, "adam", 1e-3, 0.9, 0, 5, 7, 3, 1, null));
        assertThrows(IllegalArgumentException.class, () -> new ExperimentConfig("fake", "none", "layerwise", 0.2, 0.1, 0.15, "3x", 20, 8, "adam", 1e-3, 0.9, 0, 5, 7, 3, 1, null));
        assertThrows(IllegalArgumentException.class, () -> new ExperimentConfig("fake", "none", "layerwise", 0.2, 0.1, 0.15, "init", 20, 8, "adam", 1e-3, 0.9, 0, 5, 7, -1, 1, null));
        assertThrows(IllegalArgumentException.class, () -> new ExperimentConfig("fake", "none", "layerwise", 0.2, 0.1, 0.15, "init", 20, 8, "rmsprop", 1e-3, 0.9, 0, 5, 7, 3, 1, null));
        assertThrows(IllegalArgumentException.class, () -> new ExperimentConfig("fake", "none", "layerwise", 0.2, 0.1, 0.15, "init", 20, 8, "adam", 1e-3, 0.9, 0, 50, 7, 3, 1, null));
        assertThrows(IllegalArgumentException.class, () -> new ExperimentConfig("../x", "none", "layerwise", 0.2, 0.1, 0.15, "init", 20, 8, "adam", 1e-3, 0.9, 0, 5, 7, 3, 1, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Arm.parseList("ticket,lucky"));
        assertTrue(e.getMessage().contains("lucky"));
    }

    @Test void rewindParsing() {
        assertEquals(Rewind.INIT, Rewind.parse("init"));
        assertEquals(Rewind.NONE, Rewind.parse("NONE"));
        assertEquals(500, Rewind.parse("500it").iteration(917));
        assertEquals(2 * 917, Rewind.parse("2ep").iteration(917));
        assertEquals(-1, Rewind.INIT.iteration(917));
        assertEquals("2ep", Rewind.parse("2ep").toString());
        assertThrows(IllegalArgumentException.class, () -> Rewind.parse("0it"));
        assertThrows(IllegalArgumentException.class, () -> Rewind.parse("later"));
    }
}
