package lottery.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A weight matrix W: [out, in] and how many activation rows one sample contributes ({@code positions}:
 * 1 for a linear layer, H·W output positions for a conv layer lowered to GEMM by im2col, where
 * in = inChannels·kh·kw). {@code square > 0} marks an m = n = k square product of that size.
 */
public record Layer(String name, int out, int in, int positions, int square) {
    public static Layer linear(String name, int out, int in) { return new Layer(name, out, in, 1, 0); }

    /** Conv outC×inC×kernel×kernel at an hw×hw output map, lowered by im2col. */
    public static Layer conv(String name, int outC, int inC, int kernel, int hw) {
        return new Layer(name, outC, inC * kernel * kernel, hw * hw, 0);
    }

    public static Layer square(int size) { return new Layer("square" + size, size, size, 1, size); }

    public boolean isSquare() { return square > 0; }

    /** The GEMMs this layer needs at {@code batch}: a square gives one (op square), a layer its three layouts. */
    public List<GemmShape> shapes(int batch, boolean squareAllOps) {
        List<GemmShape> out = new ArrayList<>();
        if (isSquare() && !squareAllOps) {
            out.add(GemmShape.of(name, Op.SQUARE, square, square, square, square));
            return out;
        }
        int rows = isSquare() ? square : Math.multiplyExact(batch, positions);
        int b = isSquare() ? square : batch;
        for (Op op : Op.LAYER) out.add(GemmShape.of(name, op, this.out, in, rows, b));
        return out;
    }
}
