package lottery.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

class VectorWidthTest {
    @Test void usesTheForcedWidthOrThePreferredOne() {
        String forced = System.getProperty(VectorWidth.PROPERTY);
        int expected = forced == null ? FloatVector.SPECIES_PREFERRED.vectorBitSize() : Integer.parseInt(forced);
        assertEquals(expected, VectorWidth.FLOAT.vectorBitSize());
    }

    @Test void namesEachWidthAndRejectsOthers() {
        assertEquals(FloatVector.SPECIES_128, VectorWidth.species(128));
        assertEquals(FloatVector.SPECIES_256, VectorWidth.species(256));
        assertEquals(FloatVector.SPECIES_512, VectorWidth.species(512));
        assertEquals(FloatVector.SPECIES_PREFERRED, VectorWidth.species(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VectorWidth.species(384));
        assertEquals("lottery.vectorBits=384: use 128, 256 or 512 (or leave it unset)", e.getMessage());
    }
}
