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

    @Test void storesMadeBeforeTheNewSettingsKeepTheirNames() {
        // the store of docs/results (`lottery imp --iterations 8000 --eval-every 250 ...`)
        ExperimentConfig docs = new ExperimentConfig("lenet300", "mnist", "layerwise", 0.2, 0.1, 0.15, "init", 8000, 60, "adam",
                1.2e-3, 0.9, 0, 250, 0, 18, 3, List.of(Arm.TICKET, Arm.REINIT));
        assertEquals("lenet300-mnist-714aead230", docs.storeName());
        assertEquals(docs.hash(), docs.withVariant(0, "standardize", "glorot-normal").hash());
        for (ExperimentConfig v : List.of(docs.withVariant(0.5, "standardize", "glorot-normal"),
                docs.withVariant(0, "none", "glorot-normal"), docs.withVariant(0, "l2", "glorot-normal"),
                docs.withVariant(0, "standardize", "glorot-truncated")))
            assertNotEquals(docs.hash(), v.hash(), v.identity().toString());
        assertEquals("none", docs.withVariant(0, "NONE", "glorot-normal").identity().get("normalize"));
    }

    @Test void aLateRewindNamesItsGlobalClock() {
        ExperimentConfig late = ImpTest.config("8it", 3, List.of(Arm.TICKET));
        assertEquals("global", late.identity().get("rewindClock"));
        assertNull(base().identity().get("rewindClock"));
    }

    @Test void badValuesAreOneLineErrors() {
        assertThrows(IllegalArgumentException.class, () -> base().withVariant(1.0, "standardize", "glorot-normal"));
        assertThrows(IllegalArgumentException.class, () -> base().withVariant(0, "whiten", "glorot-normal"));
        assertThrows(IllegalArgumentException.class, () -> base().withVariant(0, "none", "orthogonal"));
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
        assertEquals(500, Rewind.parse("500it").iteration(916));
        assertEquals(2 * 916, Rewind.parse("2ep").iteration(916));
        assertEquals(-1, Rewind.INIT.iteration(916));
        assertEquals("2ep", Rewind.parse("2ep").toString());
        assertThrows(IllegalArgumentException.class, () -> Rewind.parse("0it"));
        assertThrows(IllegalArgumentException.class, () -> Rewind.parse("later"));
    }
}
