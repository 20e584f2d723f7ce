package lottery.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ShapeSpecTest {
    @Test void lenetLayersAndTheirThreeLayouts() {
        List<Layer> l = ShapeSpec.parse("lenet300");
        assertEquals(3, l.size());
        assertEquals(300, l.get(0).out());
        assertEquals(784, l.get(0).in());
        List<GemmShape> s = l.get(0).shapes(60, true);
        assertEquals(new GemmShape("lenet300.fc1", Op.FORWARD, 60, 300, 784, 60), s.get(0));
        assertEquals(new GemmShape("lenet300.fc1", Op.BACKWARD_DATA, 60, 784, 300, 60), s.get(1));
        assertEquals(new GemmShape("lenet300.fc1", Op.BACKWARD_WEIGHTS, 300, 784, 60, 60), s.get(2));
        for (GemmShape g : s) {
            assertEquals(300, g.out());
            assertEquals(784, g.in());
            assertEquals(60, g.rows());
        }
    }

    @Test void squaresAndLinear() {
        Layer sq = ShapeSpec.parse("square:1024").get(0);
        assertEquals(List.of(new GemmShape("square1024", Op.SQUARE, 1024, 1024, 1024, 1024)), sq.shapes(60, false));
        assertEquals(3, sq.shapes(60, true).size());
        Layer lin = ShapeSpec.parse("linear:10x20").get(0);
        assertEquals(10, lin.out());
        assertEquals(20, lin.in());
    }

    /** The JMH engine passes layers to its forks as specs: every layer the sweep can name must parse back to itself. */
    @Test void everyLayerHasASpecThatParsesBackToIt() {
        for (String spec : List.of("lenet300", "conv6", "vgg", "resnet", "squares", "square:33", "linear:7x1000"))
            for (Layer l : ShapeSpec.parse(spec)) assertEquals(l, ShapeSpec.layer(ShapeSpec.spec(l)), l.name());
        assertThrows(IllegalArgumentException.class, () -> ShapeSpec.spec(new Layer("custom", 4, 9, 16, 0)));
    }

    @Test void convLayersAreLoweredByIm2col() {
        Layer c = ShapeSpec.parse("conv2").get(1);          // 64 x 64 x 3 x 3 at 32 x 32
        assertEquals(64, c.out());
        assertEquals(576, c.in());
        assertEquals(1024, c.positions());
        assertEquals(2 * 1024, c.shapes(2, true).get(0).m());
    }

    @Test void listDeduplicatesNestedModels() {
        assertEquals(6, ShapeSpec.parseList("conv2,conv4,conv6").size());
        assertEquals(4, ShapeSpec.parseList("lenet300, square:64").size());
    }

    @Test void badSpecsNameTheSpec() {
        for (String bad : new String[]{"lenet", "square:0", "square:x", "linear:3", "linear:3x", "linear:0x4", "", "square:-5", "square:100000"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShapeSpec.parseList(bad), bad);
            assertTrue(e.getMessage().contains("'"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test void implsOpsPatternsParseOrFail() {
        assertEquals(Impl.OPENBLAS, Impl.parse("openblas"));
        assertEquals(Impl.CUSPARSE, Impl.parse("cusparse"));
        assertThrows(IllegalArgumentException.class, () -> Impl.parse("mkl"));
        assertEquals(Op.BACKWARD_DATA, Op.parse("backward-data"));
        assertThrows(IllegalArgumentException.class, () -> Op.parse("sideways"));
        assertEquals("block4x4", MaskPattern.parse("block4x4").label());
        assertThrows(IllegalArgumentException.class, () -> MaskPattern.parse("striped"));
    }
}
