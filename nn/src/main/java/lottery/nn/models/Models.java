package lottery.nn.models;

import lottery.nn.Conv2d;
import lottery.nn.Dropout;
import lottery.nn.Flatten;
import lottery.nn.Init;
import lottery.nn.Linear;
import lottery.nn.MaxPool2d;
import lottery.nn.Module;
import lottery.nn.ReLU;
import lottery.nn.Reshape;
import lottery.nn.Sequential;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The networks of the lottery-ticket experiments, built for an input shape [C, H, W] and a class
 * count, from a registry of definitions. Weights use the {@link Options#init()} initialiser (Gaussian
 * Glorot by default) from per-layer streams of {@code seed}; biases start at 0. With dropout p > 0,
 * every hidden fully-connected layer's output goes through dropout p (the paper's "-dropout"
 * variants use 0.5). Inputs may be flat [batch, C·H·W] or [batch, C, H, W].
 */
public final class Models {
    /** How to build a model beyond its name: dropout rate on the hidden FC layers and weight init. */
    public record Options(double dropout, Init init) {
        public Options {
            if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
            if (init == null) throw new IllegalArgumentException("init must not be null");
        }
    }

    private interface Builder { Module build(int[] in, int classes, long seed, Options o); }

    private record Definition(double defaultDropout, Builder builder) {}

    private static final Map<String, Definition> REGISTRY = new LinkedHashMap<>();
    static {
        REGISTRY.put("lenet300", new Definition(0, Models::lenet300));
        REGISTRY.put("lenet5", new Definition(0, Models::lenet5));
        for (int pairs = 1; pairs <= 3; pairs++) {
            int n = pairs;
            REGISTRY.put("conv" + 2 * n, new Definition(0, (in, c, seed, o) -> convN(n, in, c, seed, o)));
        }
        for (int pairs = 1; pairs <= 3; pairs++) {
            int n = pairs;
            REGISTRY.put("conv" + 2 * n + "-dropout", new Definition(0.5, (in, c, seed, o) -> convN(n, in, c, seed, o)));
        }
    }

    /** Every model name: lenet300, lenet5, conv2, conv4, conv6 and conv2/4/6-dropout. */
    public static final List<String> NAMES = List.copyOf(REGISTRY.keySet());

    private Models() {}

    /** The model with its default options (its own dropout rate, Glorot normal init). */
    public static Module create(String name, int[] inputShape, int classes, long seed) {
        return create(name, inputShape, classes, seed, defaults(name));
    }

    public static Module create(String name, int[] inputShape, int classes, long seed, Options options) {
        Definition d = definition(name);
        if (inputShape == null || inputShape.length != 3 || Arrays.stream(inputShape).anyMatch(v -> v < 1))
            throw new IllegalArgumentException("model input shape must be [C, H, W] with positive sizes, got " + Arrays.toString(inputShape));
        if (classes < 2) throw new IllegalArgumentException("need at least 2 classes, got " + classes);
        return d.builder().build(inputShape, classes, seed, options);
    }

    /** Dropout 0.5 for the "-dropout" variants, else 0. */
    public static double defaultDropout(String name) { return definition(name).defaultDropout(); }

    public static Options defaults(String name) { return new Options(defaultDropout(name), Init.GLOROT_NORMAL); }

    private static Definition definition(String name) {
        Definition d = REGISTRY.get(name);
        if (d == null) throw new IllegalArgumentException("unknown model '" + name + "' (choose one of " + String.join(", ", NAMES) + ")");
        return d;
    }

    /** A hidden fully-connected layer with ReLU, then dropout when {@code o.dropout() > 0}. */
    private static void hidden(List<Module> layers, Linear fc, int index, long seed, Options o) {
        layers.add(fc);
        layers.add(new ReLU());
        if (o.dropout() > 0) layers.add(new Dropout("drop" + index, (float) o.dropout(), seed));
    }

    /** 784-300-100-10 with ReLU (for MNIST). */
    static Module lenet300(int[] in, int classes, long seed, Options o) {
        int features = in[0] * in[1] * in[2];
        List<Module> layers = new ArrayList<>(List.of(new Flatten()));
        hidden(layers, new Linear("fc1", features, 300, o.init(), seed), 1, seed, o);
        hidden(layers, new Linear("fc2", 300, 100, o.init(), seed), 2, seed, o);
        layers.add(new Linear("fc3", 100, classes, o.init(), seed));
        return new Sequential(layers.toArray(Module[]::new));
    }

    /** conv 6@5×5 pad 2, max-pool 2, conv 16@5×5, max-pool 2, FC 120, 84, classes. */
    static Module lenet5(int[] in, int classes, long seed, Options o) {
        // pad-2 conv keeps the size, pool halves, the 5×5 conv takes 4, pool halves again
        int h = (in[1] / 2 - 4) / 2, w = (in[2] / 2 - 4) / 2;
        if (h < 1 || w < 1) throw new IllegalArgumentException("lenet5 needs inputs of at least 12×12, got " + Arrays.toString(in));
        List<Module> layers = new ArrayList<>(List.of(new Reshape(in),
                new Conv2d("conv1", in[0], 6, 5, 1, 2, o.init(), seed), new ReLU(), new MaxPool2d(2, 2),
                new Conv2d("conv2", 6, 16, 5, 1, 0, o.init(), seed), new ReLU(), new MaxPool2d(2, 2),
                new Flatten()));
        hidden(layers, new Linear("fc1", 16 * h * w, 120, o.init(), seed), 1, seed, o);
        hidden(layers, new Linear("fc2", 120, 84, o.init(), seed), 2, seed, o);
        layers.add(new Linear("fc3", 84, classes, o.init(), seed));
        return new Sequential(layers.toArray(Module[]::new));
    }

    /** Conv-2/4/6: {@code pairs} blocks of two 3×3 convs (64, 128, 256 channels) then max-pool 2, then FC 256-256-classes. */
    static Module convN(int pairs, int[] in, int classes, long seed, Options o) {
        List<Module> layers = new ArrayList<>();
        layers.add(new Reshape(in));
        int c = in[0], h = in[1], w = in[2], conv = 0;
        for (int p = 0; p < pairs; p++) {
            int width = 64 << p;
            for (int r = 0; r < 2; r++) {
                layers.add(new Conv2d("conv" + (++conv), c, width, 3, 1, 1, o.init(), seed));
                layers.add(new ReLU());
                c = width;
            }
            layers.add(new MaxPool2d(2, 2));
            h /= 2; w /= 2;
            if (h < 1 || w < 1) throw new IllegalArgumentException("conv" + 2 * pairs + " needs larger inputs than " + Arrays.toString(in));
        }
        layers.add(new Flatten());
        hidden(layers, new Linear("fc1", c * h * w, 256, o.init(), seed), 1, seed, o);
        hidden(layers, new Linear("fc2", 256, 256, o.init(), seed), 2, seed, o);
        layers.add(new Linear("fc3", 256, classes, o.init(), seed));
        return new Sequential(layers.toArray(Module[]::new));
    }
}
