package lottery.bench;

import lottery.engine.NoGrad;
import lottery.engine.Tensor;
import lottery.nn.Conv2d;
import lottery.nn.Linear;
import lottery.nn.Module;
import lottery.nn.Sequential;

import java.util.ArrayList;
import java.util.List;

/**
 * The GEMMs of one training step of a model, as the engine lowers it: a linear layer W: [out, in] on
 * {@code batch} rows; a convolution W: [OC, C, KH, KW] as the layer [OC, C·KH·KW] on batch·OH·OW rows
 * (im2col). Each weighted layer has its forward, backward-data and backward-weights products, except the
 * first, whose input needs no gradient. Shapes come from tracing one image through the model's layers.
 */
public final class StepProducts {
    private StepProducts() {}

    /** One weighted layer: the lowered matrix sizes. */
    public record Layer(String name, int out, int in, int rows) {}

    /** The weighted layers of {@code model} (a {@link Sequential}) for inputs [C, H, W], in order. */
    public static List<Layer> layers(Module model, int[] inShape, int batch) {
        if (!(model instanceof Sequential seq)) throw new IllegalArgumentException("can only trace a Sequential model, got " + model.getClass().getSimpleName());
        List<Layer> out = new ArrayList<>();
        boolean was = model.isTraining();
        model.eval();
        try (NoGrad g = NoGrad.enter()) {
            Tensor x = Tensor.of(new float[inShape[0] * inShape[1] * inShape[2]], 1, inShape[0], inShape[1], inShape[2]);
            for (Module m : seq.layers()) {
                Tensor y = m.forward(x);
                if (m instanceof Conv2d c) {
                    int[] w = c.weight().shape();
                    out.add(new Layer(c.weight().name(), w[0], w[1] * w[2] * w[3], batch * y.size(2) * y.size(3)));
                } else if (m instanceof Linear l) {
                    int[] w = l.weight().shape();
                    out.add(new Layer(l.weight().name(), w[0], w[1], batch));
                }
                x = y;
            }
        } finally {
            if (was) model.train();
        }
        return out;
    }

    /** The products of a training step over {@code layers}: three per layer, two for the first. */
    public static List<GemmShape> products(List<Layer> layers, int batch) {
        List<GemmShape> out = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            Layer s = layers.get(l);
            for (Op op : Op.LAYER) {
                if (l == 0 && op == Op.BACKWARD_DATA) continue;
                out.add(GemmShape.of(s.name(), op, s.out(), s.in(), s.rows(), batch));
            }
        }
        return out;
    }

    /** Dense-equivalent floating-point operations of the step's products. */
    public static double flops(List<GemmShape> products) {
        double f = 0;
        for (GemmShape s : products) f += s.flops();
        return f;
    }
}
